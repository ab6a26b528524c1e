import type { DockerfileModel } from '../../model';
import { derived } from '../../../derived';
import type { DockerfileRule } from '../types';
import { HADOLINT_DOCS } from '../types';
import { pathWords, stageChain, stageGraph } from './common';

/** COPY instruction indexes that run after a WORKDIR in their stage or the stages it builds on. */
const copiesAfterWorkdir = derived((model: DockerfileModel): ReadonlySet<number> => {
  const out = new Set<number>();
  const hasWorkdir: boolean[] = [];
  for (const info of stageGraph(model).stages) {
    // WORKDIR carries over to `FROM <stage>`; FROM scratch starts in `/`, which is just as well defined.
    let seen = (info.parent ? hasWorkdir[info.parent.stage.index] : false) || [...stageChain(info)].some((s) => s.isScratch);
    for (const instr of info.stage.instructions) {
      if (instr.keyword === 'WORKDIR') seen = true;
      else if (instr.keyword === 'COPY' && seen) out.add(instr.index);
    }
    hasWorkdir.push(seen);
  }
  return out;
});

export const copyRelativeWithoutWorkdir: DockerfileRule = {
  id: 'dockerfile/copy-relative-without-workdir',
  aliases: ['DL3045'],
  family: 'best-practice',
  defaultLevel: 'warning',
  title: 'COPY to a relative destination before any WORKDIR',
  explain: { docsUrl: HADOLINT_DOCS('DL3045') },
  check: {
    instruction: {
      COPY: (instr, ctx) => {
        if (instr.heredocs.length > 0 || copiesAfterWorkdir(ctx.model).has(instr.index)) return;
        const words = pathWords(instr);
        if (words.length < 2) return;
        const dest = words[words.length - 1]!;
        // A quoted variable (`"$APP"/bin`) is as unknown as a bare one.
        const d = dest.value.replace(/^["']/, '');
        if (!d || d.startsWith('/') || d.startsWith('\\') || d.startsWith('$') || /^[A-Za-z]:[\\/]/.test(d)) return;
        ctx.report({
          range: dest.range,
          message: `"${d}" is relative, and no WORKDIR is set in this stage yet, so it lands in whatever working directory the base image happens to define (often /). Set WORKDIR first or use an absolute path, so the files end up where you expect even when the base image changes.`,
        });
      },
    },
  },
};
