import type { Range } from 'vscode-languageserver-types';
import type { Instr } from '../../model';
import type { DockerfileRule, DockerfileRuleContext } from '../types';
import { BUILDKIT_DOCS } from '../types';
import { stageChain } from './shared';

/** Absolute on Linux (`/x`) or Windows (`\x`, `C:\x`, `C:/x`). */
function isAbsolute(path: string): boolean {
  return path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(path);
}

/** The WORKDIR path as written (one line, quotes kept) and its range. */
function workdirArg(instr: Instr): { value: string; range: Range } | undefined {
  const range = instr.node.getArgumentsRange();
  const value = instr.argsText?.trim();
  if (!range || !value || value.includes('\n') || range.start.line !== range.end.line) return undefined;
  return { value, range };
}

/** True when an earlier WORKDIR in this stage, or in a stage it is built FROM, already set the directory. */
function workdirSetBefore(instr: Instr, ctx: DockerfileRuleContext): boolean {
  const stage = instr.stage;
  if (!stage) return false;
  for (const s of stageChain(ctx.model, stage)) {
    for (const it of s.instructions) {
      if (s === stage && it.index >= instr.index) break;
      if (it.keyword === 'WORKDIR') return true;
    }
  }
  return false;
}

/**
 * BuildKit behaviour, kept on purpose: only the first WORKDIR of a stage (chain) is checked.
 * A relative WORKDIR after an absolute one is well defined, so flagging it (as hadolint's
 * DL3000 does) would be noise; fixing the first one fixes the chain.
 */
export const workdirRelativePath: DockerfileRule = {
  id: 'dockerfile/workdir-relative-path',
  aliases: ['WorkdirRelativePath', 'DL3000'],
  family: 'buildkit',
  defaultLevel: 'warning',
  title: 'The first WORKDIR of a stage should be an absolute path',
  explain: { docsUrl: BUILDKIT_DOCS('WorkdirRelativePath') },
  check: {
    instruction: {
      WORKDIR: (instr, ctx) => {
        const w = workdirArg(instr);
        if (!w) return;
        const path = w.value;
        // A variable may well hold an absolute path; the builder knows, we do not.
        if (path.includes('$') || isAbsolute(path.replace(/^["']|["']$/g, ''))) return;
        if (workdirSetBefore(instr, ctx)) return;
        ctx.report({
          range: w.range,
          message: `Relative WORKDIR ${path.startsWith('"') ? path : `"${path}"`} is resolved against the base image's working directory, so a change in the base image silently moves your files. Use an absolute path.`,
        });
      },
    },
  },
  fix(model, finding) {
    const instr = model.instructionAtLine(finding.range.start.line);
    const w = instr && instr.keyword === 'WORKDIR' ? workdirArg(instr) : undefined;
    if (!w) return [];
    const value = w.value;
    const quote = /^["']/.test(value) ? value[0]! : '';
    const inner = (quote ? value.slice(1, value.endsWith(quote) ? -1 : undefined) : value).replace(/^\.\/+/, '');
    const abs = '/' + (inner === '.' ? '' : inner);
    return [{ title: `Make it absolute: ${abs}`, isPreferred: true, edits: [{ range: w.range, newText: quote ? quote + abs + quote : abs }] }];
  },
};
