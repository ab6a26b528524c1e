import * as fs from 'fs';
import * as path from 'path';
import type { DocumentKind } from '../service';

/** A file to lint, with the name it is reported under (as the user wrote it, or joined to the folder they gave). */
export interface Target {
  readonly display: string;
  /** Absolute path; undefined for standard input. */
  readonly fsPath: string | undefined;
  readonly kind: DocumentKind;
}

export interface Discovery {
  readonly targets: Target[];
  /** Paths that do not exist or cannot be listed: a usage/I-O error, reported but not fatal for the others. */
  readonly errors: string[];
}

const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git']);

/** `Dockerfile`, `Dockerfile.dev`, `Dockerfile-windows`, `api.Dockerfile` (and the same for Containerfile): the names the server recognises. */
const DOCKERFILE_NAME = /^(?:(?:Dockerfile|Containerfile)(?:[.-][^/\\]+)?|[^/\\]+\.(?:Dockerfile|Containerfile))$/i;
/** Names that share the Dockerfile prefix but are not Dockerfiles (per-Dockerfile ignore files, notes). */
const NOT_DOCKERFILE = /\.(?:dockerignore|md|txt|orig|rej|bak|swp)$/i;
const COMPOSE_NAME = /^(?:compose(?:\.[^/\\]+)?|docker-compose[^/\\]*)\.ya?ml$/i;

/** The kind a folder walk assigns to a file name, or undefined when the walk skips it. */
export function kindOfName(base: string): DocumentKind | undefined {
  if (COMPOSE_NAME.test(base)) return 'compose';
  if (DOCKERFILE_NAME.test(base) && !NOT_DOCKERFILE.test(base)) return 'dockerfile';
  return undefined;
}

/** The kind of a file the user named explicitly: Compose by name, a Dockerfile otherwise. */
export function kindOfExplicit(base: string): DocumentKind {
  return COMPOSE_NAME.test(base) || /\.ya?ml$/i.test(base) ? 'compose' : 'dockerfile';
}

/**
 * Expands the command-line paths. Folders are walked depth-first in name order (stable output);
 * symbolic links to folders are not followed, so a link cycle cannot hang the walk.
 */
export function discover(paths: readonly string[], stdinFilename: string | undefined, cwd = process.cwd()): Discovery {
  const targets: Target[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  const add = (t: Target): void => {
    const key = t.fsPath ?? '\u0000stdin';
    if (seen.has(key)) return;
    seen.add(key);
    targets.push(t);
  };

  for (const p of paths) {
    if (p === '-') {
      const name = stdinFilename ?? '-';
      add({ display: name, fsPath: undefined, kind: stdinFilename ? kindOfExplicit(path.basename(stdinFilename)) : 'dockerfile' });
      continue;
    }
    const abs = path.resolve(cwd, p);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (err) {
      errors.push(`${p}: ${describeFsError(err)}`);
      continue;
    }
    if (st.isDirectory()) walk(abs, p, add, errors);
    else add({ display: p, fsPath: abs, kind: kindOfExplicit(path.basename(abs)) });
  }
  return { targets, errors };
}

function walk(dir: string, display: string, add: (t: Target) => void, errors: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    errors.push(`${display}: ${describeFsError(err)}`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const abs = path.join(dir, e.name);
    const shown = display === '.' ? e.name : path.join(display, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(abs, shown, add, errors);
      continue;
    }
    const kind = kindOfName(e.name);
    if (!kind) continue;
    // A link to a file is linted; a link to a folder is not followed (cycles).
    if (e.isSymbolicLink()) {
      try {
        if (!fs.statSync(abs).isFile()) continue;
      } catch {
        continue;
      }
    } else if (!e.isFile()) continue;
    add({ display: shown, fsPath: abs, kind });
  }
}

/** `ENOENT` and friends in words, without a stack. */
export function describeFsError(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    case 'ENOTDIR': return 'not a directory';
    case 'ELOOP': return 'too many levels of symbolic links';
    case 'EMFILE':
    case 'ENFILE': return 'too many open files';
    default: return err instanceof Error ? err.message : String(err);
  }
}
