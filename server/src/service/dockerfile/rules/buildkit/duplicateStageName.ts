import type { DockerfileRule } from '../types';
import { BUILDKIT_DOCS } from '../types';

export const duplicateStageName: DockerfileRule = {
  id: 'dockerfile/duplicate-stage-name',
  aliases: ['DuplicateStageName', 'DL3024'],
  family: 'buildkit',
  defaultLevel: 'warning',
  title: 'Stage names must be unique',
  explain: { docsUrl: BUILDKIT_DOCS('DuplicateStageName') },
  check: {
    instruction: {
      FROM: (instr, ctx) => {
        const stage = instr.stage;
        if (!stage?.name || !stage.nameRange) return;
        const first = ctx.model.stageByName(stage.name);
        if (!first || first === stage) return;
        ctx.report({
          range: stage.nameRange,
          message: `Stage name '${stage.name}' is already used on line ${first.from.range.start.line + 1} (names ignore case): COPY --from and FROM can then only reach one of the two stages, so give each stage its own name.`,
        });
      },
    },
  },
};
