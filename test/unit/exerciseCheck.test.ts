import * as assert from 'assert';
import { exercises } from '../../server/src/generated/exercises';
import { cards } from '../../server/src/generated/cards';
import type { CheckSpec, Exercise, ExerciseCheck } from '../../server/src/service/content/exercises';
import { checkFile } from '../../server/src/service/content/exercises';
import { checkExercise } from '../../server/src/service/exercises/check';
import { createLanguageService } from '../../server/src/service';
import { parseCheckParams } from '../../server/src/server';

/** A one-check exercise around `check`, so each kind can be tested on its own. */
function single(check: CheckSpec & { file?: string }): Exercise {
  const full = { id: 'c', title: 'the check', hint: 'the hint', ...check } as ExerciseCheck;
  return {
    id: 'x', title: 'x', topic: 'dockerfile', order: 1, difficulty: 1, summary: 's', goal: 'g', steps: ['s'], hints: ['a', 'b'],
    done: 'd', starter: [], solution: [], checks: [full],
  };
}

function run(check: Parameters<typeof single>[0], text: string, path?: string): { passed: boolean; message: string; hint: string } {
  const ex = single(check);
  const file = path ?? checkFile(ex.checks[0]!);
  const r = checkExercise(ex, [{ path: file, text }]).results[0]!;
  return r;
}

describe('exercises: content', () => {
  const ids = exercises.map((e) => e.id);

  it('covers the seed exercise table and the extra topics', () => {
    for (const id of [
      'running-containers', 'web-server-ports', 'working-with-images', 'first-dockerfile', 'restart-policies', 'layer-by-layer',
      'containerize-app', 'multi-stage-build', 'persistent-storage', 'service-networking', 'compose-db-healthcheck',
      'non-root-image', 'smaller-image',
    ]) assert.ok(ids.includes(id), `missing exercise ${id}`);
  });

  it('has unique exercise ids, orders and per-exercise check ids', () => {
    assert.strictEqual(new Set(ids).size, ids.length);
    assert.strictEqual(new Set(exercises.map((e) => e.order)).size, exercises.length);
    for (const e of exercises) assert.strictEqual(new Set(e.checks.map((c) => c.id)).size, e.checks.length, e.id);
  });

  it('self-check exercises have a checklist, the others at least two checks', () => {
    for (const e of exercises) {
      if (e.selfCheck) assert.ok(e.checklist && e.checklist.length > 0, `${e.id}: self-check without checklist`);
      else assert.ok(e.checks.length >= 2, `${e.id}: only ${e.checks.length} check(s)`);
    }
  });

  it('every check reads a file the solution provides, and its patterns compile', () => {
    for (const e of exercises) {
      const paths = new Set(e.solution.map((f) => f.path));
      for (const c of e.checks) {
        assert.ok(paths.has(checkFile(c)), `${e.id}/${c.id}: solution has no ${checkFile(c)}`);
        for (const p of [('argsMatch' in c ? c.argsMatch : undefined), ('pattern' in c ? c.pattern : undefined), ('matches' in c ? c.matches : undefined)]) {
          if (p !== undefined) assert.doesNotThrow(() => new RegExp(p), `${e.id}/${c.id}: bad regex ${p}`);
        }
      }
    }
  });

  it('links only to cards that exist', () => {
    const deck = new Set(cards.map((c) => c.id));
    for (const e of exercises) for (const id of e.cards ?? []) assert.ok(deck.has(id), `${e.id}: unknown card ${id}`);
  });

  for (const e of exercises) {
    it(`${e.id}: the reference solution passes every check`, () => {
      const report = checkExercise(e, e.solution);
      const failed = report.results.filter((r) => !r.passed);
      assert.deepStrictEqual(failed, [], failed.map((r) => `${r.id}: ${r.message}`).join('\n'));
      if (e.checks.length) assert.strictEqual(report.passed, true);
    });
    if (!e.selfCheck || e.checks.length) {
      it(`${e.id}: the starter fails at least one check, with its hint`, () => {
        const report = checkExercise(e, e.starter);
        const failed = report.results.filter((r) => !r.passed);
        assert.ok(failed.length > 0, 'the starter already passes');
        for (const r of failed) assert.ok(r.hint.length > 0 && r.message.length > 0, r.id);
        assert.strictEqual(report.passed, false);
      });
    }
  }
});

describe('exercises: check kinds', () => {
  const table: { name: string; check: Parameters<typeof single>[0]; pass: string[]; fail: string[]; path?: string }[] = [
    {
      name: 'stageCount', check: { kind: 'stageCount', min: 2, max: 3 },
      pass: ['FROM a AS b\nFROM c\n', 'FROM a\nFROM b\nFROM c\n'],
      fail: ['FROM a\n', '', 'FROM a\nFROM b\nFROM c\nFROM d\n'],
    },
    {
      name: 'copyFromStage (any)', check: { kind: 'copyFromStage' },
      pass: ['FROM a AS b\nRUN x\nFROM c\nCOPY --from=b /x /y\n', 'FROM a\nFROM c\nCOPY --from=0 /x /y\n'],
      fail: ['FROM a\nCOPY /x /y\n', 'FROM c\nCOPY --from=nginx:1 /x /y\n', 'FROM a AS b\nCOPY --from=b /x /y\n', 'FROM a\nCOPY — from=0 /x /y\n'],
    },
    {
      name: 'copyFromStage (named)', check: { kind: 'copyFromStage', stage: 'build' },
      pass: ['FROM a AS Build\nFROM c\nCOPY --from=build /x /y\n'],
      fail: ['FROM a AS deps\nFROM c\nCOPY --from=deps /x /y\n'],
    },
    {
      name: 'finalUserNonRoot', check: { kind: 'finalUserNonRoot' },
      pass: ['FROM a\nUSER app\n', 'FROM a\nUSER root\nRUN x\nUSER 1000:1000\n', 'FROM a\nUSER root\nFROM b\nUSER nobody\n'],
      fail: ['FROM a\n', 'FROM a\nUSER app\nUSER root\n', 'FROM a\nUSER 0:0\n', 'FROM a\nUSER app\nFROM b\n', ''],
    },
    {
      name: 'noFindings (listed rule)', check: { kind: 'noFindings', rules: ['dockerfile/maintainer-deprecated'] },
      pass: ['FROM alpine:3.20\nLABEL org.opencontainers.image.authors=me\n'],
      fail: ['FROM alpine:3.20\nMAINTAINER me\n'],
    },
    {
      name: 'instructionPresent', check: { kind: 'instructionPresent', keyword: 'run', argsMatch: 'apt-get install' },
      pass: ['FROM a\nRUN apt-get update && apt-get install -y x\n', 'FROM a\nRUN apt-get update \\\n && APT-GET INSTALL x\n'],
      fail: ['FROM a\nRUN apk add x\n', 'FROM a\nRUN apt-get install x\nFROM b\n'],
    },
    {
      name: 'instructionPresent (any stage)', check: { kind: 'instructionPresent', keyword: 'RUN', argsMatch: 'go build', stage: 'any' },
      pass: ['FROM a\nRUN go build .\nFROM b\n'],
      fail: ['FROM a\nFROM b\nCMD ["go", "build"]\n'],
    },
    {
      name: 'instructionAbsent', check: { kind: 'instructionAbsent', keyword: 'RUN', argsMatch: '\\bnpm\\b' },
      pass: ['FROM a\nRUN npm ci\nFROM b\nRUN echo hi\n'],
      fail: ['FROM a\nRUN npm ci\n', ''],
    },
    {
      name: 'instructionCount', check: { kind: 'instructionCount', keyword: 'RUN', max: 1 },
      pass: ['FROM a\nRUN a && b\n', 'FROM a\nRUN a\nRUN b\nFROM c\nRUN d\n'],
      fail: ['FROM a\nRUN a\nRUN b\n'],
    },
    {
      name: 'instructionOrder',
      check: { kind: 'instructionOrder', first: { keyword: 'COPY', argsMatch: 'package' }, then: { keyword: 'RUN', argsMatch: 'npm' } },
      pass: ['FROM a\nCOPY package.json .\nRUN npm ci\n'],
      fail: ['FROM a\nRUN npm ci\nCOPY package.json .\n', 'FROM a\nRUN npm ci\n'],
    },
    {
      name: 'baseImageTagged', check: { kind: 'baseImageTagged' },
      pass: ['FROM node:22 AS build\nFROM build\n', 'FROM alpine@sha256:abc\n', 'FROM scratch\n', 'ARG V=1\nFROM node:${V}\n'],
      fail: ['FROM node\n', 'FROM node:latest\n', 'FROM a:1 AS x\nFROM ubuntu\n', ''],
    },
    {
      name: 'baseImageMatches', check: { kind: 'baseImageMatches', pattern: '^nginx:' },
      pass: ['FROM node:22 AS b\nFROM nginx:1.27\n'],
      fail: ['FROM nginx:1.27 AS b\nFROM node:22\n', 'FROM docker.io/library/nginx:1\n'],
    },
    {
      name: 'exposes', check: { kind: 'exposes', port: 80 },
      pass: ['FROM a\nEXPOSE 80\n', 'FROM a\nEXPOSE 443 80/tcp\n'],
      fail: ['FROM a\nEXPOSE 8080\n', 'FROM a\n', 'FROM a\nEXPOSE 80\nFROM b\n'],
    },
    {
      name: 'healthcheck', check: { kind: 'healthcheck' },
      pass: ['FROM a\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n'],
      fail: ['FROM a\n', 'FROM a\nHEALTHCHECK NONE\n', 'FROM a\nHEALTHCHECK CMD x\nFROM b\n'],
    },
    {
      name: 'execForm', check: { kind: 'execForm', keyword: 'CMD' },
      pass: ['FROM a\nCMD ["node", "server.js"]\n', 'FROM a\nCMD node x\nCMD ["node"]\n'],
      fail: ['FROM a\nCMD node server.js\n', 'FROM a\n'],
    },
    {
      name: 'fileContains', check: { kind: 'fileContains', file: '.dockerignore', pattern: '^node_modules/?$' },
      path: '.dockerignore',
      pass: ['.git\nnode_modules\n', 'node_modules/'],
      fail: ['.git\n', 'my_node_modules\n'],
    },
    {
      name: 'composeServiceHas', check: { kind: 'composeServiceHas', service: 'db', key: 'healthcheck.test', matches: 'pg_isready' },
      pass: ['services:\n  db:\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n'],
      fail: ['services:\n  db:\n    image: x\n', 'services:\n  web: {}\n', 'services:\n  db:\n    # nothing yet\n', 'services:\n  db:\n    healthcheck:\n      test: ["CMD", "true"]\n', 'services: [1\n', '- a\n'],
    },
    {
      name: 'composeServiceLacks', check: { kind: 'composeServiceLacks', service: 'cache', key: 'ports' },
      pass: ['services:\n  cache:\n    image: redis:7\n'],
      fail: ['services:\n  cache:\n    ports: ["6379:6379"]\n', 'services: {}\n'],
    },
    {
      name: 'composeImageTagged', check: { kind: 'composeImageTagged', service: 'web' },
      pass: ['services:\n  web:\n    image: nginx:1.27\n', 'services:\n  web:\n    image: "ghcr.io/a/b@sha256:00"\n'],
      fail: ['services:\n  web:\n    image: nginx\n', 'services:\n  web:\n    image: nginx:latest\n', 'services:\n  web:\n    build: .\n'],
    },
    {
      name: 'composePublishes', check: { kind: 'composePublishes', service: 'web', container: 80, host: 8080 },
      pass: ['services:\n  web:\n    ports: ["8080:80"]\n', 'services:\n  web:\n    ports: ["127.0.0.1:8080:80/tcp"]\n', 'services:\n  web:\n    ports:\n      - target: 80\n        published: "8080"\n'],
      fail: ['services:\n  web:\n    ports: ["80:8080"]\n', 'services:\n  web:\n    ports: ["80"]\n', 'services:\n  web: {}\n'],
    },
    {
      name: 'composeDependsOnHealthy', check: { kind: 'composeDependsOnHealthy', service: 'web', on: 'db' },
      pass: ['services:\n  web:\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    healthcheck:\n      test: ["CMD", "true"]\n'],
      fail: [
        'services:\n  web:\n    depends_on: [db]\n  db:\n    healthcheck:\n      test: ["CMD", "true"]\n',
        'services:\n  web:\n    depends_on:\n      db:\n        condition: service_healthy\n  db: {}\n',
        'services:\n  web:\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    healthcheck:\n      test: ["CMD", "true"]\n      disable: true\n',
      ],
    },
    {
      name: 'composeRestart', check: { kind: 'composeRestart', service: 'w', policy: 'unless-stopped' },
      pass: ['services:\n  w:\n    restart: unless-stopped\n'],
      fail: ['services:\n  w:\n    restart: always\n', 'services:\n  w: {}\n'],
    },
    {
      name: 'composeVolumeNamed', check: { kind: 'composeVolumeNamed', service: 'db', target: '/data' },
      pass: ['services:\n  db:\n    volumes: ["d:/data"]\nvolumes:\n  d:\n', 'services:\n  db:\n    volumes:\n      - type: volume\n        source: d\n        target: /data/\nvolumes:\n  d: {}\n'],
      fail: ['services:\n  db:\n    volumes: ["./d:/data"]\n', 'services:\n  db:\n    volumes: ["d:/data"]\n', 'services:\n  db:\n    volumes: ["/data"]\nvolumes:\n  d:\n', 'services:\n  db: {}\n'],
    },
    {
      name: 'composeNetworkShared', check: { kind: 'composeNetworkShared', services: ['a', 'b'] },
      pass: ['services:\n  a:\n    networks: [n]\n  b:\n    networks:\n      n: {}\nnetworks:\n  n:\n'],
      fail: ['services:\n  a:\n    networks: [n]\n  b:\n    networks: [m]\nnetworks:\n  n:\n  m:\n', 'services:\n  a:\n    networks: [n]\n  b:\n    networks: [n]\n', 'services:\n  a: {}\n'],
    },
  ];
  for (const row of table) {
    for (const text of row.pass) {
      it(`${row.name} passes: ${JSON.stringify(text)}`, () => {
        const r = run(row.check, text, row.path);
        assert.strictEqual(r.passed, true, r.message);
        assert.strictEqual(r.hint, '');
      });
    }
    for (const text of row.fail) {
      it(`${row.name} fails: ${JSON.stringify(text)}`, () => {
        const r = run(row.check, text, row.path);
        assert.strictEqual(r.passed, false, r.message);
        assert.strictEqual(r.hint, 'the hint');
      });
    }
  }

  it('says a declared but empty service lacks the key, not that it is missing', () => {
    const r = run({ kind: 'composeServiceHas', service: 'web', key: 'image' }, 'services:\n  web:\n    # TODO\n');
    assert.strictEqual(r.passed, false);
    assert.match(r.message, /does not set image/);
  });

  it('a missing file fails the check instead of throwing', () => {
    const r = checkExercise(single({ kind: 'stageCount', min: 1 }), []).results[0]!;
    assert.strictEqual(r.passed, false);
    assert.match(r.message, /Dockerfile is missing/);
  });

  it('normalises ./ and backslashes in paths', () => {
    const ex = single({ kind: 'stageCount', min: 1 });
    assert.strictEqual(checkExercise(ex, [{ path: './Dockerfile', text: 'FROM a\n' }]).passed, true);
    const ex2 = single({ kind: 'fileContains', file: 'site/index.html', pattern: 'h1' });
    assert.strictEqual(checkExercise(ex2, [{ path: 'site\\index.html', text: '<h1>' }]).passed, true);
  });
});

describe('exercises: facade and wire params', () => {
  const service = createLanguageService();
  it('lists exercises in order and checks by id', () => {
    const list = service.exercises();
    assert.deepStrictEqual(list.map((e) => e.order), [...list.map((e) => e.order)].sort((a, b) => a - b));
    const first = list.find((e) => !e.selfCheck)!;
    assert.strictEqual(service.checkExercise(first.id, first.solution)?.passed, true);
    assert.strictEqual(service.checkExercise('no-such-exercise', []), undefined);
  });
  it('rejects malformed request params', () => {
    assert.deepStrictEqual(parseCheckParams({ exerciseId: 'a', files: [{ path: 'Dockerfile', text: 'FROM a' }] }), { exerciseId: 'a', files: [{ path: 'Dockerfile', text: 'FROM a' }] });
    for (const bad of [null, 1, {}, { exerciseId: 1, files: [] }, { exerciseId: 'a', files: {} }, { exerciseId: 'a', files: [{ path: 1, text: '' }] }, { exerciseId: 'a', files: [null] }]) {
      assert.strictEqual(parseCheckParams(bad), undefined, JSON.stringify(bad));
    }
  });
});
