import { didYouMean } from '../../../text';
import { KEYWORDS } from '../../model';
import type { DockerfileRule } from '../types';
import { REFERENCE_DOCS } from '../types';

export const unknownInstruction: DockerfileRule = {
  id: 'dockerfile/unknown-instruction',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'Instruction keyword the builder does not know',
  explain: { docsUrl: REFERENCE_DOCS('overview'), cardId: 'dockerfile-what-is-a-dockerfile' },
  check: {
    instruction: {
      '*': (instr, ctx) => {
        if (instr.isKnown) return;
        const suggestion = didYouMean(instr.keyword, KEYWORDS);
        ctx.report({
          range: instr.keywordRange,
          message: `"${instr.rawKeyword}" is not a Dockerfile instruction, so the build stops here.` +
            (suggestion ? ` Did you mean ${suggestion}?` : ' Every line must start with one of the 18 instructions, a comment, or continue the previous line.'),
          data: suggestion,
        });
      },
    },
  },
  fix(_model, finding) {
    const s = finding.data;
    return typeof s === 'string' ? [{ title: `Change to ${s}`, edits: [{ range: finding.range, newText: s }], isPreferred: true }] : [];
  },
};
