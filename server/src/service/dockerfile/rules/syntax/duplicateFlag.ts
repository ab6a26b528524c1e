import type { DockerfileRule } from '../types';
import { REFERENCE_DOCS } from '../types';
import { flagSpecs } from './flagTables';
import { mayHaveFlags, realFlags, selfAndTrigger } from './util';

export const duplicateFlag: DockerfileRule = {
  id: 'dockerfile/duplicate-flag',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'Flag given twice',
  explain: { docsUrl: REFERENCE_DOCS('overview') },
  check: {
    instruction: {
      '*': (outer, ctx) => selfAndTrigger(outer).forEach((instr) => {
        if (!mayHaveFlags(ctx.model, instr)) return;
        const specs = flagSpecs(instr.keyword);
        if (!specs || realFlags(instr).length < 2) return;
        const seen = new Set<string>();
        for (const flag of realFlags(instr)) {
          const name = flag.getName();
          const spec = specs.find((s) => s.name === name);
          if (!spec || spec.repeatable) continue;
          if (seen.has(name)) {
            ctx.report({
              range: flag.getRange(),
              message: `--${name} is given more than once; the builder refuses to guess which one you mean, so the build stops here.`,
            });
          }
          seen.add(name);
        }
      }),
    },
  },
};
