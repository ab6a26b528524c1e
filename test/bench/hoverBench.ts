import type { Position } from 'vscode-languageserver-types';
import { dockerfileHover } from '../../server/src/service/dockerfile/hover';
import type { DockerfileModel } from '../../server/src/service/dockerfile/model';
import { parseDockerfile } from '../../server/src/service/dockerfile/model';

/**
 * Hover latency on an already parsed model, as the editor sees it (the facade caches the parse).
 * Used by the hover unit test as a guard and by `npm run bench` for the figures.
 */
export interface HoverTiming {
  readonly samples: number;
  readonly medianMs: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
}

/** A synthetic multi-stage file of about `lines` lines: variables, mounts, stage refs, heredocs. */
export function syntheticDockerfile(lines = 5000): string {
  const out: string[] = ['# syntax=docker/dockerfile:1', '# check=skip=JSONArgsRecommended', 'ARG BASE=alpine:3.20'];
  for (let s = 0; out.length < lines; s++) {
    out.push(
      `FROM $BASE AS s${s}`,
      'ARG VERSION',
      `ENV APP_HOME=/app/${s}`,
      'RUN --mount=type=cache,target=/root/.cache,sharing=locked \\',
      '    apk add --no-cache curl && echo $APP_HOME ${VERSION:-dev}',
      `COPY --from=s${Math.max(0, s - 1)} --chown=1000:1000 /app /app`,
      'RUN <<EOF',
      'set -e',
      'echo "$APP_HOME"',
      'EOF',
      'HEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1',
      'USER 1000',
      'CMD ["app"]',
    );
  }
  return out.join('\n');
}

/** Hovers `positions` (default: several columns of every line) and reports per-call latency. */
export function measureHover(model: DockerfileModel, positions?: readonly Position[]): HoverTiming {
  const pos: Position[] = positions ? [...positions] : [];
  if (!positions) {
    const lineCount = model.document.lineCount;
    for (let l = 0; l < lineCount; l++) {
      const len = model.lineText(l).length;
      for (const c of [1, 6, 14, 30, 45]) pos.push({ line: l, character: Math.min(c, len) });
    }
  }
  if (pos.length === 0) return { samples: 0, medianMs: 0, p90Ms: 0, p99Ms: 0 };
  dockerfileHover(model, pos[0]!); // the per-model variable table is built on first use, like the parse
  const times: number[] = [];
  for (const p of pos) {
    const t0 = process.hrtime.bigint();
    dockerfileHover(model, p);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(times.length * q))]!;
  return { samples: times.length, medianMs: at(0.5), p90Ms: at(0.9), p99Ms: at(0.99) };
}

if (require.main === module) {
  const model = parseDockerfile(syntheticDockerfile(5000));
  const t = measureHover(model);
  console.log(`hover, 5,000-line file (${t.samples} positions): median ${t.medianMs.toFixed(4)} ms, p90 ${t.p90Ms.toFixed(4)} ms, p99 ${t.p99Ms.toFixed(4)} ms`);
}
