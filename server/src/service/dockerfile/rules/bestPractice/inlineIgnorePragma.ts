import type { DockerfileRule } from '../types';
import { HADOLINT_DOCS } from '../types';
import { parsePragma } from '../../suppression';

export const inlineIgnorePragma: DockerfileRule = {
  id: 'dockerfile/inline-ignore-pragma',
  aliases: ['DL1001'],
  family: 'best-practice',
  defaultLevel: 'off',
  title: 'Inline comment that silences a rule',
  explain: { docsUrl: HADOLINT_DOCS('DL1001') },
  check: {
    document: (ctx) => {
      const model = ctx.model;
      const directiveLines = new Set(model.directives.map((d) => d.range.start.line));
      for (const comment of model.comments) {
        const range = comment.getRange();
        if (directiveLines.has(range.start.line)) continue;
        const p = parsePragma(model.lineText(range.start.line), range.start.line);
        if (!p || 'shell' in p || p.scope === 'global') continue;
        ctx.report({
          range,
          message: 'This comment silences a rule for the instruction below it. Scattered ignores are easy to forget and hide problems from reviewers; prefer fixing the finding, or turn the rule off once in the settings with a reason.',
        });
      }
    },
  },
};
