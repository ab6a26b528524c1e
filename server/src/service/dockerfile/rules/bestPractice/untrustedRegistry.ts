import type { Range } from 'vscode-languageserver-types';
import type { DockerfileRuleContext } from '../types';
import type { DockerfileRule } from '../types';
import { HADOLINT_DOCS } from '../types';
import type { Instr } from '../../model';
import { expandVars, parseImageRef, stageGraph, stageInfoOf } from './common';

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com', 'hub.docker.com']);

/** The registry an image is pulled from; Docker Hub when none is written. */
export function registryOf(image: string): string | undefined {
  const ref = parseImageRef(image);
  if (!ref) return undefined;
  const reg = (ref.registry ?? 'docker.io').toLowerCase();
  return DOCKER_HUB.has(reg) ? 'docker.io' : reg;
}

/** `*` in a trusted entry matches any run of characters (`*.gcr.io` matches `eu.gcr.io`, not `gcr.io`). */
export function registryAllowed(registry: string, trusted: readonly string[]): boolean {
  for (const raw of trusted) {
    let t = raw.trim().toLowerCase();
    if (!t) continue;
    if (DOCKER_HUB.has(t)) t = 'docker.io';
    if (!t.includes('*')) {
      if (t === registry) return true;
      continue;
    }
    const re = new RegExp('^' + t.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
    if (re.test(registry)) return true;
  }
  return false;
}

function check(ctx: DockerfileRuleContext, instr: Instr, image: string, range: Range, what: string): void {
  const trusted = ctx.settings.trustedRegistries;
  if (!trusted || trusted.length === 0) return;
  const registry = registryOf(image);
  if (!registry || registryAllowed(registry, trusted)) return;
  ctx.report({
    range,
    message: `${what} "${image}" comes from ${registry === 'docker.io' ? 'Docker Hub (docker.io)' : registry}, which is not in your trusted registries (${trusted.join(', ')}). Images from other registries bypass the scanning and provenance checks your team relies on.`,
    data: { instr: instr.index },
  });
}

export const untrustedRegistry: DockerfileRule = {
  id: 'dockerfile/untrusted-registry',
  aliases: ['DL3026'],
  family: 'best-practice',
  defaultLevel: 'error',
  title: 'Image pulled from a registry outside settings.trustedRegistries',
  explain: { docsUrl: HADOLINT_DOCS('DL3026') },
  check: {
    instruction: {
      FROM: (instr, ctx) => {
        const info = stageInfoOf(ctx.model, instr);
        if (!info || !info.resolved || !info.imageRange || info.isScratch || info.parent) return;
        check(ctx, instr, info.resolved, info.imageRange, 'The base image');
      },
      COPY: (instr, ctx) => fromFlags(instr, ctx),
      RUN: (instr, ctx) => fromFlags(instr, ctx),
    },
  },
};

/** `COPY --from=<image>` and `RUN --mount=from=<image>` pull images too, unless they name a stage. */
function fromFlags(instr: Instr, ctx: DockerfileRuleContext): void {
  if (!ctx.settings.trustedRegistries?.length || !instr.stage) return;
  const g = stageGraph(ctx.model);
  for (const f of instr.flags) {
    const name = f.getName();
    let value: string | null | undefined;
    let range: Range | null | undefined;
    if (name === 'from' && instr.keyword === 'COPY') {
      value = f.getValue();
      range = f.getValueRange();
    } else if (name === 'mount' && instr.keyword === 'RUN') {
      const opt = f.getOption('from');
      value = opt?.getValue();
      range = opt?.getValueRange();
    }
    if (!value || !range) continue;
    // Stage-local ARGs could feed the value too; with only global defaults known, skip what we cannot resolve.
    const resolved = expandVars(value, g.globalArgs);
    if (!resolved || g.stageRef(resolved, instr.stage.index + 1) || resolved.toLowerCase() === 'scratch') continue;
    check(ctx, instr, resolved, range, 'The image');
  }
}
