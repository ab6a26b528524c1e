import type { DockerfileRule } from '../types';
import { HADOLINT_DOCS } from '../types';
import { hasVariable } from './util';

const PROTOCOLS = ['tcp', 'udp', 'sctp'];

export const invalidExpose: DockerfileRule = {
  id: 'dockerfile/invalid-expose',
  aliases: ['DL3011'],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'EXPOSE with an invalid port, range or protocol',
  explain: { docsUrl: HADOLINT_DOCS('DL3011') },
  check: {
    instruction: {
      EXPOSE: (instr, ctx) => {
        for (const arg of instr.args) {
          const word = arg.getValue();
          // `80:8080` and `127.0.0.1:80` are BuildKit's ExposeInvalidFormat check, not a syntax error here.
          if (hasVariable(word) || word.includes(':')) continue;
          const r = arg.getRange();
          const slash = word.indexOf('/');
          const port = slash < 0 ? word : word.slice(0, slash);
          const proto = slash < 0 ? undefined : word.slice(slash + 1);
          const m = /^(\d+)(?:-(\d+))?$/.exec(port);
          if (!m) {
            ctx.report({ range: r, message: `"${word}" is not a port: EXPOSE takes numbers such as 80, 8000-8010 or 53/udp, so the build stops here.` });
            continue;
          }
          const lo = Number(m[1]);
          const hi = m[2] === undefined ? lo : Number(m[2]);
          if (lo > 65535 || hi > 65535) {
            ctx.report({ range: r, message: `Port ${lo > 65535 ? lo : hi} is out of range: ports go from 0 to 65535, so the build stops here.` });
          } else if (hi < lo) {
            ctx.report({ range: r, message: `The range ${port} ends before it starts: write the lower port first (${hi}-${lo}), otherwise the build stops here.` });
          }
          if (proto !== undefined && !PROTOCOLS.includes(proto.toLowerCase())) {
            const start = { line: r.start.line, character: r.start.character + slash + 1 };
            ctx.report({ range: { start, end: r.end }, message: `"${proto}" is not a protocol: EXPOSE knows tcp (the default), udp and sctp, so the build stops here.` });
          }
        }
      },
    },
  },
};
