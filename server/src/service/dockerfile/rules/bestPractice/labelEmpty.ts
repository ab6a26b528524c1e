import type { DockerfileRule } from '../types';
import { HADOLINT_DOCS } from '../types';
import { properties } from './common';
import { valueRange } from './labelSchema';

export const labelEmpty: DockerfileRule = {
  id: 'dockerfile/label-empty',
  aliases: ['DL3051'],
  family: 'best-practice',
  defaultLevel: 'warning',
  title: 'Schema label set to an empty value',
  explain: { docsUrl: HADOLINT_DOCS('DL3051') },
  check: {
    instruction: {
      LABEL: (instr, ctx) => {
        const schema = ctx.settings.labelSchema;
        if (!schema) return;
        for (const p of properties(instr)) {
          const v = p.getValue();
          if (schema[p.getName()] === undefined || v === null || v.trim() !== '') continue;
          ctx.report({
            range: valueRange(p),
            message: `Label ${p.getName()} is required by your label schema but is empty here: the label exists, yet tells nobody anything. Give it a real value (often from a build ARG).`,
          });
        }
      },
    },
  },
};
