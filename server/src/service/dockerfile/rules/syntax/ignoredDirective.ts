import type { DockerfileRule } from '../types';
import { REFERENCE_DOCS } from '../types';
import { scanDirectives } from './directives';

/** A comment that reads like `# syntax=…` or `# escape=…`, at the start of its line. */
const LOOKS_LIKE = /^#\s*(syntax|escape)\s*=\s*\S/i;

export const ignoredDirective: DockerfileRule = {
  id: 'dockerfile/ignored-directive',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'warning',
  title: 'Parser directive placed where the builder no longer reads directives',
  explain: { docsUrl: REFERENCE_DOCS('parser-directives') },
  check: {
    document: (ctx) => {
      const { model } = ctx;
      const why = 'parser directives are only read in the unbroken block of `# name=value` lines at the very top of the file, so this is now an ordinary comment and has no effect. Move it to the top.';
      for (const d of scanDirectives(model).ignored) {
        ctx.report({ range: d.range, message: `This ${d.name} directive follows a line that is not a known directive: ${why}` });
      }
      // `# check=` comments are left alone: a `# check=skip=…` right above an instruction is a scoped skip.
      for (const c of model.comments) {
        const r = c.getRange();
        if (r.start.character !== 0) continue;
        const m = LOOKS_LIKE.exec(model.lineText(r.start.line));
        if (!m) continue;
        // BuildKit skips a shebang line before looking for the syntax directive.
        if (r.start.line === 1 && m[1]!.toLowerCase() === 'syntax' && model.lineText(0).startsWith('#!')) continue;
        ctx.report({ range: r, message: `This looks like the ${m[1]!.toLowerCase()} directive, but ${why}` });
      }
    },
  },
};
