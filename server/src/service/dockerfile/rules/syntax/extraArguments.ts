import type { Healthcheck } from 'dockerfile-ast';
import type { DockerfileRule } from '../types';
import { REFERENCE_DOCS } from '../types';
import { plainArgs } from './util';

export const extraArguments: DockerfileRule = {
  id: 'dockerfile/extra-arguments',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'Instruction with more arguments than it accepts',
  explain: { docsUrl: REFERENCE_DOCS('overview') },
  check: {
    instruction: {
      STOPSIGNAL: (instr, ctx) => {
        const args = plainArgs(ctx.model, instr);
        if (args.length < 2) return;
        ctx.report({
          range: { start: args[1]!.getRange().start, end: args[args.length - 1]!.getRange().end },
          message: 'STOPSIGNAL takes exactly one signal; the builder rejects the extra words, so the build stops here.',
        });
      },
      HEALTHCHECK: (instr, ctx) => {
        const sub = (instr.node as Healthcheck).getSubcommand();
        if (!sub || sub.getValue().toUpperCase() !== 'NONE') return;
        const args = plainArgs(ctx.model, instr);
        if (args.length < 2) return;
        ctx.report({
          range: { start: args[1]!.getRange().start, end: args[args.length - 1]!.getRange().end },
          message: 'HEALTHCHECK NONE switches the inherited health check off and takes nothing after it, so the build stops here.',
        });
      },
    },
  },
  fix(model, finding) {
    const instr = model.instructionAtLine(finding.range.start.line);
    if (!instr) return [];
    // Remove the extra words together with the whitespace that separates them from the rest.
    const text = model.text;
    let start = model.document.offsetAt(finding.range.start);
    while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
    return [{
      title: 'Remove the extra arguments',
      isPreferred: true,
      edits: [{ range: { start: model.document.positionAt(start), end: finding.range.end }, newText: '' }],
    }];
  },
};
