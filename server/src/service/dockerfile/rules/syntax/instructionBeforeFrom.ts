import type { DockerfileRule } from '../types';
import { HADOLINT_DOCS } from '../types';

export const instructionBeforeFrom: DockerfileRule = {
  id: 'dockerfile/instruction-before-from',
  aliases: ['DL3061'],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'Only ARG may come before the first FROM',
  explain: { docsUrl: HADOLINT_DOCS('DL3061') },
  check: {
    document: (ctx) => {
      // Without any FROM, `no-from` says it once; repeating it per instruction would be noise.
      if (ctx.model.stages.length === 0) return;
      for (const instr of ctx.model.preamble) {
        if (instr.keyword === 'ARG' || !instr.isKnown) continue;
        ctx.report({
          range: instr.keywordRange,
          message: `${instr.keyword} comes before the first FROM: only ARG may appear there (to parameterise the base images), because there is no stage yet to apply it to, so the build stops here.`,
        });
      }
    },
  },
};
