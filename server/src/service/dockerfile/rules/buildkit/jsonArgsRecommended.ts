import type { DockerfileModel, Instr } from '../../model';
import type { DockerfileRule, DockerfileRuleContext } from '../types';
import { BUILDKIT_DOCS } from '../types';
import { stageChain } from './shared';

/** The command as the shell receives it: line continuations joined, comment lines inside them dropped. */
export function joinedCommand(model: DockerfileModel, instr: Instr): string | undefined {
  const raw = instr.argsText;
  if (raw === null) return undefined;
  const esc = model.escapeChar;
  const lines = raw.split(/\r?\n/);
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (i > 0 && /^\s*#/.test(line)) continue;
    const m = /[ \t]*$/.exec(line);
    const trimmed = m ? line.slice(0, m.index) : line;
    if (i < lines.length - 1 && trimmed.endsWith(esc)) line = trimmed.slice(0, -esc.length);
    out += line;
  }
  return out.trim();
}

/**
 * Splits a POSIX shell command into words when it is a plain command line: quotes and
 * backslashes only. Returns undefined when the shell would do more (expansion, pipes, lists,
 * redirections, globs, assignments), because exec form would then change behaviour.
 */
export function plainShellWords(cmd: string): string[] | undefined {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < cmd.length; i++) {
    const c = cmd[i]!;
    if (c === ' ' || c === '\t') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    if (c === "'") {
      const end = cmd.indexOf("'", i + 1);
      if (end < 0) return undefined;
      word += cmd.slice(i + 1, end);
      i = end;
      inWord = true;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      for (; j < cmd.length; j++) {
        const d = cmd[j]!;
        if (d === '"') break;
        if (d === '$' || d === '`') return undefined;
        if (d === '\\' && j + 1 < cmd.length && '"\\$`'.includes(cmd[j + 1]!)) {
          word += cmd[++j];
          continue;
        }
        word += d;
      }
      if (j >= cmd.length) return undefined;
      i = j;
      inWord = true;
      continue;
    }
    if (c === '\\') {
      if (i + 1 >= cmd.length) return undefined;
      word += cmd[++i];
      inWord = true;
      continue;
    }
    if ('$`|&;<>()*?[\n\r'.includes(c)) return undefined;
    if (!inWord && (c === '#' || c === '~' || c === '{')) return undefined;
    // `NAME=value cmd` sets a variable for the command: only a shell does that.
    if (c === '=' && words.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(word)) return undefined;
    word += c;
    inWord = true;
  }
  if (inWord) words.push(word);
  return words;
}

function jsonArray(words: readonly string[]): string {
  return '[' + words.map((w) => JSON.stringify(w)).join(', ') + ']';
}

function hasShellInstruction(instr: Instr, ctx: DockerfileRuleContext): boolean {
  const stage = instr.stage;
  if (!stage) return false;
  for (const s of stageChain(ctx.model, stage)) {
    for (const it of s.instructions) {
      if (s === stage && it.index >= instr.index) break;
      if (it.keyword === 'SHELL') return true;
    }
  }
  return false;
}

const visit = (instr: Instr, ctx: DockerfileRuleContext): void => {
  if (instr.isJsonForm || instr.args.length === 0) return;
  // With SHELL set the author chose the shell on purpose; BuildKit stays quiet then.
  if (hasShellInstruction(instr, ctx)) return;
  ctx.report({
    range: instr.keywordRange,
    message: `${instr.keyword} in shell form runs through a shell (/bin/sh -c): the shell becomes PID 1, so stop signals (docker stop, Ctrl-C) do not reach your program and it is killed after the timeout instead of shutting down cleanly.` +
      (instr.keyword === 'ENTRYPOINT' ? ' A shell-form ENTRYPOINT also ignores CMD and docker run arguments.' : '') +
      ' Write it as a JSON array (exec form).',
  });
};

export const jsonArgsRecommended: DockerfileRule = {
  id: 'dockerfile/json-args-recommended',
  aliases: ['JSONArgsRecommended', 'DL3025'],
  family: 'buildkit',
  defaultLevel: 'warning',
  title: 'Use the JSON (exec) form for CMD and ENTRYPOINT',
  explain: { docsUrl: BUILDKIT_DOCS('JSONArgsRecommended') },
  check: { instruction: { CMD: visit, ENTRYPOINT: visit } },
  fix(model, finding) {
    const instr = model.instructionAtLine(finding.range.start.line);
    const argsRange = instr?.node.getArgumentsRange();
    if (!instr || !argsRange || instr.isJsonForm) return [];
    const cmd = joinedCommand(model, instr);
    if (!cmd) return [];
    const range = { start: argsRange.start, end: instr.range.end };
    let words = plainShellWords(cmd);
    // `exec prog` in a shell is just `prog` without the shell.
    if (words && words[0] === 'exec') words = words.slice(1);
    const windows = model.escapeChar === '`';
    const shellPrefix = windows ? ['cmd', '/S', '/C'] : ['/bin/sh', '-c'];
    const viaShell = { title: `Convert to exec form through ${shellPrefix.join(' ')} (keeps the shell features; the shell stays PID 1)`, edits: [{ range, newText: jsonArray([...shellPrefix, cmd]) }] };
    if (words && words.length > 0 && !windows) {
      return [{ title: 'Convert to exec form (JSON array)', isPreferred: true, edits: [{ range, newText: jsonArray(words) }] }, viaShell];
    }
    return [{ ...viaShell, isPreferred: true }];
  },
};
