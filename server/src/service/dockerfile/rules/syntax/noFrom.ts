import type { DockerfileRule } from '../types';
import { REFERENCE_DOCS } from '../types';

export const noFrom: DockerfileRule = {
  id: 'dockerfile/no-from',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'Dockerfile without any FROM',
  explain: { docsUrl: REFERENCE_DOCS('from') },
  check: {
    document: (ctx) => {
      const { model } = ctx;
      if (model.stages.length > 0) return;
      const first = model.preamble.find((i) => i.keyword !== 'ARG') ?? model.preamble[0];
      if (!first) {
        ctx.report({
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          message: 'This Dockerfile has no instructions: a build needs at least a FROM to start a stage, so the builder has nothing to build.',
        });
        return;
      }
      ctx.report({
        range: first.keywordRange,
        message: 'This Dockerfile has no FROM: every build stage starts with FROM <image> (or FROM scratch), so the builder has no stage to run these instructions in.',
      });
    },
  },
};
