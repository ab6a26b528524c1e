/**
 * Deterministic synthetic Dockerfiles for the benchmark: many stages, line continuations, heredocs,
 * flags, variables, comments and suppression pragmas, plus a few deliberate problems (MAINTAINER,
 * a misspelled instruction, relative WORKDIR, apt-get without -y) so rules have something to report.
 */

/** Small seeded PRNG (mulberry32): the same seed gives the same file on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASES = ['node:22-bookworm-slim', 'python:3.12-slim', 'golang:1.23', 'alpine:3.20', 'debian:bookworm', 'ubuntu:24.04', 'eclipse-temurin:21-jre'];
const PACKAGES = ['curl', 'ca-certificates', 'git', 'build-essential', 'libpq-dev', 'jq', 'unzip', 'tini', 'openssl', 'gnupg'];

export function generateDockerfile(targetLines: number, seed = 42): string {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const out: string[] = ['# syntax=docker/dockerfile:1', '# check=skip=JSONArgsRecommended', 'ARG BASE_VERSION=22', 'ARG REGISTRY=docker.io', ''];
  let stage = 0;
  while (out.length < targetLines) {
    const name = `stage${stage}`;
    const from = stage === 0 ? `FROM --platform=$BUILDPLATFORM \${REGISTRY}/library/${pick(BASES)} AS ${name}` : `FROM ${stage % 5 === 0 ? pick(BASES) : `stage${Math.floor(rnd() * stage)}`} AS ${name}`;
    out.push(`# --- stage ${stage}: ${pick(['build', 'test', 'deps', 'runtime', 'tools'])}`, from);
    const blocks = 4 + Math.floor(rnd() * 8);
    for (let b = 0; b < blocks; b++) {
      switch (Math.floor(rnd() * 14)) {
        case 0:
          out.push(`ARG VERSION_${stage}_${b}=1.${b}.0`, `ENV APP_VERSION=\${VERSION_${stage}_${b}} PATH="/opt/app/bin:\${PATH}"`);
          break;
        case 1: {
          const pkgs = Array.from({ length: 2 + Math.floor(rnd() * 5) }, () => pick(PACKAGES));
          out.push('RUN apt-get update \\', `    && apt-get install -y --no-install-recommends \\`);
          for (const p of pkgs) out.push(`        ${p} \\`);
          out.push('    && rm -rf /var/lib/apt/lists/*');
          break;
        }
        case 2:
          out.push('RUN --mount=type=cache,target=/root/.cache/pip,sharing=locked \\', '    --mount=type=bind,source=requirements.txt,target=/tmp/requirements.txt \\', '    pip install -r /tmp/requirements.txt');
          break;
        case 3:
          out.push('RUN <<EOF', 'set -eux', `echo "building stage ${stage}" > /tmp/stage`, 'test -f /tmp/stage', 'EOF');
          break;
        case 4:
          out.push(`COPY --link --chown=1000:1000 --from=stage${Math.max(0, stage - 1)} /opt/app /opt/app`);
          break;
        case 5:
          out.push('COPY <<-CONF /etc/app/app.conf', '\tlisten = 0.0.0.0:8080', `\tname = app-${stage}`, '\tCONF');
          break;
        case 6:
          out.push(`WORKDIR ${rnd() < 0.2 ? 'app' : '/opt/app'}`, `LABEL org.opencontainers.image.title="app ${stage}" \\`, '      org.opencontainers.image.version="${APP_VERSION}"');
          break;
        case 7:
          out.push('HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \\', '  CMD curl -fsS http://localhost:8080/health || exit 1');
          break;
        case 8:
          out.push(`EXPOSE 80${b}/tcp 9${b}00`, `USER ${rnd() < 0.5 ? '1000:1000' : 'app'}`);
          break;
        case 9:
          out.push('# hadolint ignore=DL3008', `RUN apt-get install ${pick(PACKAGES)}`);
          break;
        case 10:
          out.push(rnd() < 0.5 ? 'MAINTAINER build-team@example.com' : `RUNN echo "typo in stage ${stage}"`);
          break;
        case 11:
          out.push('SHELL ["/bin/bash", "-o", "pipefail", "-c"]', `RUN set -o pipefail && curl -fsSL https://example.com/install.sh | bash -s -- --version "\${VERSION:-1.0}"`);
          break;
        case 12:
          out.push('ONBUILD COPY . /opt/app/src', 'STOPSIGNAL SIGTERM', 'VOLUME ["/data"]');
          break;
        default:
          out.push(`ADD --checksum=sha256:${'0123456789abcdef'.repeat(4)} https://example.com/tool-${b}.tar.gz /tmp/`, `CMD ["node", "server-${stage}.js"]`, `ENTRYPOINT ["/usr/bin/tini", "--"]`);
      }
    }
    out.push('');
    stage++;
  }
  return out.slice(0, targetLines).join('\n') + '\n';
}

/** A typical hand-written 40-line Dockerfile (two stages, cache mounts, a heredoc, one deliberate problem). */
export const TYPICAL_40 = `# syntax=docker/dockerfile:1
ARG NODE_VERSION=22

FROM node:\${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \\
    npm ci --omit=dev

FROM node:\${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci
COPY tsconfig.json ./
COPY src ./src
RUN npm run build \\
 && npm prune --omit=dev

FROM node:\${NODE_VERSION}-bookworm-slim
MAINTAINER Jane Doe <jane@example.com>
LABEL org.opencontainers.image.source="https://example.com/app" \\
      org.opencontainers.image.licenses="MIT"
RUN apt-get update \\
 && apt-get install -y --no-install-recommends tini curl \\
 && rm -rf /var/lib/apt/lists/*
RUN <<EOF
set -eux
mkdir -p /app/data
chown -R node:node /app/data
EOF
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
ENV PORT=8080
EXPOSE 8080
USER node
HEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost:8080/health || exit 1
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/server.js"]
`;
