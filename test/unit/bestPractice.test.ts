import * as assert from 'assert';
import { createLanguageService } from '../../server/src/service';
import { bestPracticeRules } from '../../server/src/service/dockerfile/rules/bestPractice';
import { expandVars, parseImageRef } from '../../server/src/service/dockerfile/rules/bestPractice/common';
import { references } from '../../server/src/service/dockerfile/rules/bestPractice/envSameStatementReference';
import { labelKeyProblem } from '../../server/src/service/dockerfile/rules/bestPractice/invalidLabelKey';
import {
  emailProblem, gitHashProblem, rfc3339Problem, semverProblem, spdxProblem, urlProblem,
} from '../../server/src/service/dockerfile/rules/bestPractice/labelFormats';
import { registryAllowed, registryOf } from '../../server/src/service/dockerfile/rules/bestPractice/untrustedRegistry';
import type { Settings } from '../../server/src/service/settings';
import { normalizeSettings } from '../../server/src/service/settings';
import { applyEdits, doc, formatRange } from '../util/text';

describe('best-practice helpers', () => {
  it('splits image references like a registry client', () => {
    const cases: [string, ReturnType<typeof parseImageRef>][] = [
      ['node', { registry: undefined, path: 'node', tag: undefined, digest: undefined }],
      ['node:20-alpine', { registry: undefined, path: 'node', tag: '20-alpine', digest: undefined }],
      ['library/node@sha256:abc', { registry: undefined, path: 'library/node', tag: undefined, digest: 'sha256:abc' }],
      ['localhost:5000/app', { registry: 'localhost:5000', path: 'app', tag: undefined, digest: undefined }],
      ['localhost/app:1', { registry: 'localhost', path: 'app', tag: '1', digest: undefined }],
      ['ghcr.io/o/r:1.0@sha256:abc', { registry: 'ghcr.io', path: 'o/r', tag: '1.0', digest: 'sha256:abc' }],
      ['my-org/app:1', { registry: undefined, path: 'my-org/app', tag: '1', digest: undefined }],
      ['', undefined],
      ['a b', undefined],
    ];
    for (const [input, expected] of cases) assert.deepStrictEqual(parseImageRef(input), expected, input);
  });

  it('expands variables only when every value is known', () => {
    const vars = new Map<string, string | undefined>([['TAG', '1.2'], ['EMPTY', ''], ['UNSET', undefined]]);
    const cases: [string, string | undefined][] = [
      ['node:$TAG', 'node:1.2'],
      ['node:${TAG}-alpine', 'node:1.2-alpine'],
      ['node:${EMPTY:-20}', 'node:20'],
      ['node:${EMPTY-20}', 'node:'],
      ['node:${TAG:+x}', 'node:x'],
      ['node:${NOT_DECLARED:-22}', 'node:22'],
      ['node:$UNSET', undefined],
      ['node:${UNSET:-1}', undefined],
      ['node:${NOT_DECLARED}', undefined],
      ['plain', 'plain'],
    ];
    for (const [input, expected] of cases) assert.strictEqual(expandVars(input, vars), expected, input);
  });

  it('finds ENV references outside single quotes and escapes', () => {
    assert.deepStrictEqual(references('"$A/${B:-x}" \'$C\' \\$D $E', '\\').map((r) => r.name), ['A', 'B', 'E']);
    assert.deepStrictEqual(references('C:\\x\\$A', '`').map((r) => r.name), ['A']);
  });

  it('judges label keys by Docker\'s guidelines', () => {
    for (const ok of ['maintainer', 'org.opencontainers.image.version', 'io.k8s.v1', 'com.example.my-app']) assert.strictEqual(labelKeyProblem(ok), undefined, ok);
    for (const bad of ['Version', 'build_id', 'com.docker.x', 'io.docker.y', 'org.dockerproject.z', 'a..b', 'a--b', 'x-', '1a']) assert.ok(labelKeyProblem(bad), bad);
  });

  it('validates label schema formats', () => {
    const table: [(v: string) => string | undefined, string[], string[]][] = [
      [urlProblem, ['https://example.com', 'http://localhost:8080/x?y=1', 'mailto:a@b.c', 'urn:isbn:123'], ['example.com', 'https://', 'https:/x', 'http://a b']],
      [rfc3339Problem, ['2024-02-29T00:00:00Z', '2024-05-01t12:30:00.123+05:30', '1990-12-31T23:59:60Z'], ['2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', '2024-05-01', '2024-05-01T25:00:00Z', '2024-05-01T10:00:00']],
      [gitHashProblem, ['3f5a2c9', 'a'.repeat(40), 'b'.repeat(64)], ['3f5a2c', 'G'.repeat(7), 'a'.repeat(41), 'main']],
      [semverProblem, ['0.0.0', '1.2.3-alpha.1+build.7', '10.20.30-rc.1', '1.0.0-0A.is.legal'], ['1.2', '01.2.3', 'v1.2.3', '1.2.3-01', '1.2.3+']],
      [emailProblem, ['a@example.com', 'first.last+tag@sub.example.co', '"odd name"@example.com', 'ops@[192.168.0.1]'], ['a@', '@b.c', 'a b@c.d', 'Jane <a@b.c>', 'a..b@c.d']],
      [spdxProblem, ['MIT', 'mit', 'Apache-2.0 OR MIT', '(MIT AND BSD-3-Clause) OR GPL-2.0+', 'GPL-2.0-only WITH Classpath-exception-2.0', 'LicenseRef-Acme-1', 'DocumentRef-x:LicenseRef-y'], ['Apache 2', 'MIT OR', '(MIT', 'MIT Apache-2.0', 'GPL-2.0 WITH Nope', 'LicenseRef-']],
    ];
    for (const [fn, good, bad] of table) {
      for (const v of good) assert.strictEqual(fn(v), undefined, `${fn.name}(${v})`);
      for (const v of bad) assert.ok(fn(v), `${fn.name}(${v}) should fail`);
    }
  });

  it('matches trusted registries with wildcards and Docker Hub aliases', () => {
    assert.strictEqual(registryOf('node:20'), 'docker.io');
    assert.strictEqual(registryOf('index.docker.io/library/node'), 'docker.io');
    assert.strictEqual(registryOf('eu.gcr.io/p/i'), 'eu.gcr.io');
    assert.ok(registryAllowed('eu.gcr.io', ['*.gcr.io']));
    assert.ok(!registryAllowed('gcr.io', ['*.gcr.io']));
    assert.ok(registryAllowed('docker.io', ['hub.docker.com']));
    assert.ok(!registryAllowed('evil.io', ['docker.io']));
  });

  it('reads the label schema settings in both spellings', () => {
    const a = normalizeSettings({ labelSchema: { a: 'url', b: 'bogus', c: 'semver' }, strictLabels: true });
    assert.deepStrictEqual(a.labelSchema, { a: 'url', c: 'semver' });
    assert.strictEqual(a.strictLabels, true);
    const b = normalizeSettings({ 'label-schema': { x: 'email' }, 'strict-labels': false });
    assert.deepStrictEqual(b.labelSchema, { x: 'email' });
    assert.strictEqual(b.strictLabels, false);
    assert.strictEqual(normalizeSettings({ labelSchema: ['a'] }).labelSchema, undefined);
  });
});

describe('best-practice rules in context', () => {
  const service = createLanguageService();
  const run = (text: string, rule: string, settings: Partial<Settings> = {}): string[] =>
    service.dockerfileResults(doc(text), { settings: { rules: { [rule]: 'warning' }, families: {}, ...settings } })
      .filter((r) => r.rule.id === rule)
      .map((r) => formatRange(r.finding.range));

  it('last-user-root follows the final stage back to the USER it inherits', () => {
    assert.deepStrictEqual(run('FROM alpine:3 AS base\nUSER 0\nFROM base\nCMD ["sh"]\n', 'dockerfile/last-user-root'), ['2:6-2:7']);
    assert.deepStrictEqual(run('FROM alpine:3 AS base\nUSER 0\nFROM alpine:3\nCMD ["sh"]\n', 'dockerfile/last-user-root'), []);
    assert.deepStrictEqual(run('# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerAdministrator\n', 'dockerfile/last-user-root'), ['3:6-3:28']);
  });

  it('non-numeric-user stays quiet for Windows images and build-time variables', () => {
    assert.deepStrictEqual(run('FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerUser\n', 'dockerfile/non-numeric-user'), []);
    assert.deepStrictEqual(run('FROM alpine:3\nARG UID=1000\nUSER $UID\n', 'dockerfile/non-numeric-user'), []);
  });

  it('hadolint ignore comments silence the DL alias', () => {
    const text = 'FROM alpine:3\n# hadolint ignore=DL3020\nADD a.txt /a.txt\nADD b.txt /b.txt\n';
    assert.deepStrictEqual(run(text, 'dockerfile/prefer-copy-over-add'), ['4:1-4:4']);
  });

  it('untrusted-registry is inactive without trusted registries', () => {
    assert.deepStrictEqual(run('FROM quay.io/a/b:1\n', 'dockerfile/untrusted-registry'), []);
    assert.deepStrictEqual(run('FROM quay.io/a/b:1\n', 'dockerfile/untrusted-registry', { trustedRegistries: ['docker.io'] }), ['1:6-1:19']);
  });

  it('label rules are inactive without a label schema', () => {
    const text = 'FROM alpine:3\nLABEL org.opencontainers.image.source="nope" x=""\n';
    for (const id of ['label-missing', 'label-superfluous', 'label-empty', 'label-not-url']) assert.deepStrictEqual(run(text, `dockerfile/${id}`), [], id);
  });

  it('copy-relative-without-workdir knows Windows absolute paths', () => {
    const text = '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY app.exe C:\\app\\\nCOPY app.exe C:/app/\nCOPY app.exe app\\\n';
    assert.deepStrictEqual(run(text, 'dockerfile/copy-relative-without-workdir'), ['5:14-5:18']);
  });

  it('copy-entire-filesystem resolves stages by index', () => {
    const text = 'FROM debian:12\nFROM alpine:3\nCOPY --from=0 / /\n';
    assert.deepStrictEqual(run(text, 'dockerfile/copy-entire-filesystem'), ['3:15-3:16']);
  });

  it('label-missing checks every stage that ends up as an image, not the ones that feed others', () => {
    const text = 'FROM alpine:3 AS build\nRUN make\nFROM alpine:3 AS debug\nCOPY --from=build /out /out\nFROM alpine:3 AS release\nLABEL a=1\nCOPY --from=build /out /out\n';
    assert.deepStrictEqual(run(text, 'dockerfile/label-missing', { labelSchema: { a: 'text' } }), ['3:1-3:5']);
  });

  it('never throws on odd input', () => {
    const odd = ['', 'FROM', 'FROM --platform=x', 'ARG X=${\nFROM $X', 'FROM a AS b\nCOPY --from= / /\nUSER\nENV\nLABEL =\nADD\nADD [', 'FROM ${X:-}\nCOPY --from=${Y} / /', 'FROM a\nENV A=1 B=${A C=$', '\uFEFFFROM a\r\nUSER root\r\n'];
    const on = Object.fromEntries(bestPracticeRules.map((r) => [r.id, 'warning' as const]));
    const all: Partial<Settings> = { rules: on, trustedRegistries: ['docker.io'], labelSchema: { a: 'url', b: 'spdx' }, strictLabels: true };
    for (const text of odd) {
      assert.doesNotThrow(() => service.dockerfileResults(doc(text), { settings: { rules: {}, families: {}, ...all } }).length, JSON.stringify(text));
    }
  });
});

describe('best-practice fixes on quoted images', () => {
  const service = createLanguageService();
  it('puts the tag placeholder inside the quotes', () => {
    for (const [id, text, expected] of [
      ['dockerfile/untagged-base-image', 'FROM "ubuntu" AS a\n', 'FROM "ubuntu:<tag>" AS a\n'],
      ['dockerfile/latest-tag', 'FROM "ubuntu:latest"\n', 'FROM "ubuntu:<tag>"\n'],
    ] as const) {
      const d = doc(text);
      const settings: Settings = { rules: { [id]: 'warning' }, families: {} };
      const results = service.dockerfileResults(d, { settings }).filter((r) => r.rule.id === id);
      assert.strictEqual(results.length, 1, id);
      const r = results[0]!;
      const fix = r.rule.fix!(service.dockerfileModel(d), r.finding)[0]!;
      assert.strictEqual(applyEdits(text, fix.edits), expected);
    }
  });
});
