import type { Argument, Flag } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import type { Instr } from '../../model';

/**
 * The arguments of an instruction without heredoc bodies: dockerfile-ast lists the words of a
 * heredoc's content and its closing delimiter as arguments too, which would distort every count.
 */
export function plainArgs(instr: Instr): readonly Argument[] {
  const docs = instr.heredocs;
  if (docs.length === 0) return instr.args;
  const line = docs[0]!.getStartRange().start.line;
  return instr.args.filter((a) => a.getRange().start.line <= line);
}

/** True when the word refers to a build variable, so its value is only known at build time. */
export function hasVariable(word: string): boolean {
  return word.includes('$');
}

export function isHeredocWord(word: string): boolean {
  return /^<<-?["']?[A-Za-z0-9_.-]+["']?/.test(word);
}

export function sub(r: Range, startOffset: number, endOffset: number): Range {
  // Only valid for single-line ranges, which is where rules call it.
  return { start: { line: r.start.line, character: r.start.character + startOffset }, end: { line: r.start.line, character: r.start.character + endOffset } };
}

export const quote = (s: string): string => `"${s}"`;

/** The instruction, and for ONBUILD also its trigger, which the builder parses (flags included) right away. */
export function selfAndTrigger(instr: Instr): readonly Instr[] {
  return instr.onbuildTrigger ? [instr, instr.onbuildTrigger] : [instr];
}

/** Flags as BuildKit reads them: a bare `--` ends the flags, later `--x` words are arguments. */
export function realFlags(instr: Instr): readonly Flag[] {
  const end = instr.flags.findIndex((f) => f.getName() === '' && f.getValue() === null);
  return end < 0 ? instr.flags : instr.flags.slice(0, end);
}
