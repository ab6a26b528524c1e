import type { DockerfileRule } from '../types';
import { HADOLINT_DOCS } from '../types';
import { fromTarget, stageLabel } from './copyFrom';

export const copyFromSelf: DockerfileRule = {
  id: 'dockerfile/copy-from-self',
  aliases: ['DL3023'],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'COPY --from names the stage it is in',
  explain: { docsUrl: HADOLINT_DOCS('DL3023') },
  check: {
    instruction: {
      COPY: (instr, ctx) => {
        const t = fromTarget(ctx, instr);
        if (t?.kind !== 'self') return;
        ctx.report({
          range: t.flag.getValueRange() ?? t.flag.getRange(),
          message: `COPY --from=${t.flag.getValue() ?? ''} copies from stage ${stageLabel(t.stage)}, the stage it is in: a stage cannot depend on itself (a circular dependency), so the build stops here.`,
        });
      },
    },
  },
};
