import type { DockerfileRule } from '../types';
import { REFERENCE_DOCS } from '../types';
import { fromTarget } from './copyFrom';

export const copyFromUnknownStage: DockerfileRule = {
  id: 'dockerfile/copy-from-unknown-stage',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'COPY --from names a stage that does not exist',
  explain: { docsUrl: REFERENCE_DOCS('copy---from') },
  check: {
    instruction: {
      COPY: (instr, ctx) => {
        const t = fromTarget(ctx, instr);
        if (t?.kind === 'bad-index') {
          const n = ctx.model.stages.length;
          ctx.report({
            range: t.flag.getValueRange() ?? t.flag.getRange(),
            message: `COPY --from=${t.index} refers to stage #${t.index}, but stages are numbered from 0 and this file has ${n} (0 to ${n - 1}), so the build stops here.`,
          });
        } else if (t?.kind === 'near-miss') {
          ctx.report({
            range: t.flag.getValueRange() ?? t.flag.getRange(),
            message: `No stage is named "${t.flag.getValue() ?? ''}", so the builder will pull an image of that name instead. Did you mean the stage "${t.suggestion}"? If you really mean the image, give it a tag (${t.flag.getValue() ?? ''}:<tag>) to make that clear.`,
            level: 'warning',
            data: t.suggestion,
          });
        }
      },
    },
  },
  fix(_model, finding) {
    const s = finding.data;
    return typeof s === 'string' ? [{ title: `Change to ${s}`, isPreferred: true, edits: [{ range: finding.range, newText: s }] }] : [];
  },
};
