import type { DockerfileRule } from '../types';
import { BUILDKIT_DOCS } from '../types';

export const exposeProtoCasing: DockerfileRule = {
  id: 'dockerfile/expose-proto-casing',
  aliases: ['ExposeProtoCasing'],
  family: 'buildkit',
  defaultLevel: 'warning',
  title: 'EXPOSE protocol should be lowercase',
  explain: { docsUrl: BUILDKIT_DOCS('ExposeProtoCasing') },
  check: {
    instruction: {
      EXPOSE: (instr, ctx) => {
        for (const arg of instr.args) {
          const text = arg.getValue();
          const slash = text.lastIndexOf('/');
          if (slash < 0) continue;
          const proto = text.slice(slash + 1);
          if (!proto || proto === proto.toLowerCase() || proto.includes('$')) continue;
          const r = arg.getRange();
          if (r.start.line !== r.end.line) continue;
          ctx.report({
            range: { start: { line: r.start.line, character: r.start.character + slash + 1 }, end: r.end },
            message: `Protocol '${proto}' in '${text}' should be lowercase (${proto.toLowerCase()}), the way Docker writes protocols everywhere else (docker ps, docker inspect, Compose).`,
            data: proto.toLowerCase(),
          });
        }
      },
    },
  },
  fix(_model, finding) {
    const p = finding.data;
    return typeof p === 'string' ? [{ title: `Change to '${p}'`, isPreferred: true, edits: [{ range: finding.range, newText: p }] }] : [];
  },
};
