import * as assert from 'assert';
import { createLanguageService } from '../../server/src/service';
import { parseGoDuration } from '../../server/src/service/dockerfile/rules/syntax/goDuration';
import { isValidSignal } from '../../server/src/service/dockerfile/rules/syntax/invalidStopsignal';
import { FLAG_TABLE, mountOption } from '../../server/src/service/dockerfile/rules/syntax/flagTables';
import { normalizeSettings } from '../../server/src/service/settings';
import { applyEdits, doc, formatRange } from '../util/text';

const service = createLanguageService({});
const settings = normalizeSettings({});

function run(text: string, rule: string) {
  const d = doc(text);
  const results = service.dockerfileResults(d, { settings }).filter((r) => r.rule.id === `dockerfile/${rule}`);
  return { d, results };
}

/** Cases the fixtures cannot hold: findings without a fix, per-finding levels, and look-alikes that must stay quiet. */
const CASES: { rule: string; text: string; expect: string[]; level?: string; fixed?: string }[] = [
  { rule: 'copy-from-unknown-stage', text: 'FROM a AS one\nFROM b\nCOPY --from=2 /x /y\n', expect: ['3:13-3:14 refers to stage #2'], level: 'error' },
  { rule: 'copy-from-unknown-stage', text: 'FROM a AS builder\nFROM b\nCOPY --from=bilder /x /y\n', expect: ['3:13-3:19 Did you mean the stage "builder"'], level: 'warning', fixed: 'FROM a AS builder\nFROM b\nCOPY --from=builder /x /y\n' },
  { rule: 'copy-from-unknown-stage', text: 'FROM a AS builder\nFROM b\nCOPY --from=busybox /x /y\n', expect: [] },
  { rule: 'copy-from-self', text: 'FROM a AS one\nONBUILD COPY --from=one /x /y\n', expect: [] },
  { rule: 'unknown-healthcheck-type', text: 'FROM a\nHEALTHCHECK CONNECT localhost:80\n', expect: ['2:13-2:20 knows only CMD'] },
  { rule: 'unknown-flag', text: 'FROM a\nCOPY --form=b /x /y\n', expect: ['2:8-2:12 Did you mean --from?'], fixed: 'FROM a\nCOPY --from=b /x /y\n' },
  { rule: 'unknown-flag', text: 'FROM a\nONBUILD COPY --frm=b /x /y\n', expect: ['2:16-2:19 Did you mean --from?'], fixed: 'FROM a\nONBUILD COPY --from=b /x /y\n' },
  { rule: 'unknown-flag', text: 'FROM a\nCOPY -- --x /y\n', expect: [] },
  { rule: 'invalid-flag-value', text: 'FROM a\nADD --checksum=main https://github.com/moby/buildkit.git#v0.20.0 /src/\n', expect: ['2:16-2:20 full commit hash'] },
  { rule: 'json-single-quotes', text: "FROM a\nSHELL ['powershell', '-Command']\n", expect: ['2:7-2:33 SHELL must be a JSON array'], level: 'error', fixed: 'FROM a\nSHELL ["powershell", "-Command"]\n' },
  { rule: 'malformed-json', text: 'FROM a\nSHELL ["cmd" "/S"]\n', expect: ['2:7-2:19 SHELL accepts only a JSON array'], level: 'error' },
  { rule: 'shell-json-form', text: "FROM a\nSHELL ['cmd']\n", expect: [] },
  { rule: 'invalid-mount', text: 'FROM a\nRUN --mount=from=binaries --mount=target=. true\n', expect: [] },
  { rule: 'invalid-mount', text: 'FROM a\nRUN --mount=type=secret,id=a,src=b true\n', expect: ['2:13-2:35 either id or source'] },
  { rule: 'ignored-directive', text: '# foo=bar\n# escape=`\nFROM a\n', expect: ['2:1-2:11 follows a line that is not a known directive'] },
  { rule: 'ignored-directive', text: '# syntax=docker/dockerfile:1\n\n# escape=`\nFROM a\n', expect: ['3:1-3:11 looks like the escape directive'] },
  { rule: 'ignored-directive', text: '#!/usr/bin/env -S docker build -f\n# syntax=docker/dockerfile:1\nFROM a\n', expect: [] },
  { rule: 'invalid-mount', text: 'FROM a\nRUN --mount=type=cache,target=/ true\n', expect: ['2:31-2:32 root directory'] },
  { rule: 'duplicate-directive', text: '# escape=\\\n# ESCAPE=\\\nFROM a\n', expect: ['2:1-2:11 already set above'] },
  { rule: 'missing-arguments', text: 'FROM a\nENV =value\n', expect: ['2:5-2:11 needs a name before'] },
  { rule: 'missing-arguments', text: 'FROM a\nONBUILD\nVOLUME\nARG\nMAINTAINER\nSTOPSIGNAL\n', expect: ['2:1-2:8 ONBUILD needs', '3:1-3:7 VOLUME needs', '4:1-4:4 ARG needs', '5:1-5:11 MAINTAINER needs', '6:1-6:11 STOPSIGNAL needs'] },
  { rule: 'copy-destination-slash', text: 'FROM a\nCOPY x y <<EOF\nbody\nEOF\n', expect: [] },
  { rule: 'variable-substitution', text: 'FROM a\nRUN echo ${x:m}\nCMD echo ${y\n', expect: [] },
  { rule: 'variable-substitution', text: "FROM a\nENV A='unclosed\n", expect: ['2:7-2:8 single quote is never closed'] },
  { rule: 'invalid-expose', text: 'FROM a\nEXPOSE 127.0.0.1:80:80 80:8080/tcp\n', expect: [] },
  { rule: 'no-from', text: 'ARG A=1\n', expect: ['1:1-1:4 has no FROM'] },
  { rule: 'instruction-before-from', text: 'RUN x\n', expect: [] },
];

describe('syntax rules: extra cases', () => {
  for (const c of CASES) {
    it(`${c.rule}: ${JSON.stringify(c.text)}`, () => {
      const { d, results } = run(c.text, c.rule);
      assert.deepStrictEqual(results.map((r) => formatRange(r.finding.range)), c.expect.map((e) => e.split(' ')[0]));
      c.expect.forEach((e, i) => {
        const want = e.slice(e.indexOf(' ') + 1);
        assert.ok(results[i]!.finding.message.includes(want), `"${results[i]!.finding.message}" lacks "${want}"`);
        if (c.level) assert.strictEqual(results[i]!.level, c.level);
      });
      if (c.fixed !== undefined) {
        const model = service.dockerfileModel(d);
        const edits = results.flatMap((r) => [...(r.rule.fix?.(model, r.finding).find((f) => f.isPreferred)?.edits ?? [])]);
        assert.strictEqual(applyEdits(c.text, edits), c.fixed);
      } else if (results.length > 0 && results[0]!.rule.fix) {
        const model = service.dockerfileModel(d);
        assert.deepStrictEqual(results.flatMap((r) => r.rule.fix!(model, r.finding)), [], 'no fix expected without a suggestion');
      }
    });
  }
});

describe('Go durations (HEALTHCHECK flags)', () => {
  const table: [string, ReturnType<typeof parseGoDuration>][] = [
    ['30s', { ns: 30e9 }], ['1m30s', { ns: 90e9 }], ['1.5h', { ns: 5400e9 }], ['0', { ns: 0 }], ['-1s', { ns: -1e9 }],
    ['500µs', { ns: 500e3 }], ['.5s', { ns: 0.5e9 }], ['5', { error: 'missing-unit' }], ['1m30', { error: 'missing-unit' }],
    ['5x', { error: 'unknown-unit', unit: 'x' }], ['', { error: 'invalid' }], ['.s', { error: 'invalid' }], ['s', { error: 'invalid' }],
  ];
  for (const [text, want] of table) it(JSON.stringify(text), () => assert.deepStrictEqual(parseGoDuration(text), want));
});

describe('STOPSIGNAL values', () => {
  const table: [string, boolean][] = [
    ['SIGTERM', true], ['sigquit', true], ['KILL', true], ['9', true], ['SIGRTMIN+3', true], ['RTMAX-1', true],
    ['0', false], ['-9', false], ['SIGFOO', false], ['TERMINATE', false],
  ];
  for (const [text, want] of table) it(text, () => assert.strictEqual(isValidSignal(text), want));
});

describe('flag tables', () => {
  it('list the current BuildKit flags per instruction', () => {
    const names = (k: keyof typeof FLAG_TABLE) => FLAG_TABLE[k].map((f) => f.name).sort();
    assert.deepStrictEqual(names('ADD'), ['checksum', 'chmod', 'chown', 'exclude', 'keep-git-dir', 'link', 'unpack']);
    assert.deepStrictEqual(names('COPY'), ['chmod', 'chown', 'exclude', 'from', 'link', 'parents']);
    assert.deepStrictEqual(names('RUN'), ['device', 'mount', 'network', 'security']);
    assert.deepStrictEqual(names('FROM'), ['platform']);
    assert.deepStrictEqual(names('HEALTHCHECK'), ['interval', 'retries', 'start-interval', 'start-period', 'timeout']);
  });
  it('resolve mount option aliases case-insensitively', () => {
    assert.strictEqual(mountOption('DST')?.name, 'target');
    assert.strictEqual(mountOption('ro')?.name, 'readonly');
    assert.strictEqual(mountOption('nope'), undefined);
  });
});
