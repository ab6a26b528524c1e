import { DiagnosticTag } from 'vscode-languageserver-types';
import type { DockerfileRule } from '../types';
import { BUILDKIT_DOCS } from '../types';
import { deleteInstructionEdit } from './shared';

const ONCE = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

export const multipleInstructionsDisallowed: DockerfileRule = {
  id: 'dockerfile/multiple-instructions-disallowed',
  aliases: ['MultipleInstructionsDisallowed', 'DL4003', 'DL4004', 'DL3012'],
  family: 'buildkit',
  defaultLevel: 'warning',
  title: 'Only the last CMD, ENTRYPOINT or HEALTHCHECK of a stage takes effect',
  explain: { docsUrl: BUILDKIT_DOCS('MultipleInstructionsDisallowed') },
  tags: [DiagnosticTag.Unnecessary],
  check: {
    document: (ctx) => {
      for (const stage of ctx.model.stages) {
        const last = new Map<string, number>();
        for (const instr of stage.instructions) if (ONCE.has(instr.keyword)) last.set(instr.keyword, instr.index);
        for (const instr of stage.instructions) {
          if (!ONCE.has(instr.keyword)) continue;
          const winner = last.get(instr.keyword)!;
          if (winner === instr.index) continue;
          const line = ctx.model.instructions[winner]!.range.start.line + 1;
          ctx.report({
            range: instr.keywordRange,
            message: `This ${instr.keyword} has no effect: the ${instr.keyword} on line ${line} replaces it, because a stage keeps only its last ${instr.keyword}.`,
          });
        }
      }
    },
  },
  fix(model, finding) {
    const instr = model.instructionAtLine(finding.range.start.line);
    if (!instr || !ONCE.has(instr.keyword)) return [];
    return [{ title: `Remove this ${instr.keyword}`, isPreferred: true, edits: [deleteInstructionEdit(model, instr)] }];
  },
};
