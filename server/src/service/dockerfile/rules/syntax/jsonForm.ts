import type { Range } from 'vscode-languageserver-types';
import type { DockerfileModel, Instr } from '../../model';
import { firstArgChar, plainArgs } from './util';

export type JsonProblem = 'missing-comma' | 'trailing-comma' | 'leading-comma' | 'unclosed' | 'empty-element' | 'bad-escape';

export interface JsonAttempt {
  /** `valid`: a JSON array of strings; `shell`: not an attempt at JSON (e.g. `[ -f x ]`). */
  readonly kind: 'valid' | 'single-quotes' | 'malformed' | 'shell';
  readonly problem?: JsonProblem;
  /** From the opening bracket to the end of the arguments. */
  readonly range?: Range;
  /** Single-quoted strings with their ranges and unquoted content, for the fix. */
  readonly singles?: readonly { range: Range; content: string }[];
}

/** Strings, commas and whitespace: what a JSON array of strings is made of. */
const TOKEN = /\s+|,|"(?:[^"\\]|\\.)*"|'[^']*'/y;

/** Most instructions are plain shell form: one shared answer for them. */
const SHELL_FORM: JsonAttempt = { kind: 'shell' };

/**
 * How BuildKit will read arguments that start with `[`: a JSON array of strings is exec form;
 * anything else silently runs as a shell command. Classifies near-misses so rules can explain them.
 * Kept on the instruction (memo): several rules ask for it, and a WeakMap entry per instruction cost more.
 */
export function jsonAttempt(model: DockerfileModel, instr: Instr): JsonAttempt {
  let hit = instr.memo.jsonAttempt as JsonAttempt | undefined;
  if (!hit) instr.memo.jsonAttempt = hit = classify(model, instr);
  return hit;
}

function classify(model: DockerfileModel, instr: Instr): JsonAttempt {
  if (firstArgChar(model, instr) !== '[') return SHELL_FORM;
  const args = plainArgs(model, instr);
  const first = args[0];
  if (!first || instr.heredocs.length > 0 || !first.getValue().startsWith('[')) return SHELL_FORM;
  const doc = model.document;
  const startOffset = doc.offsetAt(first.getRange().start);
  const endOffset = doc.offsetAt(args[args.length - 1]!.getRange().end);
  const raw = model.text.slice(startOffset, endOffset);
  // Line continuations vanish before BuildKit looks at the text; keep offsets by blanking them.
  const esc = model.escapeChar === '`' ? '`' : '\\\\';
  const text = raw.replace(new RegExp(`${esc}[ \\t]*\\r?\\n`, 'g'), (m) => ' '.repeat(m.length));
  const closed = text.trimEnd().endsWith(']');
  const inner = closed ? text.slice(1, text.trimEnd().length - 1) : text.slice(1);
  const tokens: { t: string; at: number }[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < inner.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(inner);
    if (!m) return SHELL_FORM;
    if (!/^\s+$/.test(m[0])) tokens.push({ t: m[0], at: at + 1 });
  }
  const strings = tokens.filter((k) => k.t !== ',');
  if (strings.length === 0) return closed ? { kind: 'valid' } : SHELL_FORM;
  const range: Range = { start: first.getRange().start, end: args[args.length - 1]!.getRange().end };
  const singles = tokens.filter((k) => k.t.startsWith("'")).map((k) => ({
    range: { start: doc.positionAt(startOffset + k.at), end: doc.positionAt(startOffset + k.at + k.t.length) },
    content: k.t.slice(1, -1),
  }));
  if (singles.length > 0) return { kind: 'single-quotes', range, singles };
  if (!closed) return { kind: 'malformed', problem: 'unclosed', range };
  let expectString = true;
  for (const k of tokens) {
    const isComma = k.t === ',';
    if (expectString && isComma) return { kind: 'malformed', problem: tokens[0] === k ? 'leading-comma' : 'empty-element', range };
    if (!expectString && !isComma) return { kind: 'malformed', problem: 'missing-comma', range };
    expectString = isComma;
  }
  if (expectString) return { kind: 'malformed', problem: 'trailing-comma', range };
  try {
    JSON.parse(text);
  } catch {
    // Tokens were well formed, so what JSON refuses is an escape such as C:\app.
    return { kind: 'malformed', problem: 'bad-escape', range };
  }
  return { kind: 'valid' };
}

export const JSON_KEYWORDS: ReadonlySet<string> = new Set(['ADD', 'CMD', 'COPY', 'ENTRYPOINT', 'RUN', 'SHELL', 'VOLUME']);
