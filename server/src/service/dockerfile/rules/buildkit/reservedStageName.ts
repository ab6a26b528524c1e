import type { DockerfileRule } from '../types';
import { BUILDKIT_DOCS } from '../types';

const RESERVED = new Set(['scratch', 'context']);

export const reservedStageName: DockerfileRule = {
  id: 'dockerfile/reserved-stage-name',
  aliases: ['ReservedStageName', 'DL3063'],
  family: 'buildkit',
  defaultLevel: 'warning',
  title: "Stage names must not be the reserved words 'scratch' or 'context'",
  explain: { docsUrl: BUILDKIT_DOCS('ReservedStageName') },
  check: {
    instruction: {
      FROM: (instr, ctx) => {
        const stage = instr.stage;
        if (!stage?.name || !stage.nameRange || !RESERVED.has(stage.name.toLowerCase())) return;
        const word = stage.name.toLowerCase();
        ctx.report({
          range: stage.nameRange,
          message: word === 'scratch'
            ? "'scratch' is the builder's name for the empty image, so a stage called 'scratch' is confusing to reference: pick another name."
            : "'context' is reserved for build contexts (COPY --from / --build-context), so a stage with that name is ambiguous: pick another name.",
        });
      },
    },
  },
};
