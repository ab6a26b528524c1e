import type { DockerfileRule } from '../types';
import { REFERENCE_DOCS } from '../types';
import { JSON_KEYWORDS, jsonAttempt } from './jsonForm';

export const jsonSingleQuotes: DockerfileRule = {
  id: 'dockerfile/json-single-quotes',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'warning',
  title: 'Exec form written with single quotes',
  explain: { docsUrl: REFERENCE_DOCS('shell-and-exec-form') },
  check: {
    instruction: {
      '*': (instr, ctx) => {
        if (!JSON_KEYWORDS.has(instr.keyword)) return;
        const a = jsonAttempt(ctx.model, instr);
        if (a.kind !== 'single-quotes' || !a.range) return;
        const shell = instr.keyword === 'SHELL';
        ctx.report({
          range: a.range,
          message: shell
            ? 'SHELL must be a JSON array, and JSON strings use double quotes: with single quotes this is not JSON, so the build stops here.'
            : 'JSON strings use double quotes: with single quotes this is not JSON, so the builder silently hands the whole text, brackets included, to /bin/sh -c, which is not what you meant.',
          level: shell ? 'error' : undefined,
          data: a.singles,
        });
      },
    },
  },
  fix(_model, finding) {
    const singles = finding.data as { range: { start: { line: number; character: number }; end: { line: number; character: number } }; content: string }[] | undefined;
    if (!Array.isArray(singles) || singles.length === 0) return [];
    return [{
      title: 'Use double quotes',
      isPreferred: true,
      edits: singles.map((s) => ({ range: s.range, newText: JSON.stringify(s.content) })),
    }];
  },
};
