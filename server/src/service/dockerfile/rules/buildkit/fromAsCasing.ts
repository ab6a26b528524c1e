import type { DockerfileRule } from '../types';
import { BUILDKIT_DOCS } from '../types';

export const fromAsCasing: DockerfileRule = {
  id: 'dockerfile/from-as-casing',
  aliases: ['FromAsCasing'],
  family: 'buildkit',
  defaultLevel: 'warning',
  title: "The 'AS' keyword should match the casing of 'FROM'",
  explain: { docsUrl: BUILDKIT_DOCS('FromAsCasing') },
  check: {
    instruction: {
      FROM: (instr, ctx) => {
        const as = instr.args[1];
        if (instr.args.length < 3 || !as) return;
        const from = instr.rawKeyword;
        const lower = from === from.toLowerCase();
        const upper = from === from.toUpperCase();
        // A mixed-case FROM is ConsistentInstructionCasing's business.
        if (!lower && !upper) return;
        const word = as.getValue();
        const wanted = lower ? word.toLowerCase() : word.toUpperCase();
        if (word === wanted) return;
        ctx.report({
          range: as.getRange(),
          message: `'${word}' and '${from}' are cased differently: write '${wanted}' so the line reads as one instruction and stays easy to scan.`,
          data: wanted,
        });
      },
    },
  },
  fix(_model, finding) {
    const wanted = finding.data;
    return typeof wanted === 'string' ? [{ title: `Change to '${wanted}'`, isPreferred: true, edits: [{ range: finding.range, newText: wanted }] }] : [];
  },
};
