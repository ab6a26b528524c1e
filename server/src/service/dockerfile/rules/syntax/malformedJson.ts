import type { DockerfileRule } from '../types';
import { REFERENCE_DOCS } from '../types';
import type { JsonProblem } from './jsonForm';
import { JSON_KEYWORDS, jsonAttempt } from './jsonForm';

const WHAT: Record<JsonProblem, string> = {
  'missing-comma': 'a comma is missing between two strings',
  'trailing-comma': 'there is a comma after the last string',
  'leading-comma': 'there is a comma before the first string',
  'empty-element': 'two commas follow each other',
  unclosed: 'the closing "]" is missing',
  'bad-escape': 'a backslash starts an escape sequence in JSON, so a Windows path needs doubled backslashes such as C:\\\\app',
};

export const malformedJson: DockerfileRule = {
  id: 'dockerfile/malformed-json',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'warning',
  title: 'Exec form that is not valid JSON',
  explain: { docsUrl: REFERENCE_DOCS('shell-and-exec-form') },
  check: {
    instruction: {
      '*': (instr, ctx) => {
        if (!JSON_KEYWORDS.has(instr.keyword)) return;
        const a = jsonAttempt(ctx.model, instr);
        if (a.kind !== 'malformed' || !a.range || !a.problem) return;
        const shell = instr.keyword === 'SHELL';
        ctx.report({
          range: a.range,
          message: shell
            ? `This is not valid JSON (${WHAT[a.problem]}), and SHELL accepts only a JSON array, so the build stops here.`
            : `This is not valid JSON (${WHAT[a.problem]}), so the builder silently runs the whole text as a shell command instead of the exec form you wrote.`,
          level: shell ? 'error' : undefined,
        });
      },
    },
  },
};
