import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Hover, MarkupContent, Position, Range } from 'vscode-languageserver-types';
import { dockerfileHover } from '../../server/src/service/dockerfile/hover';
import { parseDockerfile } from '../../server/src/service/dockerfile/model';
import { DOCS, flagDoc, instructionDoc, mountOptionDoc, mountTypeDoc } from '../../server/src/service/dockerfile/docs';
import { createLanguageService } from '../../server/src/service';
import { SHARED, caret, doc } from '../util/text';
import { syntheticDockerfile } from '../bench/hoverBench';

/** Hover at the caret; returns the markdown and the text the hover range covers. */
function hover(source: string): { md: string; token: string; hover: Hover } | null {
  const { text, position } = caret(source);
  const model = parseDockerfile(text);
  const h = dockerfileHover(model, position);
  if (!h) return null;
  const r = h.range!;
  const token = text.slice(model.document.offsetAt(r.start), model.document.offsetAt(r.end));
  return { md: (h.contents as MarkupContent).value, token, hover: h };
}

interface Row {
  readonly src: string;
  /** Every pattern must match the markdown. */
  readonly has: readonly (RegExp | string)[];
  /** The exact text the hover range must cover. */
  readonly token: string;
  readonly not?: readonly (RegExp | string)[];
}

function check(rows: readonly Row[]): void {
  for (const row of rows) {
    it(JSON.stringify(row.src), () => {
      const h = hover(row.src);
      assert.ok(h, `expected a hover for ${row.src}`);
      for (const p of row.has) {
        if (typeof p === 'string') assert.ok(h.md.includes(p), `missing ${JSON.stringify(p)} in:\n${h.md}`);
        else assert.match(h.md, p);
      }
      for (const p of row.not ?? []) {
        if (typeof p === 'string') assert.ok(!h.md.includes(p), `unexpected ${JSON.stringify(p)} in:\n${h.md}`);
        else assert.doesNotMatch(h.md, p);
      }
      assert.strictEqual(h.token, row.token);
    });
  }
}

// The reference anchors, written independently of the content files.
const KEYWORD_ROWS: readonly [string, string, string][] = [
  ['ADD', 'FROM alpine\nAD|D https://example.com/a.tgz /opt/', 'add'],
  ['ARG', 'AR|G VERSION=1\nFROM alpine', 'arg'],
  ['CMD', 'FROM alpine\nCM|D ["sh"]', 'cmd'],
  ['COPY', 'FROM alpine\n|COPY . /app', 'copy'],
  ['ENTRYPOINT', 'FROM alpine\nENTRYPOIN|T ["app"]', 'entrypoint'],
  ['ENV', 'FROM alpine\nEN|V A=1', 'env'],
  ['EXPOSE', 'FROM alpine\nEXPOSE| 80', 'expose'],
  ['FROM', 'FR|OM node', 'from'],
  ['HEALTHCHECK', 'FROM alpine\nHEALTH|CHECK CMD true', 'healthcheck'],
  ['LABEL', 'FROM alpine\nLA|BEL a=b', 'label'],
  ['MAINTAINER', 'FROM alpine\nMAINTAI|NER me', 'maintainer-deprecated'],
  ['ONBUILD', 'FROM alpine\nON|BUILD RUN make', 'onbuild'],
  ['RUN', 'FROM alpine\nR|UN make', 'run'],
  ['SHELL', 'FROM alpine\nSHE|LL ["/bin/bash", "-c"]', 'shell'],
  ['STOPSIGNAL', 'FROM alpine\nSTOPSIGNA|L SIGQUIT', 'stopsignal'],
  ['USER', 'FROM alpine\nUS|ER app', 'user'],
  ['VOLUME', 'FROM alpine\nVOLU|ME /data', 'volume'],
  ['WORKDIR', 'FROM alpine\nW|ORKDIR /app', 'workdir'],
];

const FLAGS: Readonly<Record<string, readonly string[]>> = {
  FROM: ['--platform'],
  RUN: ['--mount', '--network', '--security', '--device'],
  COPY: ['--from', '--chown', '--chmod', '--link', '--parents', '--exclude'],
  ADD: ['--keep-git-dir', '--checksum', '--chown', '--chmod', '--link', '--unpack', '--exclude'],
  HEALTHCHECK: ['--interval', '--timeout', '--start-period', '--start-interval', '--retries'],
};

const MOUNT_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  bind: ['target', 'dst', 'destination', 'source', 'src', 'from', 'rw', 'readwrite'],
  cache: ['id', 'target', 'dst', 'destination', 'ro', 'readonly', 'sharing', 'from', 'source', 'src', 'mode', 'uid', 'gid'],
  tmpfs: ['target', 'dst', 'destination', 'size'],
  secret: ['id', 'target', 'dst', 'destination', 'env', 'required', 'mode', 'uid', 'gid'],
  ssh: ['id', 'target', 'dst', 'destination', 'required', 'mode', 'uid', 'gid'],
};

function flagLine(instr: string, flag: string): string {
  const sample = `${flag.slice(0, 3)}|${flag.slice(3)}=x`;
  switch (instr) {
    case 'FROM': return `FROM ${sample} alpine`;
    case 'HEALTHCHECK': return `FROM alpine\nHEALTHCHECK ${sample.replace('=x', '=5s')} CMD true`;
    default: return `FROM alpine\n${instr} ${sample} a /b/`;
  }
}

describe('dockerfileHover', () => {
  describe('instruction keywords', () => {
    for (const [kw, src, anchor] of KEYWORD_ROWS) {
      check([{ src, has: [`**${kw}**`, `https://docs.docker.com/reference/dockerfile/#${anchor}`, '*Image:*'], token: kw }]);
    }
    check([
      { src: 'from alpine\nr|un make', has: ['**RUN**', 'filesystem layer'], token: 'run' },
      { src: 'FROM alpine\nCM|D echo hi', has: ['shell form'], token: 'CMD' },
      { src: 'FROM alpine\nCM|D ["echo", "hi"]', has: ['exec form'], token: 'CMD' },
      { src: 'FROM alpine\nEX|POSE 80', has: ['metadata', /docker run -p/], token: 'EXPOSE' },
      { src: 'FROM alpine\nVOL|UME /data', has: ['throws away', 'BuildKit keeps'], token: 'VOLUME' },
      { src: 'AR|G TOKEN', has: ['history', 'type=secret'], token: 'ARG' },
      { src: 'FROM alpine\nENTRY|POINT ["app"]', has: ['CMD', 'SIGTERM'], token: 'ENTRYPOINT' },
      { src: 'FROM alpine\nHEALTH|CHECK CMD true', has: ['healthy', 'unhealthy', 'starting'], token: 'HEALTHCHECK' },
      { src: 'FROM alpine\nUS|ER 1000', has: ['least privilege'], token: 'USER' },
      { src: 'FROM alpine\nA|DD a b', has: ['COPY', 'unpack'], token: 'ADD' },
    ]);
  });

  describe('ONBUILD triggers', () => {
    check([
      { src: 'FROM alpine\nONBUILD CO|PY . /app', has: ['**COPY**', 'Inside ONBUILD (line 2)', 'FROM'], token: 'COPY' },
      { src: 'FROM alpine\nONBUILD RUN --mount=type=ca|che,target=/c make', has: ['type=cache'], token: 'cache' },
      { src: 'FROM alpine\nONBUILD COPY --li|nk . /app', has: ['**COPY --link**'], token: '--link' },
      { src: 'FROM alpine\nONBUI|LD COPY . /app', has: ['**ONBUILD**', 'runs later'], token: 'ONBUILD' },
    ]);
  });

  describe('HEALTHCHECK subcommands', () => {
    check([
      { src: 'FROM alpine\nHEALTHCHECK --interval=5s C|MD curl -f http://localhost/', has: ['**HEALTHCHECK CMD**', 'exit code 0'], token: 'CMD' },
      { src: 'FROM alpine\nHEALTHCHECK NO|NE', has: ['**HEALTHCHECK NONE**', 'inherited'], token: 'NONE' },
    ]);
  });

  describe('every flag of every instruction', () => {
    for (const [instr, flags] of Object.entries(FLAGS)) {
      for (const flag of flags) {
        check([{ src: flagLine(instr, flag), has: [`**${instr} ${flag}**`, 'https://docs.docker.com/'], token: flag }]);
      }
    }
    check([
      { src: 'FROM alpine\nCOPY --bo|gus a b', has: ['not a flag of `COPY`', '`--from`'], token: '--bogus' },
      { src: 'FROM alpine\nRUN --network=no|ne pip install x', has: ['**RUN --network=none**', 'loopback'], token: 'none' },
      { src: 'FROM alpine\nRUN --network=ho|st curl x', has: ['network.host'], token: 'host' },
      { src: 'FROM alpine\nRUN --network=defa|ult curl x', has: ['leaving the flag out'], token: 'default' },
      { src: 'FROM alpine\nRUN --security=insec|ure x', has: ['--privileged', 'security.insecure'], token: 'insecure' },
      { src: 'FROM alpine\nRUN --security=sand|box x', has: ['changes nothing'], token: 'sandbox' },
      { src: 'FROM alpine\nCOPY --chown=10|00:1000 a /b', has: ['**COPY --chown**'], token: '1000:1000' },
    ]);
  });

  describe('RUN --mount types and options', () => {
    for (const type of Object.keys(MOUNT_OPTIONS)) {
      check([{ src: `FROM alpine\nRUN --mount=type=${type.slice(0, 2)}|${type.slice(2)},target=/x true`, has: [`**--mount type=${type}**`, `#run---mounttype${type}`, 'Options:'], token: type }]);
      for (const option of MOUNT_OPTIONS[type]!) {
        check([{ src: `FROM alpine\nRUN --mount=type=${type},${option.slice(0, 1)}|${option.slice(1)}=v true`, has: [`(\`type=${type}\` mount)`], token: option }]);
      }
    }
    check([
      { src: 'FROM alpine\nRUN --mount=ty|pe=secret,id=npm npm ci', has: ['**--mount type=secret**'], token: 'type' },
      { src: 'FROM alpine\nRUN --mount=type=cache,target=/var/cache/apt,sharing=lock|ed apt-get update', has: ['**sharing=locked**', 'waits'], token: 'locked' },
      { src: 'FROM alpine\nRUN --mount=type=cache,sharing=priv|ate,target=/c x', has: ['**sharing=private**'], token: 'private' },
      { src: 'FROM alpine\nRUN --mount=type=cache,shar|ing=shared,target=/c x', has: ['**sharing**', '`locked`:', '`private`:'], token: 'sharing' },
      { src: 'FROM alpine\nRUN --mount=type=cache,tar|get=/root/.npm npm ci', has: ['**target** (`type=cache` mount)', 'Also spelled'], token: 'target' },
      { src: 'FROM alpine\nRUN --mount=type=cache,target=/root/.n|pm npm ci', has: ['**target**'], token: '/root/.npm' },
      // No type= means bind.
      { src: 'FROM alpine\nRUN --mount=sou|rce=go.mod,target=/src/go.mod go mod download', has: ['(`type=bind` mount)'], token: 'source' },
      { src: 'FROM alpine\nRUN --mount=type=tmpfs,si|ze=64m x', has: ['**size**'], token: 'size' },
      { src: 'FROM alpine\nRUN --mount=type=secret,id=t,en|v=TOKEN x', has: ['environment variable'], token: 'env' },
      { src: 'FROM alpine\nRUN --mount=type=ssh,requi|red=true git clone x', has: ['**required** (`type=ssh` mount)'], token: 'required' },
      { src: 'FROM alpine\nRUN --mount=type=tmpfs,shar|ing=locked x', has: ['not an option of `type=tmpfs`', '`size`'], token: 'sharing' },
      { src: 'FROM alpine\nRUN --mount=type=volu|me,target=/x x', has: ['not a mount type'], token: 'volume' },
    ]);
  });

  describe('parser directives', () => {
    check([
      { src: '# syn|tax=docker/dockerfile:1\nFROM alpine', has: ['**# syntax=**', '#syntax'], token: 'syntax' },
      { src: '# syntax=docker/docker|file:1\nFROM alpine', has: ['**# syntax=**'], token: 'docker/dockerfile:1' },
      { src: '# esc|ape=`\nFROM alpine', has: ['**# escape=**', 'backtick'], token: 'escape' },
      { src: '# ch|eck=skip=all\nFROM alpine', has: ['**# check=**', '`skip`', '`error`', '`experimental`', '`all`: every check'], token: 'check' },
      { src: '# ch|eck=skip=JSONArgsRecommended,stagenamecasing,Bogus;error=true\nFROM alpine', has: ['Named here:', '`JSONArgsRecommended`: CMD and ENTRYPOINT', '`StageNameCasing`: Stage names should be lowercase, as image names are. (names are case-sensitive)', '`Bogus`: not a check'], token: 'check' },
      { src: '# check=sk|ip=JSONArgsRecommended;error=true\nFROM alpine', has: ['**check skip=**'], token: 'skip' },
      { src: '# check=skip=JSONArgsRecommended;err|or=true\nFROM alpine', has: ['**check error=**', 'fails the build'], token: 'error' },
      { src: '# check=experimen|tal=all\nFROM alpine', has: ['**check experimental=**'], token: 'experimental' },
      { src: '# check=skip=JSONArgs|Recommended,StageNameCasing\nFROM alpine', has: ['**JSONArgsRecommended** (build check)', 'https://docs.docker.com/go/dockerfile/rule/json-args-recommended/'], token: 'JSONArgsRecommended' },
      { src: '# check=skip=JSONArgsRecommended,StageName|Casing\nFROM alpine', has: ['**StageNameCasing**'], not: ['case-sensitive'], token: 'StageNameCasing' },
      { src: '# check=skip=stagename|casing\nFROM alpine', has: ['case-sensitive', '`StageNameCasing`'], token: 'stagenamecasing' },
      { src: '# check=skip=NoSuch|Check\nFROM alpine', has: ['not a build check name'], token: 'NoSuchCheck' },
      { src: '# check=skip=a|ll\nFROM alpine', has: ['every check'], token: 'all' },
      { src: '# fo|o=bar\nFROM alpine', has: ['ordinary comment'], token: 'foo' },
    ]);
  });

  describe('variables', () => {
    const multi = [
      'ARG BASE=alpine:3.20',        // 1
      'ARG VERSION=1.2',             // 2
      'FROM $BASE AS build',         // 3
      'ARG VERSION',                 // 4
      'ENV APP_HOME=/app MODE=dev',  // 5
      'RUN echo $VERSION $APP_HOME', // 6
      'FROM build AS test',          // 7
      'RUN echo $MODE $VERSION',     // 8
      'FROM alpine:3.20',            // 9
      'ARG TARGETARCH',              // 10
      'ARG PORT=8080',               // 11
      'RUN echo $BASE $TARGETARCH $HTTP_PROXY', // 12
      'CMD echo $PORT',              // 13
      'CMD ["echo", "$PORT"]',       // 14
    ];
    /** Puts the caret into line `n` (1-based) at the first occurrence of `at`. */
    const at = (n: number, token: string, offset = 2): string => {
      const lines = [...multi];
      const line = lines[n - 1]!;
      const i = line.indexOf(token);
      lines[n - 1] = line.slice(0, i + offset) + '|' + line.slice(i + offset);
      return lines.join('\n');
    };
    check([
      { src: at(3, '$BASE'), has: ['`BASE` → `alpine:3.20` (global ARG, line 1)', '**Image `$BASE`**'], token: '$BASE' },
      { src: at(6, '$VERSION'), has: ['re-declared on line 4', 'global default `1.2` from line 2'], token: '$VERSION' },
      { src: at(6, '$APP_HOME'), has: ['ENV set on line 5', '`/app`', 'stage `build`'], token: '$APP_HOME' },
      { src: at(8, '$MODE'), has: ['inherited from stage `build`', 'set on line 5'], token: '$MODE' },
      { src: at(12, '$BASE'), has: ['Not set here', 'global ARG (line 1', 'global ARGs are visible only in FROM lines until re-declared with `ARG BASE` in the stage'], token: '$BASE' },
      { src: at(12, '$TARGETARCH'), has: ['builder', 'architecture', '#automatic-platform-args-in-the-global-scope'], token: '$TARGETARCH' },
      { src: at(12, '$HTTP_PROXY'), has: ['proxy'], token: '$HTTP_PROXY' },
      { src: at(13, '$PORT'), has: ['ARGs no longer exist', 'ENV PORT=$PORT'], token: '$PORT' },
      { src: at(14, '$PORT'), has: ['Exec form runs no shell'], token: '$PORT' },
      { src: at(1, 'BASE', 1), has: ['**ARG `BASE`**', 'Global ARG', 'visible only in FROM lines'], token: 'BASE' },
      { src: at(4, 'VERSION', 1), has: ['**ARG `VERSION`**', 'global default `1.2` declared on line 2', 'end of stage `build`'], token: 'VERSION' },
      { src: at(5, 'MODE', 1), has: ['**ENV `MODE`**', '`dev`', 'every container'], token: 'MODE' },
      { src: at(10, 'TARGETARCH', 1), has: ['Filled in by the builder'], token: 'TARGETARCH' },
      { src: at(11, 'PORT', 1), has: ['Default `8080`', '--build-arg PORT='], token: 'PORT' },
    ]);
    check([
      { src: 'FROM alpine\nARG V=2\nRUN echo ${V:-|3}', has: ['`:-`', 'unset or empty', 'becomes `2`'], token: '${V:-3}' },
      { src: 'FROM alpine\nRUN echo ${W:|-fallback}', has: ['`:-`', 'becomes `fallback`', 'Not an ARG or ENV'], token: '${W:-fallback}' },
      { src: 'FROM alpine\nARG V=2\nENV X=${V:|+yes}', has: ['`:+`', 'becomes `yes`'], token: '${V:+yes}' },
      { src: 'FROM alpine\nARG V\nENV X=${V:|?required}', has: ['`:?`', 'stops the build'], token: '${V:?required}' },
      { src: 'FROM alpine\nARG V=\nENV X=${V|-d}', has: ['only when the variable is unset', 'becomes empty'], token: '${V-d}' },
      { src: 'FROM --platform=$BUILD|PLATFORM golang AS b', has: ['Set automatically by the builder'], token: '$BUILDPLATFORM' },
      { src: 'ARG API_TOK|EN=abc\nFROM alpine', has: ['Looks like a secret'], token: 'API_TOKEN' },
      { src: 'FROM alpine\nENV A=1\nENV A|=2', has: ['Replaces the ENV value from line 2'], token: 'A' },
      { src: 'FROM alpine\nCOPY --chown=$U|SER a /b', has: ['Not declared'], token: '$USER' },
      { src: 'FROM alpine\nRUN <<EOF\necho $HO|ME\nEOF', has: ['shell variable', 'base image'], token: '$HOME' },
      { src: 'FROM alpine\nRUN arch=x; echo "$ar|ch"', has: ['shell variable'], token: '$arch' },
    ]);
  });

  describe('stages', () => {
    const file = [
      'FROM golang:1.22 AS build',   // 1
      'RUN go build -o /app .',      // 2
      'FROM build AS test',          // 3
      'RUN go test ./...',           // 4
      'FROM alpine:3.20',            // 5
      'COPY --from=build /app /app', // 6
      'COPY --from=0 /app /app2',    // 7
      'RUN --mount=type=bind,from=build,source=/app,target=/x true', // 8
      'COPY --from=nginx:1.27 /etc/nginx /etc/nginx', // 9
      'COPY --from=later /x /x',     // 10
      'FROM alpine AS later',        // 11
      'COPY --from=later /x /y',     // 12
    ];
    const at = (n: number, token: string, offset = 2): string => {
      const lines = [...file];
      const line = lines[n - 1]!;
      const i = line.indexOf(token);
      lines[n - 1] = line.slice(0, i + offset) + '|' + line.slice(i + offset);
      return lines.join('\n');
    };
    check([
      { src: at(1, 'build'), has: ['**Stage `build`** (line 1), built from `golang:1.22`'], token: 'build' },
      { src: at(3, 'build'), has: ['**Stage `build`** (line 1)', 'continues from it'], token: 'build' },
      { src: at(3, 'test'), has: ['**Stage `test`** (line 3), built from stage `build` (line 1)'], token: 'test' },
      { src: at(6, 'build'), has: ['**Stage `build`** (line 1), built from `golang:1.22`'], token: 'build' },
      { src: at(7, '0', 0), has: ['**Stage `build`**', 'stage number 0'], token: '0' },
      { src: at(8, 'build'), has: ['**Stage `build`**'], token: 'build' },
      { src: at(9, 'nginx'), has: ['Not a stage', 'Image `nginx:1.27`', '--build-context'], token: 'nginx:1.27' },
      { src: at(10, 'later'), has: ['defined after'], token: 'later' },
      { src: at(12, 'later'), has: ['cannot read from itself'], token: 'later' },
    ]);
    check([
      { src: 'ARG NODE=22\nFROM node:${NODE}-alpine AS deps\nFROM alpine\nCOPY --from=de|ps /a /b', has: ['built from `node:${NODE}-alpine` (`node:22-alpine` with the ARG defaults)'], token: 'deps' },
    ]);
  });

  describe('image references', () => {
    check([
      { src: 'FROM no|de', has: ['**Image `node`**', 'Docker Hub', 'official image', '`latest`'], token: 'node' },
      { src: 'FROM node:la|test', has: ['Tag: `latest`', 'default tag name'], token: 'node:latest' },
      { src: 'FROM node:22-a|lpine', has: ['Tag: `22-alpine`', '@sha256'], not: ['default tag name'], token: 'node:22-alpine' },
      { src: 'FROM alpine:3.20@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab|cdef', has: ['Digest:', 'can never move'], token: 'alpine:3.20@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef' },
      { src: 'FROM ghcr.io/acme/ap|p:1.0', has: ['Registry: `ghcr.io`', 'Repository: `acme/app`', 'namespace `acme`'], not: ['official image'], token: 'ghcr.io/acme/app:1.0' },
      { src: 'FROM localhost:5000/a|pp:dev', has: ['Registry: `localhost:5000`'], token: 'localhost:5000/app:dev' },
      { src: 'FROM bitnami/redi|s:7.2', has: ['Repository: `bitnami/redis`', 'Docker Hub'], not: ['official image'], token: 'bitnami/redis:7.2' },
      { src: 'FROM docker.io/library/py|thon:3.12', has: ['official image', 'Registry: `docker.io` (Docker Hub)'], token: 'docker.io/library/python:3.12' },
      { src: 'FROM scra|tch', has: ['**`scratch`**', 'no shell'], token: 'scratch' },
      { src: 'ARG BASE=alpine:3.20\nFROM $BASE| AS x', has: ['`BASE` → `alpine:3.20`', 'line 1', 'Tag: `3.20`'], token: '$BASE' },
      { src: 'ARG BASE=alpine:3.20\nFROM $BASE-|slim', has: ['→ `alpine:3.20-slim`'], token: '$BASE-slim' },
      { src: 'ARG V=22\nFROM node:${V}|-alpine', has: ['`V` → `22`', '→ `node:22-alpine`'], token: 'node:${V}-alpine' },
      { src: 'FROM ${IMG:-alpine}|:3', has: ['→ `alpine:3`'], token: '${IMG:-alpine}:3' },
      { src: 'ARG IMG\nFROM $IMG|', has: ['no default'], token: '$IMG' },
    ]);
  });

  describe('heredocs', () => {
    check([
      { src: 'FROM alpine\nRUN <<E|OF\napk add curl\nEOF', has: ['**Heredoc `<<EOF`**', '(line 4)', 'set -e'], token: '<<EOF' },
      { src: 'FROM alpine\nRUN <<EOF\napk add curl\nE|OF', has: ['**Heredoc `<<EOF`**'], token: 'EOF' },
      { src: 'FROM alpine\nCOPY <<EOF /etc/app.conf\nport=80\nEO|F', has: ['content of a file'], token: 'EOF' },
      { src: 'FROM alpine\nRUN <<-E|OF\n\tls\n\tEOF', has: ['**Heredoc `<<-EOF`**'], token: '<<-EOF' },
      { src: 'FROM alpine\nRUN <<"E|OF"\necho $HOME\nEOF', has: ['**Heredoc `<<"EOF"`**'], token: '<<"EOF"' },
    ]);
  });

  describe('escape directive (backtick) files', () => {
    const win = [
      '# escape=`',
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022',
      'ENV APP=C:\\app\\',
      'RUN mkdir C:\\tmp `',
      '    && echo %APP%',
      'COPY . C:\\app\\',
      'WORKDIR $APP',
    ].join('\n');
    const put = (line: number, token: string, offset = 1): string => {
      const lines = win.split('\n');
      const l = lines[line - 1]!;
      const i = l.indexOf(token);
      lines[line - 1] = l.slice(0, i + offset) + '|' + l.slice(i + offset);
      return lines.join('\n');
    };
    check([
      { src: put(1, 'escape'), has: ['**# escape=**'], token: 'escape' },
      { src: put(2, 'mcr.'), has: ['Registry: `mcr.microsoft.com`', 'Repository: `windows/servercore`'], token: 'mcr.microsoft.com/windows/servercore:ltsc2022' },
      { src: put(4, 'RUN'), has: ['**RUN**', 'shell form'], token: 'RUN' },
    ]);
    check([
      { src: put(6, 'COPY'), has: ['**COPY**'], token: 'COPY' },
      { src: put(7, '$APP', 2), has: ['ENV set on line 3', 'C:\\app\\'], token: '$APP' },
    ]);
  });

  describe('CRLF line endings', () => {
    check([
      { src: 'ARG V=1\r\nFROM alpine\r\nARG V\r\nRU|N echo $V\r\n', has: ['**RUN**'], token: 'RUN' },
      { src: 'ARG V=1\r\nFROM alpine\r\nARG V\r\nRUN echo $|V\r\n', has: ['global default `1`'], token: '$V' },
      { src: 'FROM alpine\r\nRUN --mount=type=cache,target=/c,sharing=lo|cked x\r\n', has: ['**sharing=locked**'], token: 'locked' },
      { src: 'FROM alpine\r\nRUN <<EOF\r\nls\r\nEO|F\r\n', has: ['Heredoc'], token: 'EOF' },
    ]);
  });

  describe('nothing to say', () => {
    const nulls = [
      '|',
      '# just a comment|\nFROM alpine',
      'FROM alpine\n# comm|ent\nRUN true',
      'FROM alpine\n\n|\nRUN true',
      'FROM alpine\nFOO| bar',
      'FROM alpine AS| x',
      'FROM alpine\nRUN echo hel|lo',
      'FROM alpine\nLABEL a=b|',
      'FROM alpine\nENV A=\\$HO|ME',
      'FROM alpine\n|',
    ];
    for (const src of nulls) {
      it(JSON.stringify(src), () => assert.strictEqual(hover(src), null));
    }
    it('positions past the end or negative do not throw', () => {
      const model = parseDockerfile('FROM alpine\nRUN true\n');
      for (const p of [{ line: 99, character: 0 }, { line: 1, character: 999 }, { line: -1, character: -5 }] as Position[]) {
        assert.doesNotThrow(() => dockerfileHover(model, p));
      }
    });
  });

  describe('robustness', () => {
    const files = [
      'FROM\nRUN --mount\nCOPY --from= a\nRUN --mount=type=,=,,,target\nENV =\nARG\nEXPOSE\nHEALTHCHECK --interval CMD\nONBUILD\n',
      '# check=skip=;error=\n# syntax=\nFROM ${:-}\nRUN ${}\nFROM $ AS\nCOPY --from=$X a b\n',
      'ARG A=${B:-${C:-d}}\nFROM ${A}@\nRUN <<EOF\nunterminated $X\n',
      '\uFEFFFROM alpine\r\nRUN echo `\r\n  x\r\nONBUILD ONBUILD RUN x\r\n',
    ];
    it('hovers every position of odd files without throwing, ranges contain the caret', () => {
      for (const text of files) {
        const model = parseDockerfile(text);
        const lines = text.split('\n');
        lines.forEach((line, l) => {
          for (let c = 0; c <= line.length; c++) {
            const h = dockerfileHover(model, { line: l, character: c });
            if (h?.range) assert.ok(contains(h.range, { line: l, character: c }), `range ${JSON.stringify(h.range)} misses ${l}:${c} in ${JSON.stringify(text)}`);
          }
        });
      }
    });
  });

  describe('corpus', () => {
    const dir = path.join(SHARED, 'corpus', 'dockerfile');
    it('hovers every position of every corpus Dockerfile without throwing; every known keyword explains itself', function () {
      if (!fs.existsSync(dir)) {
        this.skip(); // ../shared/corpus is absent outside the team machines
        return;
      }
      this.timeout(120000);
      const files = fs.readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && e.name !== 'SOURCES.md')
        .map((e) => path.join(e.parentPath, e.name));
      assert.ok(files.length > 100, `only ${files.length} corpus files`);
      let hovers = 0;
      for (const file of files) {
        const text = fs.readFileSync(file, 'utf8');
        const model = parseDockerfile(text, 'file://' + file);
        text.split('\n').forEach((line, l) => {
          for (let c = 0; c <= Math.min(line.length, 160); c++) {
            const p = { line: l, character: c };
            const h = dockerfileHover(model, p);
            if (!h) continue;
            hovers++;
            assert.ok(h.range && contains(h.range, p), `${file}:${l + 1}:${c + 1}: range ${JSON.stringify(h.range)} misses the caret`);
          }
        });
        for (const instr of model.instructions) {
          if (!instr.isKnown) continue;
          const h = dockerfileHover(model, instr.keywordRange.start);
          assert.ok(h, `${file}:${instr.keywordRange.start.line + 1}: no hover on ${instr.keyword}`);
        }
      }
      assert.ok(hovers > 10000, `only ${hovers} hovers over the corpus`);
    });
  });

  describe('facade', () => {
    it('answers through createLanguageService', () => {
      const ls = createLanguageService();
      const { text, position } = caret('FROM alpine\nCOPY --li|nk a /b');
      const h = ls.hover(doc(text), 'dockerfile', position);
      assert.match((h?.contents as MarkupContent).value, /COPY --link/);
    });
  });

  describe('large files', () => {
    // Speed is measured by `npm run bench`, not here; this checks the answers on the bench's input.
    it('answers on every instruction keyword of the 5,000-line bench file', function () {
      this.timeout(60000);
      const model = parseDockerfile(syntheticDockerfile(5000));
      assert.ok(model.instructions.length > 3000);
      let answered = 0;
      for (const instr of model.instructions) {
        const h = dockerfileHover(model, instr.keywordRange.start);
        if (h && contains(h.range!, instr.keywordRange.start)) answered++;
      }
      assert.strictEqual(answered, model.instructions.length);
    });
  });
});

function contains(r: Range, p: Position): boolean {
  if (p.line < r.start.line || p.line > r.end.line) return false;
  if (p.line === r.start.line && p.character < r.start.character) return false;
  if (p.line === r.end.line && p.character > r.end.character) return false;
  return true;
}

describe('dockerfile docs content', () => {
  it('documents every instruction keyword', () => {
    for (const [kw] of KEYWORD_ROWS) assert.ok(instructionDoc(kw), `no doc for ${kw}`);
    assert.strictEqual(DOCS.instructions.length, 18);
  });

  it('has the canonical BuildKit flag sets, each flag documented', () => {
    assert.deepStrictEqual(
      Object.fromEntries(Object.entries(DOCS.flagSets).map(([k, v]) => [k, [...v].sort()])),
      Object.fromEntries(Object.entries(FLAGS).map(([k, v]) => [k, [...v].sort()])),
    );
    for (const [instr, flags] of Object.entries(FLAGS)) {
      for (const f of flags) assert.ok(flagDoc(instr, f), `no doc for ${instr} ${f}`);
    }
    // No orphan flag docs either.
    for (const f of DOCS.flags) assert.ok(FLAGS[f.instruction]?.includes(f.flag), `doc for unknown flag ${f.instruction} ${f.flag}`);
  });

  it('documents every mount type and option', () => {
    for (const [type, options] of Object.entries(MOUNT_OPTIONS)) {
      assert.ok(mountTypeDoc(type), `no doc for mount type ${type}`);
      for (const o of options) assert.ok(mountOptionDoc(type, o), `no doc for ${type} ${o}`);
    }
    assert.deepStrictEqual(DOCS.mounts.map((m) => m.type).sort(), Object.keys(MOUNT_OPTIONS).sort());
  });

  it('documents the three directives and the check options', () => {
    assert.deepStrictEqual(DOCS.directives.map((d) => d.name).sort(), ['check', 'escape', 'syntax']);
    const check = DOCS.directives.find((d) => d.name === 'check')!;
    assert.deepStrictEqual(check.options?.map((o) => o.value).sort(), ['error', 'experimental', 'skip']);
  });

  type Entry = { id?: string; summary: string; body?: readonly string[]; pitfalls?: readonly string[]; syntax?: readonly string[]; link?: string; cards?: readonly string[] };
  const entries: Entry[] = [
    ...DOCS.instructions, ...DOCS.subcommands, ...DOCS.flags, ...DOCS.directives, ...DOCS.concepts,
    ...DOCS.mounts, ...DOCS.mounts.flatMap((m) => m.options),
    ...DOCS.flags.flatMap((f) => f.values ?? []), ...DOCS.mounts.flatMap((m) => m.options.flatMap((o) => o.values ?? [])),
    ...DOCS.directives.flatMap((d) => d.options ?? []), ...DOCS.buildChecks,
  ];

  it('keeps every text short enough for a hover', () => {
    for (const e of entries) {
      const where = e.id ?? e.summary;
      assert.ok(e.summary.length <= 200, `${where}: summary is ${e.summary.length} chars`);
      assert.ok(!e.summary.includes('\n'), `${where}: summary spans lines`);
      for (const p of [...(e.body ?? []), ...(e.pitfalls ?? [])]) assert.ok(p.length <= 400, `${where}: paragraph of ${p.length} chars`);
      assert.ok((e.body?.length ?? 0) + (e.pitfalls?.length ?? 0) <= 5, `${where}: too many paragraphs for a hover`);
      for (const s of e.syntax ?? []) assert.ok(s.length <= 100, `${where}: syntax line of ${s.length} chars`);
      const total = [e.summary, ...(e.body ?? []), ...(e.pitfalls ?? []), ...(e.syntax ?? [])].join('').length;
      assert.ok(total <= 1400, `${where}: ${total} chars in all`);
    }
  });

  it('links only to https://docs.docker.com/', () => {
    for (const e of entries) if (e.link !== undefined) assert.match(e.link, /^https:\/\/docs\.docker\.com\/\S+$/, `${e.id}: ${e.link}`);
  });

  it('gives every entry a unique stable id and a cards list', () => {
    const ids = entries.flatMap((e) => (e.id ? [e.id] : []));
    assert.strictEqual(new Set(ids).size, ids.length, 'duplicate ids');
    for (const d of DOCS.instructions) assert.strictEqual(d.id, `instruction.${d.keyword}`);
    for (const d of DOCS.flags) assert.strictEqual(d.id, `flag.${d.instruction}.${d.flag}`);
    for (const m of DOCS.mounts) {
      assert.strictEqual(m.id, `mount.${m.type}`);
      for (const o of m.options) assert.strictEqual(o.id, `mount.${m.type}.${o.names[0]}`);
    }
    for (const d of DOCS.directives) assert.strictEqual(d.id, `directive.${d.name}`);
    for (const e of [...DOCS.instructions, ...DOCS.flags, ...DOCS.mounts, ...DOCS.directives, ...DOCS.concepts]) {
      assert.ok(Array.isArray(e.cards), `${e.id}: cards must be a list (empty until issue 4)`);
    }
  });

  it('has the concept entries the hover relies on', () => {
    const ids = new Set(DOCS.concepts.map((c) => c.id));
    for (const id of ['concept.image-reference', 'concept.official-image', 'concept.untagged', 'concept.latest-tag', 'concept.digest',
      'concept.scratch', 'concept.stage', 'concept.layers', 'concept.heredoc', 'concept.variables', 'concept.global-arg', 'concept.platform-args']) {
      assert.ok(ids.has(id), `missing ${id}`);
    }
  });
});
