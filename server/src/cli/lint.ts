import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { findHadolintConfig } from '../hadolintConfigFile';
import { createLanguageService } from '../service';
import { loadShellParser } from '../shellParser';
import type { LanguageService, Settings } from '../service';
import { composeRules } from '../service/compose/rules';
import { dockerfileSupport } from '../service/lazy';
import { DEFAULT_SETTINGS } from '../service/settings';
import { nodeFiles } from '../server';
import type { FailureThreshold, LintOptions } from './args';
import type { CliConfig, ConfigResult } from './config';
import { loadConfig, overlayConfig } from './config';
import type { Target } from './discover';
import { describeFsError, discover } from './discover';
import type { CliRuleMeta, FileReport } from './findings';
import { atOrAbove, compareFindings, ruleMetaFor, toFinding } from './findings';
import { format } from './formatters';

/** Where the CLI reads and writes; injected so nothing here touches `process` directly. */
export interface CliIo {
  readonly cwd: string;
  readonly version: string;
  out(text: string): void;
  err(text: string): void;
  /** The whole of standard input, or an error when it cannot be read or is too large. */
  readStdin(limit: number): Promise<Buffer>;
}

/** Above this a file is reported as too large instead of linted: parsing is linear, but nobody writes a Dockerfile this big. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** Git's heuristic: a NUL byte in the first 8000 bytes means binary. */
const BINARY_SNIFF_BYTES = 8000;

export type Decoded = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string };

/** Bytes to text: UTF-8 (BOM kept for the model, which handles it), UTF-16 with a BOM; binary data is refused. */
export function decode(bytes: Buffer): Decoded {
  if (bytes.length > MAX_FILE_BYTES) return tooLarge(bytes.length);
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: '\ufeff' + bytes.subarray(2).toString('utf16le') };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const body = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
    return { ok: true, text: '\ufeff' + body.swap16().toString('utf16le') };
  }
  const sniff = bytes.subarray(0, BINARY_SNIFF_BYTES);
  if (sniff.includes(0)) return { ok: false, error: 'looks like a binary file (it contains NUL bytes), not a Dockerfile or Compose file' };
  return { ok: true, text: bytes.toString('utf8') };
}

function tooLarge(size: number): Decoded {
  return { ok: false, error: `file is too large to lint (${(size / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB)` };
}

function readTarget(target: Target, io: CliIo): Promise<Decoded> {
  if (!target.fsPath) {
    return io.readStdin(MAX_FILE_BYTES + 1).then(decode, (err: unknown) => ({ ok: false, error: `cannot read standard input: ${describeFsError(err)}` }));
  }
  try {
    const st = fs.statSync(target.fsPath);
    if (!st.isFile()) return Promise.resolve({ ok: false, error: 'not a regular file' });
    if (st.size > MAX_FILE_BYTES) return Promise.resolve(tooLarge(st.size));
    return Promise.resolve(decode(fs.readFileSync(target.fsPath)));
  } catch (err) {
    return Promise.resolve({ ok: false, error: describeFsError(err) });
  }
}

export function lintText(service: LanguageService, target: Target, text: string, settings: Settings): FileReport {
  const uri = target.fsPath ? pathToFileURL(target.fsPath).href : `untitled:${target.display}`;
  const diagnostics = service.validate({ uri, version: 0, getText: () => text }, target.kind, { settings, fsPath: target.fsPath });
  const findings = diagnostics.map((d) => toFinding(target.display, d)).sort(compareFindings);
  const ruleDocs = new Map<string, string>();
  for (const d of diagnostics) if (typeof d.code === 'string' && d.codeDescription) ruleDocs.set(d.code, d.codeDescription.href);
  return { file: target.display, fsPath: target.fsPath, findings, ruleDocs };
}

/**
 * The config each file is linted with. `--config` with a `.hadolint.yaml` replaces discovery, as in hadolint;
 * otherwise the nearest `.hadolint.yaml` (from the file's folder up to the working directory, then the user's
 * config folder) applies per folder, with our own `--config` file on top of it.
 */
class ConfigResolver {
  private readonly byDir = new Map<string, ConfigResult | undefined>();
  private readonly byFile = new Map<string, ConfigResult>();

  constructor(private readonly cwd: string, private readonly explicit: ConfigResult | undefined, private readonly explicitIsHadolint: boolean) {}

  forTarget(target: Target): ConfigResult | undefined {
    if (this.explicit && (!this.explicit.ok || this.explicitIsHadolint)) return this.explicit;
    const dir = target.fsPath ? path.dirname(path.resolve(target.fsPath)) : this.cwd;
    let found: ConfigResult | undefined;
    if (this.byDir.has(dir)) found = this.byDir.get(dir);
    else {
      // Up to the working directory when the file is inside it; a file elsewhere only sees its own folder.
      const rel = path.relative(this.cwd, dir);
      const stopDir = rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel)) ? this.cwd : dir;
      const file = findHadolintConfig({ startDir: dir, stopDir });
      if (file) {
        found = this.byFile.get(file) ?? relabel(loadConfig(file), file, this.displayPath(file));
        this.byFile.set(file, found);
      }
      this.byDir.set(dir, found);
    }
    if (!found) return this.explicit;
    if (!this.explicit || !found.ok) return found;
    return { ok: true, config: overlayConfig(found.config, (this.explicit as { ok: true; config: CliConfig }).config) };
  }

  private displayPath(file: string): string {
    const rel = path.relative(this.cwd, file);
    return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
  }

  /** Every config file read so far, for its warnings and errors (each told once). */
  results(): ConfigResult[] {
    return [...(this.explicit ? [this.explicit] : []), ...this.byFile.values()];
  }
}

/** Messages name a discovered config file the way the user sees it (relative to the working directory). */
function relabel(result: ConfigResult, file: string, display: string): ConfigResult {
  if (file === display) return result;
  const fix = (m: string): string => m.split(file).join(display);
  return result.ok ? { ok: true, config: { ...result.config, warnings: result.config.warnings.map(fix) } } : { ok: false, error: fix(result.error) };
}

/** `docker-tutor lint`: returns the exit status (0 clean, 1 findings at the threshold, 2 usage or I/O errors). */
export async function runLint(options: LintOptions, io: CliIo): Promise<number> {
  let explicit: ConfigResult | undefined;
  let explicitIsHadolint = false;
  if (options.config) {
    explicit = loadConfig(options.config);
    if (!explicit.ok) {
      io.err(`docker-tutor: ${explicit.error}\n`);
      return 2;
    }
    explicitIsHadolint = explicit.config.isHadolint === true;
  }
  const configs = new ConfigResolver(io.cwd, explicit, explicitIsHadolint);

  const { targets, errors } = discover(options.paths, options.stdinFilename, io.cwd);
  // The shell rules need their parser loaded; without it they would stay silent.
  await loadShellParser();
  const service = createLanguageService({ files: nodeFiles });
  const reports: FileReport[] = [];
  let failed = false;
  let configFailed = false;
  for (const target of targets) {
    const config = configs.forTarget(target);
    if (config && !config.ok) {
      configFailed = true;
      continue;
    }
    const read = await readTarget(target, io);
    if (!read.ok) {
      errors.push(`${target.display}: ${read.error}`);
      continue;
    }
    try {
      const report = lintText(service, target, read.text, config?.config.settings ?? DEFAULT_SETTINGS);
      reports.push(report);
      const threshold: FailureThreshold = options.failureThreshold ?? config?.config.failureThreshold ?? 'error';
      if (!config?.config.noFail && report.findings.some((f) => atOrAbove(f.severity, threshold))) failed = true;
    } catch (err) {
      // A bug of ours must not hide the other files' results, nor print a stack trace at the user.
      errors.push(`${target.display}: internal error while linting (${err instanceof Error ? err.message : String(err)}); please report it`);
    }
    service.forget(target.fsPath ? pathToFileURL(target.fsPath).href : `untitled:${target.display}`);
  }

  for (const c of configs.results()) {
    if (c.ok) for (const w of c.config.warnings) io.err(`docker-tutor: warning: ${w}\n`);
    else errors.push(c.error);
  }
  for (const e of errors) io.err(`docker-tutor: ${e}\n`);
  io.out(format(options.format, { reports, rules: ruleCatalog(reports), errors, cwd: io.cwd, version: io.version }));

  const all = reports.flatMap((r) => r.findings);
  if (options.format === 'text') {
    if (all.length) io.err(summary(all.map((f) => f.severity), reports.length));
    else if (targets.length === 0 && errors.length === 0) io.err('docker-tutor: no Dockerfile or Compose file found\n');
  }
  if (errors.length || configFailed) return 2;
  return failed ? 1 : 0;
}

/** Every registered rule (Dockerfile, then Compose), then any rule seen in findings that neither registry lists. */
export function ruleCatalog(reports: readonly FileReport[]): CliRuleMeta[] {
  const out = [...dockerfileSupport().dockerfileRules, ...composeRules].map((r) => ruleMetaFor(r.id, r.explain.docsUrl));
  const seen = new Set(out.map((r) => r.id));
  for (const r of reports) {
    for (const f of r.findings) {
      if (seen.has(f.rule)) continue;
      seen.add(f.rule);
      out.push(ruleMetaFor(f.rule, r.ruleDocs.get(f.rule)));
    }
  }
  return out;
}

function summary(severities: readonly string[], files: number): string {
  const count = (s: string) => severities.filter((x) => x === s).length;
  const parts = (['error', 'warning', 'info', 'hint'] as const).map((s) => [s, count(s)] as const).filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}${n === 1 ? '' : s === 'info' ? '' : 's'}`);
  const n = severities.length;
  return `${n} problem${n === 1 ? '' : 's'} (${parts.join(', ')}) in ${files} file${files === 1 ? '' : 's'} checked\n`;
}
