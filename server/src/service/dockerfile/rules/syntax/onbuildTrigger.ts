import type { DockerfileRule } from '../types';
import { HADOLINT_DOCS } from '../types';

const WHY: Record<string, string> = {
  ONBUILD: 'chaining ONBUILD ONBUILD is not allowed',
  FROM: 'a child build cannot be made to start a new stage',
  MAINTAINER: 'MAINTAINER cannot be deferred to a child build',
};

export const onbuildTrigger: DockerfileRule = {
  id: 'dockerfile/onbuild-trigger',
  aliases: ['DL3043'],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'ONBUILD with ONBUILD, FROM or MAINTAINER as its trigger',
  explain: { docsUrl: HADOLINT_DOCS('DL3043') },
  check: {
    instruction: {
      ONBUILD: (instr, ctx) => {
        const t = instr.onbuildTrigger;
        if (!t) return;
        const why = WHY[t.keyword];
        if (!why) return;
        ctx.report({ range: t.keywordRange, message: `ONBUILD ${t.keyword}: ${why}, so the build stops here.` });
      },
    },
  },
};
