import type { DockerfileRule } from '../types';
import { BUILDKIT_DOCS } from '../types';

/** The port spec with `${...}` expressions blanked out, so `${PORT:-80}` does not look like a mapping. */
function withoutVariables(text: string): string {
  return text.replace(/\$\{[^}]*\}/g, 'X');
}

export const exposeInvalidFormat: DockerfileRule = {
  id: 'dockerfile/expose-invalid-format',
  aliases: ['ExposeInvalidFormat'],
  family: 'buildkit',
  defaultLevel: 'warning',
  title: 'EXPOSE takes container ports only, no IP address or host port',
  explain: { docsUrl: BUILDKIT_DOCS('ExposeInvalidFormat') },
  check: {
    instruction: {
      EXPOSE: (instr, ctx) => {
        for (const arg of instr.args) {
          const text = arg.getValue();
          if (!withoutVariables(text).includes(':')) continue;
          ctx.report({
            range: arg.getRange(),
            message: `'${text}' maps an IP address or host port, but EXPOSE only documents which container port listens; the mapping part is ignored today and may be rejected later. Expose the container port here and publish it with docker run -p (or ports: in Compose).`,
          });
        }
      },
    },
  },
};
