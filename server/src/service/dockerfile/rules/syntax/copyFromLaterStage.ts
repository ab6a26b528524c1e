import type { DockerfileRule } from '../types';
import { HADOLINT_DOCS } from '../types';
import { fromTarget, stageLabel } from './copyFrom';

export const copyFromLaterStage: DockerfileRule = {
  id: 'dockerfile/copy-from-later-stage',
  aliases: ['DL3022'],
  family: 'syntax',
  defaultLevel: 'warning',
  title: 'COPY --from names a stage defined further down',
  explain: { docsUrl: HADOLINT_DOCS('DL3022') },
  check: {
    instruction: {
      COPY: (instr, ctx) => {
        const t = fromTarget(ctx, instr);
        if (t?.kind !== 'later') return;
        ctx.report({
          range: t.flag.getValueRange() ?? t.flag.getRange(),
          message: `COPY --from=${t.flag.getValue() ?? ''} refers to stage ${stageLabel(t.stage)}, which is defined below this one. BuildKit resolves it, but readers (and the legacy builder) expect stages to be defined before they are used: move that stage up.`,
        });
      },
    },
  },
};
