import type { DockerfileRule } from '../types';
import { REFERENCE_DOCS } from '../types';
import { scanDirectives } from './directives';

export const duplicateDirective: DockerfileRule = {
  id: 'dockerfile/duplicate-directive',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'Parser directive given twice',
  explain: { docsUrl: REFERENCE_DOCS('parser-directives') },
  check: {
    document: (ctx) => {
      const seen = new Set<string>();
      for (const d of scanDirectives(ctx.model).effective) {
        if (seen.has(d.name)) {
          ctx.report({ range: d.range, message: `The ${d.name} directive is already set above; the builder accepts each directive only once, so the build stops here.` });
        }
        seen.add(d.name);
      }
    },
  },
};
