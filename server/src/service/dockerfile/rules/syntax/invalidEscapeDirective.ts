import type { DockerfileRule } from '../types';
import { REFERENCE_DOCS } from '../types';
import { scanDirectives } from './directives';

export const invalidEscapeDirective: DockerfileRule = {
  id: 'dockerfile/invalid-escape-directive',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'escape directive with a character other than \\ or `',
  explain: { docsUrl: REFERENCE_DOCS('escape') },
  check: {
    document: (ctx) => {
      for (const d of scanDirectives(ctx.model).effective) {
        if (d.name !== 'escape' || d.value === '\\' || d.value === '`' || d.value === '') continue;
        ctx.report({
          range: d.valueRange,
          message: `"${d.value}" cannot be the escape character: only \\ (the default) or \` (handy for Windows paths) are allowed, so the build stops here.`,
        });
      }
    },
  },
  fix(_model, finding) {
    return [
      { title: 'Use \\ (the default)', isPreferred: true, edits: [{ range: finding.range, newText: '\\' }] },
      { title: 'Use ` (backtick, for Windows paths)', edits: [{ range: finding.range, newText: '`' }] },
    ];
  },
};
