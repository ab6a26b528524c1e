import type { DockerfileRule } from '../types';
import { HADOLINT_DOCS } from '../types';
import { finalStage, stageChain } from './common';

export const healthcheckMissing: DockerfileRule = {
  id: 'dockerfile/healthcheck-missing',
  aliases: ['DL3057'],
  family: 'best-practice',
  defaultLevel: 'off',
  title: 'Final image without a HEALTHCHECK',
  explain: { docsUrl: HADOLINT_DOCS('DL3057') },
  check: {
    document: (ctx) => {
      const final = finalStage(ctx.model);
      if (!final) return;
      // A HEALTHCHECK (even NONE, a deliberate choice) in the final stage or a stage it builds on settles it.
      for (const s of stageChain(final)) {
        if (s.stage.instructions.some((i) => i.keyword === 'HEALTHCHECK')) return;
      }
      ctx.report({
        range: final.stage.from.keywordRange,
        message: 'The final image defines no HEALTHCHECK, so Docker only knows whether the process is running, not whether it still answers: a hung service stays "up". Add HEALTHCHECK CMD … (or HEALTHCHECK NONE to state that the orchestrator checks health instead).',
      });
    },
  },
};
