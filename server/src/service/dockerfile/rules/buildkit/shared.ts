import { editDistance as typoDistance, indexWithin } from '../../../text';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { DockerfileModel, Instr, Stage } from '../../model';
import { derived } from '../../../derived';
import { variablesOf } from '../../variables';

/** Helpers shared by the BuildKit checks. */

export function textOf(model: DockerfileModel, range: Range): string {
  return model.text.slice(model.document.offsetAt(range.start), model.document.offsetAt(range.end));
}

/** An edit that deletes the instruction's lines entirely (with its line break). */
export function deleteInstructionEdit(model: DockerfileModel, instr: Instr): TextEdit {
  const start = { line: instr.range.start.line, character: 0 };
  const lastLine = model.document.lineCount - 1;
  const end = instr.range.end.line < lastLine
    ? { line: instr.range.end.line + 1, character: 0 }
    : { line: instr.range.end.line, character: model.lineText(instr.range.end.line).length };
  return { range: { start, end }, newText: '' };
}

/** The model's stage chains by stage index, each built on first use. */
const chains = derived((_: DockerfileModel): (readonly Stage[] | undefined)[] => []);

/** The stage and the stages it is built `FROM`, nearest first (cycle-safe). Computed once per stage. */
export function stageChain(model: DockerfileModel, stage: Stage): readonly Stage[] {
  const known = chains(model);
  let out = known[stage.index];
  if (!out) {
    const parentOf = variablesOf(model).parentStage;
    const chain: Stage[] = [stage];
    const seen = new Set<Stage>([stage]);
    for (let p = parentOf(stage); p && !seen.has(p); p = parentOf(p)) {
      seen.add(p);
      chain.push(p);
    }
    known[stage.index] = out = chain;
  }
  return out;
}

/** True when the word contains an unescaped `$` (BuildKit would substitute it). */
export function hasVariable(text: string, escapeChar = '\\'): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === escapeChar) i++;
    else if (c === '$') return true;
  }
  return false;
}

/** The keyword written in the casing the FROM of this file uses (for inserted lines). */
export function keywordLike(model: DockerfileModel, keyword: string): string {
  const from = model.stages[0]?.from.rawKeyword ?? model.instructions[0]?.rawKeyword;
  return from && from === from.toLowerCase() ? keyword.toLowerCase() : keyword.toUpperCase();
}

export function eolOf(model: DockerfileModel): string {
  return model.text.includes('\r\n') ? '\r\n' : '\n';
}

/** Kept under this name for the BuildKit rules; the one implementation lives in text.ts. */
export { typoDistance };

/**
 * A did-you-mean for variable names: one typo (a wrong, missing, extra or swapped letter), two
 * for names of eight letters or more. Case differences count as typos too, since variables are
 * case-sensitive.
 */
export function closeName(name: string, candidates: Iterable<string>): string | undefined {
  const limit = name.length >= 8 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    if (c === name || Math.abs(c.length - name.length) > limit) continue;
    const d = c.toLowerCase() === name.toLowerCase() ? 1 : typoDistance(name, c, limit);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** A `$NAME` / `${NAME...}` reference found by `scanVariables`, as offsets into the model text. */
export interface VarRef {
  readonly name: string;
  /** Offsets of the name itself (without `$`/`${`). */
  readonly start: number;
  readonly end: number;
  /** `-`, `:-`, `+`, `:+`, `?`, `:?`, another operator character, or null for a plain reference. */
  readonly modifier: string | null;
}

/**
 * The variables the builder would substitute in an instruction's arguments, found with the
 * builder's rules: `\$` and single-quoted text are literal, comment lines inside a continuation
 * are dropped. With `raw` (unquoted COPY heredoc bodies) quotes and comments are plain text. Much cheaper than dockerfile-ast's getVariables(), which resolves
 * every variable against the whole file.
 */
export function scanVariables(model: DockerfileModel, from: number, to: number, raw = false): VarRef[] {
  const text = model.text;
  const esc = model.escapeChar;
  const out: VarRef[] = [];
  let single = false;
  let double = false;
  let lineStart = true;
  for (let i = from; i < to; i++) {
    const c = text[i]!;
    if (c === '\n') {
      lineStart = true;
      continue;
    }
    if (lineStart && !raw && !single) {
      // A comment line inside a continuation is removed by the parser.
      let j = i;
      while (j < to && (text[j] === ' ' || text[j] === '\t')) j++;
      if (text[j] === '#' && i > from) {
        while (j < to && text[j] !== '\n') j++;
        i = j - 1;
        continue;
      }
    }
    lineStart = false;
    if (!raw) {
      if (single) {
        if (c === "'") single = false;
        continue;
      }
      if (c === "'" && !double) {
        single = true;
        continue;
      }
      if (c === '"') {
        double = !double;
        continue;
      }
    }
    if (c === esc) {
      if (text[i + 1] === '$' || text[i + 1] === esc || text[i + 1] === '"') i++;
      continue;
    }
    if (c !== '$') continue;
    if (text[i + 1] === '{') {
      let j = i + 2;
      while (j < to && /[A-Za-z0-9_]/.test(text[j]!)) j++;
      if (j === i + 2 || /[0-9]/.test(text[i + 2]!)) continue;
      let modifier: string | null = null;
      const m = text[j];
      if (m === ':' && /[-+?]/.test(text[j + 1] ?? '')) modifier = ':' + text[j + 1]!;
      else if (m !== '}' && m !== undefined) modifier = m;
      out.push({ name: text.slice(i + 2, j), start: i + 2, end: j, modifier });
      // Keep scanning inside the braces: a default may itself reference variables.
      i = j - 1;
      continue;
    }
    const next = text[i + 1];
    if (next === undefined || !/[A-Za-z_]/.test(next)) continue;
    let j = i + 1;
    while (j < to && /[A-Za-z0-9_]/.test(text[j]!)) j++;
    out.push({ name: text.slice(i + 1, j), start: i + 1, end: j, modifier: null });
    i = j - 1;
  }
  return out;
}

/** True when the instruction's text after the keyword contains `needle`, without building argument lists. */
export function mentions(model: DockerfileModel, instr: Instr, needle: string): boolean {
  return indexWithin(model.text, needle, model.document.offsetAt(instr.keywordRange.end), model.document.offsetAt(instr.range.end)) >= 0;
}

export function mentionsDollar(model: DockerfileModel, instr: Instr): boolean {
  return mentions(model, instr, '$');
}
