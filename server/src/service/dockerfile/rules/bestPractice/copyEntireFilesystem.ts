import type { DockerfileRule } from '../types';
import { HADOLINT_DOCS } from '../types';
import { expandVars, parseImageRef, pathWords, stageChain, stageGraph } from './common';

/**
 * Images built FROM scratch on purpose to be overlaid onto `/` with `COPY --from=<it> / /`:
 * cross-compilation helpers (tonistiigi/xx) and the Docker CLI/buildx/compose binaries that
 * Docker's own dev-environment samples add this way (gloursdocker/docker). We cannot look inside
 * external images, so they are listed.
 */
const OVERLAY_IMAGES = new Set(['tonistiigi/xx', 'docker.io/tonistiigi/xx', 'gloursdocker/docker', 'docker.io/gloursdocker/docker']);

export const copyEntireFilesystem: DockerfileRule = {
  id: 'dockerfile/copy-entire-filesystem',
  aliases: ['DL3067'],
  family: 'best-practice',
  defaultLevel: 'warning',
  title: 'COPY --from copies a whole filesystem onto /',
  explain: { docsUrl: HADOLINT_DOCS('DL3067') },
  check: {
    instruction: {
      COPY: (instr, ctx) => {
        const from = instr.flag('from')?.getValue();
        if (!from || !instr.stage) return;
        const words = pathWords(instr);
        if (words.length < 2) return;
        const dest = words[words.length - 1]!;
        const sources = words.slice(0, -1);
        const root = sources.find((w) => w.value === '/');
        if (!root || dest.value !== '/') return;
        const g = stageGraph(ctx.model);
        const here = g.stages[instr.stage.index];
        // Into an empty scratch stage this is the squash idiom: flatten a finished filesystem into one layer.
        if (here && [...stageChain(here)].some((s) => s.isScratch)) return;
        const resolved = expandVars(from, g.globalArgs);
        if (resolved === undefined) return;
        const stage = g.stageRef(resolved, instr.stage.index);
        let baseImage = resolved;
        if (stage) {
          const chain = [...stageChain(stage)];
          // A stage built from scratch holds only what was put there: overlaying it is the point.
          // When a FROM depends on build-time values we cannot tell what the stage holds.
          if (chain.some((s) => s.isScratch || s.resolved === undefined)) return;
          baseImage = chain[chain.length - 1]!.resolved ?? '';
        }
        const ref = parseImageRef(baseImage);
        if (ref && OVERLAY_IMAGES.has((ref.registry ? ref.registry + '/' : '') + ref.path)) return;
        ctx.report({
          range: root.range,
          message: `This copies the entire filesystem of "${from}" over this stage's root: everything it contains (package databases, shells, caches, /etc) overwrites the files here, which bloats the image and can break it. Copy only the directories you need, e.g. --from=${from} /app /app.`,
        });
      },
    },
  },
};
