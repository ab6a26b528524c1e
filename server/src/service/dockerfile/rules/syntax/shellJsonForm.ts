import type { DockerfileRule } from '../types';
import { REFERENCE_DOCS } from '../types';
import { jsonAttempt } from './jsonForm';
import { plainArgs } from './util';

export const shellJsonForm: DockerfileRule = {
  id: 'dockerfile/shell-json-form',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'SHELL must be written as a JSON array',
  explain: { docsUrl: REFERENCE_DOCS('shell') },
  check: {
    instruction: {
      SHELL: (instr, ctx) => {
        const args = plainArgs(ctx.model, instr);
        if (args.length === 0) return; // missing-arguments
        // Near-misses of JSON have their own, more precise rules.
        if (jsonAttempt(ctx.model, instr).kind !== 'shell') return;
        ctx.report({
          range: { start: args[0]!.getRange().start, end: args[args.length - 1]!.getRange().end },
          message: 'SHELL takes the shell program as a JSON array of strings, e.g. SHELL ["/bin/bash", "-o", "pipefail", "-c"]; written any other way the build stops here.',
        });
      },
    },
  },
};
