import type { Instr } from '../../model';
import { MAX_SHELL_CHARS, runTooLongToCheck } from '../../shell';
import type { DockerfileRule, DockerfileRuleContext } from '../types';
import { REFERENCE_DOCS } from '../types';

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function check(instr: Instr, at: Instr, ctx: DockerfileRuleContext): void {
  const chars = runTooLongToCheck(ctx.model, instr);
  if (chars === undefined) return;
  ctx.report({
    range: at.keywordRange,
    message: `This RUN is ${count(chars)} characters of shell; the shell checks read at most ${count(MAX_SHELL_CHARS)} per RUN and skip this one, so that the editor stays responsive. A script this long is easier to review and cache as a file: COPY it in and RUN it.`,
  });
}

/** Says where the shell rules (apt-get, pipefail, sudo …) are not looking, instead of skipping a RUN silently. */
export const runTooLong: DockerfileRule = {
  id: 'dockerfile/run-too-long-to-check',
  aliases: [],
  family: 'best-practice',
  defaultLevel: 'info',
  title: 'RUN too long for the shell checks',
  explain: { docsUrl: REFERENCE_DOCS('run') },
  check: {
    instruction: {
      RUN: (instr, ctx) => check(instr, instr, ctx),
      ONBUILD: (instr, ctx) => {
        const t = instr.onbuildTrigger;
        if (t && t.keyword === 'RUN') check(t, instr, ctx);
      },
    },
  },
};
