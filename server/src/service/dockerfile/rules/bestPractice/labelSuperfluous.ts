import type { DockerfileRule } from '../types';
import { HADOLINT_DOCS } from '../types';
import { properties } from './common';

export const labelSuperfluous: DockerfileRule = {
  id: 'dockerfile/label-superfluous',
  aliases: ['DL3050'],
  family: 'best-practice',
  defaultLevel: 'info',
  title: 'Label not in the label schema (strict labels)',
  explain: { docsUrl: HADOLINT_DOCS('DL3050') },
  check: {
    instruction: {
      LABEL: (instr, ctx) => {
        const schema = ctx.settings.labelSchema;
        if (!schema || !ctx.settings.strictLabels) return;
        for (const p of properties(instr)) {
          const key = p.getName();
          if (!key || Object.prototype.hasOwnProperty.call(schema, key)) continue;
          ctx.report({
            range: p.getNameRange(),
            message: `Label ${key} is not in your label schema, and strict labels are on: only the agreed labels should be set, so every image carries the same, documented metadata. Remove it or add it to the schema.`,
          });
        }
      },
    },
  },
};
