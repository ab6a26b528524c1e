import type { DockerfileRule } from '../types';
import { HADOLINT_DOCS } from '../types';
import { imageStages, properties, stageChain } from './common';

export const labelMissing: DockerfileRule = {
  id: 'dockerfile/label-missing',
  aliases: ['DL3049'],
  family: 'best-practice',
  defaultLevel: 'info',
  title: 'Image lacks a label the label schema requires',
  explain: { docsUrl: HADOLINT_DOCS('DL3049') },
  check: {
    document: (ctx) => {
      const schema = ctx.settings.labelSchema;
      if (!schema) return;
      const required = Object.keys(schema);
      if (required.length === 0) return;
      // Only stages that become images need the labels; intermediate ones feed others. Labels are inherited.
      for (const info of imageStages(ctx.model)) {
        const have = new Set<string>();
        for (const s of stageChain(info)) {
          for (const instr of s.stage.instructions) {
            if (instr.keyword === 'LABEL') for (const p of properties(instr)) have.add(p.getName());
          }
        }
        for (const key of required) {
          if (have.has(key)) continue;
          ctx.report({
            range: info.stage.from.keywordRange,
            message: `The image built by this stage has no ${key} label, which your label schema requires: without it, people and tools looking at the image cannot find that information. Add LABEL ${key}="…" to this stage.`,
          });
        }
      }
    },
  },
};
