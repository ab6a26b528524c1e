import type { Healthcheck } from 'dockerfile-ast';
import { didYouMean } from '../../../text';
import type { DockerfileRule } from '../types';
import { REFERENCE_DOCS } from '../types';

export const unknownHealthcheckType: DockerfileRule = {
  id: 'dockerfile/unknown-healthcheck-type',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'HEALTHCHECK must be followed by CMD or NONE',
  explain: { docsUrl: REFERENCE_DOCS('healthcheck') },
  check: {
    instruction: {
      HEALTHCHECK: (instr, ctx) => {
        const sub = (instr.node as Healthcheck).getSubcommand();
        if (!sub) return;
        const word = sub.getValue();
        const upper = word.toUpperCase();
        if (upper === 'CMD' || upper === 'NONE') return;
        const suggestion = didYouMean(word, ['CMD', 'NONE']);
        ctx.report({
          range: sub.getRange(),
          message: `HEALTHCHECK knows only CMD <command> and NONE, not "${word}", so the build stops here.` + (suggestion ? ` Did you mean ${suggestion}?` : ''),
          data: suggestion,
        });
      },
    },
  },
  fix(_model, finding) {
    const s = finding.data;
    return typeof s === 'string' ? [{ title: `Change to ${s}`, isPreferred: true, edits: [{ range: finding.range, newText: s }] }] : [];
  },
};
