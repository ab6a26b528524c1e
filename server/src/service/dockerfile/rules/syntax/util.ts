import type { Argument, Flag } from 'dockerfile-ast';
import type { DockerfileModel, Instr } from '../../model';

/**
 * The arguments of an instruction without heredoc bodies: dockerfile-ast lists the words of a
 * heredoc's content and its closing delimiter as arguments too, which would distort every count.
 */
export function plainArgs(model: DockerfileModel, instr: Instr): readonly Argument[] {
  if (!tail(model, instr).includes('<<')) return instr.args;
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

/** The instruction, and for ONBUILD also its trigger, which the builder parses (flags included) right away. */
export function selfAndTrigger(instr: Instr): readonly Instr[] {
  return instr.onbuildTrigger ? [instr, instr.onbuildTrigger] : [instr];
}

/** Flags as BuildKit reads them: a bare `--` ends the flags, later `--x` words are arguments. */
export function realFlags(instr: Instr): readonly Flag[] {
  const end = instr.flags.findIndex((f) => f.getName() === '' && f.getValue() === null);
  return end < 0 ? instr.flags : instr.flags.slice(0, end);
}

/**
 * The raw text after the keyword, straight from the document. dockerfile-ast recomputes the
 * argument list on every call and that is the expensive part, so rules look here first and
 * only ask for arguments, flags or heredocs when the text can contain what they look for.
 */
export function tail(model: DockerfileModel, instr: Instr): string {
  // Kept on the instruction (memo): several rules ask for every instruction, and a WeakMap lookup each showed in profiles.
  let t = instr.memo.tail;
  if (t === undefined) {
    t = model.text.slice(model.document.offsetAt(instr.keywordRange.end), model.document.offsetAt(instr.range.end));
    instr.memo.tail = t;
  }
  return t;
}

const FLAG_KEYWORDS: ReadonlySet<string> = new Set(['ADD', 'COPY', 'FROM', 'RUN', 'HEALTHCHECK']);

/** Whitespace-separated words of the tail, flags, comment lines and line continuations left out (quotes not honoured). */
export function roughWords(model: DockerfileModel, instr: Instr): string[] {
  const esc = model.escapeChar;
  let t = tail(model, instr);
  // Comment lines inside a continuation are dropped by the builder.
  if (t.includes('#')) t = t.split('\n').filter((l, i) => i === 0 || !l.trimStart().startsWith('#')).join('\n');
  const words = t.split(/\s+/).filter((w) => w !== '' && w !== esc);
  if (!FLAG_KEYWORDS.has(instr.keyword)) return words;
  let i = 0;
  while (i < words.length && words[i]!.startsWith('--')) i++;
  return words.slice(i);
}

/** How many words `roughWords` finds, remembered per instruction: several rules ask it of every instruction and need only the count. */
export function roughWordCount(model: DockerfileModel, instr: Instr): number {
  let n = instr.memo.roughWordCount;
  if (n === undefined) {
    n = roughWords(model, instr).length;
    instr.memo.roughWordCount = n;
  }
  return n;
}

/** The first character of the first non-flag word, without splitting the whole tail. */
export function firstArgChar(model: DockerfileModel, instr: Instr): string {
  const t = tail(model, instr);
  const esc = model.escapeChar;
  const flags = FLAG_KEYWORDS.has(instr.keyword);
  let i = 0;
  while (i < t.length) {
    const c = t[i]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === esc) {
      i++;
    } else if (flags && c === '-' && t[i + 1] === '-') {
      while (i < t.length && !/\s/.test(t[i]!)) i++;
    } else {
      return c;
    }
  }
  return '';
}

/** Flags come first, so an instruction whose text does not start with `--` has none (saves the AST's flag scan). */
export function mayHaveFlags(model: DockerfileModel, instr: Instr): boolean {
  const t = tail(model, instr);
  const esc = model.escapeChar;
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === esc) continue;
    return c === '-' && t[i + 1] === '-';
  }
  return false;
}
