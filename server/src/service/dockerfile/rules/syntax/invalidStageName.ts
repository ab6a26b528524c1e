import type { DockerfileRule } from '../types';
import { REFERENCE_DOCS } from '../types';

/** BuildKit lower-cases the name before matching it against this pattern. */
const VALID = /^[a-z][a-z0-9._-]*$/;

export const invalidStageName: DockerfileRule = {
  id: 'dockerfile/invalid-stage-name',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'Stage name the builder does not accept',
  explain: { docsUrl: REFERENCE_DOCS('from') },
  check: {
    instruction: {
      FROM: (instr, ctx) => {
        const stage = instr.stage;
        if (!stage || stage.from !== instr || !stage.name || !stage.nameRange) return;
        if (VALID.test(stage.name.toLowerCase())) return;
        ctx.report({
          range: stage.nameRange,
          message: `"${stage.name}" is not a valid stage name: it must start with a letter and use only letters, digits, ".", "-" and "_", so the build stops here.`,
        });
      },
    },
  },
};
