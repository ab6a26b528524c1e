import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { HadolintConfig } from './service/hadolintConfig';
import { parseHadolintConfig } from './service/hadolintConfig';

export interface HadolintConfigSearch {
  /** Where the search starts: the Dockerfile's folder (or the working directory for the CLI). */
  readonly startDir: string;
  /** The workspace folder: the upward search stops there. Without it, it goes up to the file system root. */
  readonly stopDir?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly home?: string;
  readonly isFile?: (p: string) => boolean;
}

const PROJECT_FILES = ['.hadolint.yaml', '.hadolint.yml'];

/**
 * Where a `.hadolint.yaml` applies, first match wins:
 * 1. the start folder and its parents up to the workspace folder: `.hadolint.yaml`, `.hadolint.yml`
 *    (hadolint itself looks only in the working directory; a project file above the Dockerfile's folder
 *    is what editor users expect, so we search upwards);
 * 2. then hadolint's own user-level order: `$XDG_CONFIG_HOME/hadolint.{yaml,yml}` (default `~/.config`),
 *    `~/.hadolint/{hadolint,config}.{yaml,yml}`, `~/.hadolint.{yaml,yml}`.
 */
export function hadolintConfigCandidates(search: HadolintConfigSearch): string[] {
  const out: string[] = [];
  const stop = search.stopDir ? path.resolve(search.stopDir) : undefined;
  let dir = path.resolve(search.startDir);
  for (;;) {
    for (const f of PROJECT_FILES) out.push(path.join(dir, f));
    if (stop !== undefined && (dir === stop || !isInside(dir, stop))) break;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  const env = search.env ?? process.env;
  const home = search.home ?? os.homedir();
  const xdg = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  out.push(path.join(xdg, 'hadolint.yaml'), path.join(xdg, 'hadolint.yml'));
  for (const f of ['hadolint.yaml', 'hadolint.yml', 'config.yaml', 'config.yml']) out.push(path.join(home, '.hadolint', f));
  for (const f of PROJECT_FILES) out.push(path.join(home, f));
  return out;
}

/** The user-level config locations hadolint reads, as (folder, glob) pairs an LSP client can watch without a recursive watch of the home folder. */
export function hadolintUserConfigWatches(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): { base: string; pattern: string }[] {
  const xdg = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  return [
    { base: xdg, pattern: 'hadolint.{yaml,yml}' },
    { base: path.join(home, '.hadolint'), pattern: '{hadolint,config}.{yaml,yml}' },
    { base: home, pattern: '.hadolint.{yaml,yml}' },
  ];
}

function isInside(dir: string, root: string): boolean {
  const rel = path.relative(root, dir);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function defaultIsFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

export function findHadolintConfig(search: HadolintConfigSearch): string | undefined {
  const isFile = search.isFile ?? defaultIsFile;
  return hadolintConfigCandidates(search).find(isFile);
}

export interface LoadedHadolintConfig extends HadolintConfig {
  readonly path: string;
}

/** Reads and parses a config file; an unreadable file is one problem in the result, never an exception. */
export function loadHadolintConfig(file: string): LoadedHadolintConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { path: file, settings: { rules: {}, families: {} }, problems: [{ message: `cannot read ${file}: ${why}`, level: 'error', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] };
  }
  return { path: file, ...parseHadolintConfig(text) };
}
