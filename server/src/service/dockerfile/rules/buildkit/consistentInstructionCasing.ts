import type { DockerfileRule } from '../types';
import { BUILDKIT_DOCS } from '../types';

export const consistentInstructionCasing: DockerfileRule = {
  id: 'dockerfile/consistent-instruction-casing',
  aliases: ['ConsistentInstructionCasing'],
  family: 'buildkit',
  defaultLevel: 'warning',
  title: 'Instruction keywords should all use the casing of the majority',
  explain: { docsUrl: BUILDKIT_DOCS('ConsistentInstructionCasing') },
  check: {
    document: (ctx) => {
      let lower = 0;
      let upper = 0;
      for (const instr of ctx.model.instructions) {
        if (!instr.isKnown) continue;
        const k = instr.rawKeyword;
        if (k === k.toLowerCase()) lower++;
        else if (k === k.toUpperCase()) upper++;
      }
      // Ties go to uppercase, as in BuildKit.
      const majorityLower = lower > upper;
      const casing = majorityLower ? 'lowercase' : 'uppercase';
      for (const instr of ctx.model.instructions) {
        if (!instr.isKnown) continue;
        const k = instr.rawKeyword;
        const wanted = majorityLower ? k.toLowerCase() : k.toUpperCase();
        if (k === wanted) continue;
        ctx.report({
          range: instr.keywordRange,
          message: `'${k}' should be ${casing} like most instructions in this file: one casing makes the keywords easy to spot at a glance.`,
          data: wanted,
        });
      }
    },
  },
  fix(_model, finding) {
    const wanted = finding.data;
    return typeof wanted === 'string' ? [{ title: `Change to '${wanted}'`, isPreferred: true, edits: [{ range: finding.range, newText: wanted }] }] : [];
  },
};
