import { parseCheckOptions } from '../../model';
import type { DockerfileRule } from '../types';
import { REFERENCE_DOCS } from '../types';
import { scanDirectives } from './directives';

export const invalidCheckDirective: DockerfileRule = {
  id: 'dockerfile/invalid-check-directive',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'check directive the builder cannot parse',
  explain: { docsUrl: REFERENCE_DOCS('check') },
  check: {
    document: (ctx) => {
      for (const d of scanDirectives(ctx.model).effective) {
        if (d.name !== 'check') continue;
        const parsed = parseCheckOptions(d.value);
        if ('error' in parsed && typeof parsed.error === 'string') {
          ctx.report({
            range: d.valueRange,
            message: `The check directive is malformed: ${parsed.error}. The builder fails to parse it, so the build stops here. Use e.g. # check=skip=JSONArgsRecommended;error=true.`,
          });
        }
      }
    },
  },
};
