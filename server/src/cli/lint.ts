import * as fs from 'fs';
import { pathToFileURL } from 'url';
import { createLanguageService } from '../service';
import { loadShellParser } from '../shellParser';
import type { LanguageService, Settings } from '../service';
import { composeRules } from '../service/compose/rules';
import { dockerfileRules } from '../service/dockerfile/rules';
import { DEFAULT_SETTINGS } from '../service/settings';
import { nodeFiles } from '../server';
import type { FailureThreshold, LintOptions } from './args';
import { loadConfig } from './config';
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

/** `docker-tutor lint`: returns the exit status (0 clean, 1 findings at the threshold, 2 usage or I/O errors). */
export async function runLint(options: LintOptions, io: CliIo): Promise<number> {
  let settings: Settings = DEFAULT_SETTINGS;
  let threshold: FailureThreshold = 'error';
  if (options.config) {
    const loaded = loadConfig(options.config);
    if (!loaded.ok) {
      io.err(`docker-tutor: ${loaded.error}\n`);
      return 2;
    }
    for (const w of loaded.config.warnings) io.err(`docker-tutor: warning: ${w}\n`);
    settings = loaded.config.settings;
    threshold = loaded.config.failureThreshold ?? threshold;
  }
  threshold = options.failureThreshold ?? threshold;

  const { targets, errors } = discover(options.paths, options.stdinFilename, io.cwd);
  // The shell rules need their parser loaded; without it they would stay silent.
  await loadShellParser();
  const service = createLanguageService({ files: nodeFiles });
  const reports: FileReport[] = [];
  for (const target of targets) {
    const read = await readTarget(target, io);
    if (!read.ok) {
      errors.push(`${target.display}: ${read.error}`);
      continue;
    }
    try {
      reports.push(lintText(service, target, read.text, settings));
    } catch (err) {
      // A bug of ours must not hide the other files' results, nor print a stack trace at the user.
      errors.push(`${target.display}: internal error while linting (${err instanceof Error ? err.message : String(err)}); please report it`);
    }
    service.forget(target.fsPath ? pathToFileURL(target.fsPath).href : `untitled:${target.display}`);
  }

  for (const e of errors) io.err(`docker-tutor: ${e}\n`);
  io.out(format(options.format, { reports, rules: ruleCatalog(reports), errors, cwd: io.cwd, version: io.version }));

  const all = reports.flatMap((r) => r.findings);
  if (options.format === 'text') {
    if (all.length) io.err(summary(all.map((f) => f.severity), reports.length));
    else if (targets.length === 0 && errors.length === 0) io.err('docker-tutor: no Dockerfile or Compose file found\n');
  }
  if (errors.length) return 2;
  return all.some((f) => atOrAbove(f.severity, threshold)) ? 1 : 0;
}

/** Every registered rule (Dockerfile, then Compose), then any rule seen in findings that neither registry lists. */
export function ruleCatalog(reports: readonly FileReport[]): CliRuleMeta[] {
  const out = [...dockerfileRules, ...composeRules].map((r) => ruleMetaFor(r.id, r.explain.docsUrl));
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
