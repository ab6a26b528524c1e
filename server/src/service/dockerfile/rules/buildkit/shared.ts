import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { DockerfileModel, Instr, Stage } from '../../model';

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

/** The stage and the stages it is built `FROM`, nearest first (cycle-safe). */
export function stageChain(stage: Stage, parentOf: (s: Stage) => Stage | undefined): Stage[] {
  const out: Stage[] = [stage];
  const seen = new Set<Stage>([stage]);
  for (let p = parentOf(stage); p && !seen.has(p); p = parentOf(p)) {
    seen.add(p);
    out.push(p);
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

/** Edit distance where swapping two neighbouring letters counts as one edit (PAHT -> PATH). */
export function typoDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

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
    const d = c.toLowerCase() === name.toLowerCase() ? 1 : typoDistance(name, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
