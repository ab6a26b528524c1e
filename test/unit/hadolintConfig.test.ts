import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createLanguageService } from '../../server/src/service';
import { parseHadolintConfig, withHadolintConfig } from '../../server/src/service/hadolintConfig';
import { normalizeSettings } from '../../server/src/service/settings';
import { findHadolintConfig, hadolintConfigCandidates, loadHadolintConfig } from '../../server/src/hadolintConfigFile';
import { doc, formatRange } from '../util/text';

describe('hadolint configuration', () => {
  it('maps ignored, override (style -> hint) and the other keys onto settings', () => {
    const { settings, problems } = parseHadolintConfig([
      'ignored:', '  - DL3008', '  - SC2086',
      'override:', '  error: [DL3015]', '  style: [DL3059, DL3008]',
      'failure-threshold: warning', 'trustedRegistries: [docker.io, "my.registry:5000"]',
      'label-schema:', '  author: text', '  url: url',
      'strict-labels: true', 'disable-ignore-pragma: true', 'no-fail: false', 'format: json',
    ].join('\n'));
    assert.deepStrictEqual(problems, []);
    // ignored wins over an override of the same rule, as in hadolint.
    assert.deepStrictEqual(settings.rules, { DL3015: 'error', DL3059: 'hint', DL3008: 'off', SC2086: 'off' });
    assert.deepStrictEqual(
      [settings.failureThreshold, settings.trustedRegistries, settings.labelSchema, settings.strictLabels, settings.disableIgnorePragma, settings.noFail],
      ['warning', ['docker.io', 'my.registry:5000'], { author: 'text', url: 'url' }, true, true, false]);
  });

  const bad: [string, string, string][] = [
    ['ignored: DL3008', '1:10-1:16', 'ignored must be a list'],
    ['override:\n  fatal: [DL3008]', '2:3-2:8', 'unknown override level "fatal"'],
    ['ignored: [DL30O8]', '1:11-1:17', 'not a hadolint rule code'],
    ['failure-threshold: loud', '1:20-1:24', 'failure-threshold must be one of'],
    ['strict-labels: yes please', '1:16-1:26', 'strict-labels must be true or false'],
    ['label-schema:\n  author: colour', '2:11-2:17', 'unknown type "colour"'],
    ['ignord: [DL3008]', '1:1-1:7', 'unknown hadolint configuration key "ignord"'],
    ['ignored: [DL3008', '1:17-1:18', 'YAML error'],
    ['- DL3008', '1:1-1:9', 'is a mapping'],
  ];
  for (const [text, range, message] of bad) {
    it(`reports a located problem, never throws: ${JSON.stringify(text)}`, () => {
      const { problems } = parseHadolintConfig(text);
      assert.ok(problems.length >= 1, 'no problem reported');
      assert.strictEqual(formatRange(problems[0]!.range), range);
      assert.ok(problems[0]!.message.includes(message), problems[0]!.message);
    });
  }

  it('accepts an empty file', () => {
    assert.deepStrictEqual(parseHadolintConfig(''), { settings: { rules: {}, families: {} }, problems: [] });
  });

  it('wins over editor settings keyed by our id, and its levels reach the diagnostics', () => {
    const editor = normalizeSettings({ rules: { 'dockerfile/apt-get-unpinned': 'error', 'dockerfile/sudo-in-run': 'hint' } });
    const merged = withHadolintConfig(editor, parseHadolintConfig('ignored: [DL3008]\noverride:\n  info: [DL3004]\n'));
    const service = createLanguageService();
    const results = service.dockerfileResults(doc('FROM debian:12\nRUN sudo apt-get install -y --no-install-recommends curl\n'), { settings: merged });
    const byRule = Object.fromEntries(results.map((r) => [r.rule.aliases[0], r.level]));
    assert.strictEqual(byRule.DL3008, undefined);
    assert.strictEqual(byRule.DL3004, 'info');
  });

  it('gives one settings object per editor settings and config file, so per-settings caches stay warm', () => {
    const editor = normalizeSettings({ rules: { 'dockerfile/sudo-in-run': 'hint' } });
    const config = parseHadolintConfig('ignored: [DL3008]\n');
    const first = withHadolintConfig(editor, config);
    assert.strictEqual(withHadolintConfig(editor, config), first);
    const other = withHadolintConfig(editor, parseHadolintConfig('ignored: [DL3008]\n'));
    assert.notStrictEqual(other, first);
    assert.deepStrictEqual(other, first);
    const otherEditor = withHadolintConfig(normalizeSettings({}), config);
    assert.notStrictEqual(otherEditor, first);
    assert.strictEqual(otherEditor.rules['dockerfile/sudo-in-run'], undefined);
    assert.strictEqual(first.rules['dockerfile/sudo-in-run'], 'hint');
  });

  it('disable-ignore-pragma makes # hadolint ignore= count for nothing, other pragmas still work', () => {
    const text = '# hadolint ignore=DL3004\nFROM debian:12\n# hadolint ignore=DL3004\nRUN sudo make\n# docker-tutor ignore=DL3004\nRUN sudo make install\n';
    const service = createLanguageService();
    const lines = (disable: boolean) => service.dockerfileResults(doc(text), { settings: normalizeSettings({ disableIgnorePragma: disable }) })
      .filter((r) => r.rule.aliases.includes('DL3004')).map((r) => r.finding.range.start.line + 1);
    assert.deepStrictEqual(lines(false), []);
    assert.deepStrictEqual(lines(true), [4]);
  });

  describe('discovery', () => {
    let tmp: string;
    before(() => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hadolint-config-'));
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it('lists the project files upwards to the workspace, then hadolint\'s user-level files in its order', () => {
      const ws = path.join(tmp, 'ws');
      const list = hadolintConfigCandidates({ startDir: path.join(ws, 'svc', 'api'), stopDir: ws, home: '/home/u', env: { XDG_CONFIG_HOME: '/xdg' } });
      assert.deepStrictEqual(list, [
        path.join(ws, 'svc', 'api', '.hadolint.yaml'), path.join(ws, 'svc', 'api', '.hadolint.yml'),
        path.join(ws, 'svc', '.hadolint.yaml'), path.join(ws, 'svc', '.hadolint.yml'),
        path.join(ws, '.hadolint.yaml'), path.join(ws, '.hadolint.yml'),
        '/xdg/hadolint.yaml', '/xdg/hadolint.yml',
        '/home/u/.hadolint/hadolint.yaml', '/home/u/.hadolint/hadolint.yml', '/home/u/.hadolint/config.yaml', '/home/u/.hadolint/config.yml',
        '/home/u/.hadolint.yaml', '/home/u/.hadolint.yml',
      ]);
      assert.strictEqual(hadolintConfigCandidates({ startDir: '/p', home: '/h', env: {} })[4], '/h/.config/hadolint.yaml');
    });

    it('finds the nearest file on disk and loads it; a missing file is a problem, not a crash', () => {
      const ws = path.join(tmp, 'proj');
      const sub = path.join(ws, 'docker', 'web');
      fs.mkdirSync(sub, { recursive: true });
      fs.writeFileSync(path.join(ws, '.hadolint.yml'), 'ignored: [DL3059]\n');
      const home = path.join(tmp, 'home');
      fs.mkdirSync(home);
      const found = findHadolintConfig({ startDir: sub, stopDir: ws, home, env: {} });
      assert.strictEqual(found, path.join(ws, '.hadolint.yml'));
      assert.deepStrictEqual(loadHadolintConfig(found!).settings.rules, { DL3059: 'off' });
      fs.writeFileSync(path.join(home, '.hadolint.yaml'), 'no-fail: true\n');
      assert.strictEqual(findHadolintConfig({ startDir: path.join(tmp, 'elsewhere'), stopDir: path.join(tmp, 'elsewhere'), home, env: {} }), path.join(home, '.hadolint.yaml'));
      const missing = loadHadolintConfig(path.join(tmp, 'nope.yaml'));
      assert.strictEqual(missing.problems.length, 1);
      assert.ok(missing.problems[0]!.message.startsWith('cannot read'));
    });
  });
});
