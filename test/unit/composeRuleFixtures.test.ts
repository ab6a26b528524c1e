import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { createLanguageService } from '../../server/src/service';
import { composeResults } from '../../server/src/service/compose';
import { composeRules } from '../../server/src/service/compose/rules';
import type { ComposeRule } from '../../server/src/service/compose/rules/types';
import { normalizeSettings } from '../../server/src/service/settings';
import type { Settings } from '../../server/src/service/settings';
import { nodeFiles } from '../../server/src/server';
import { applyEdits, doc, formatRange, ROOT } from '../util/text';

/**
 * Fixture-driven Compose rule tests. Each rule `compose/<name>` has `test/fixtures/rules/compose/<name>/`:
 * - `bad.yaml` + `expected.json` (`[{ "range": "L:C-L:C", "message"?: "substring" }]`): exactly these findings;
 * - `good.yaml`: no finding of this rule;
 * - `fixed.yaml` (required when the rule has a fix): the preferred fix of every finding applied to `bad`,
 *   after which the rule is quiet;
 * - `settings.json` (optional): settings for all three.
 * Other files in the folder (a build context, a Dockerfile) are real files next to the compose files.
 */
const DIR = path.join(ROOT, 'test', 'fixtures', 'rules', 'compose');

function readSettings(folder: string, rule: ComposeRule): Settings {
  const file = path.join(folder, 'settings.json');
  const raw = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const s = normalizeSettings(raw);
  return { ...s, rules: { [rule.id]: rule.defaultLevel === 'off' ? 'warning' : rule.defaultLevel, ...s.rules } };
}

function findings(rule: ComposeRule, folder: string, file: string, text: string, version = 1) {
  const service = createLanguageService({ files: nodeFiles });
  const fsPath = path.join(folder, file);
  const d = doc(text, pathToFileURL(fsPath).toString(), 'dockercompose', version);
  const settings = readSettings(folder, rule);
  const model = service.composeModel(d);
  return { model, results: composeResults(model, { settings, fsPath, files: nodeFiles }).filter((r) => r.rule.id === rule.id) };
}

describe('Compose rule fixtures', () => {
  for (const rule of composeRules) {
    const name = rule.id.slice('compose/'.length);
    const folder = path.join(DIR, name);
    describe(rule.id, () => {
      it('has a fixture folder with bad, good and expected', () => {
        for (const f of ['bad.yaml', 'good.yaml', 'expected.json']) {
          assert.ok(fs.existsSync(path.join(folder, f)), `missing ${path.relative(ROOT, path.join(folder, f))}`);
        }
        if (rule.fix) assert.ok(fs.existsSync(path.join(folder, 'fixed.yaml')), `${rule.id} has a fix but no fixed.yaml`);
      });
      it('reports exactly the expected findings on bad', function () {
        if (!fs.existsSync(path.join(folder, 'bad.yaml'))) this.skip();
        const text = fs.readFileSync(path.join(folder, 'bad.yaml'), 'utf8');
        const expected = JSON.parse(fs.readFileSync(path.join(folder, 'expected.json'), 'utf8')) as { range: string; message?: string }[];
        assert.ok(expected.length > 0, 'expected.json must list at least one finding');
        const { results } = findings(rule, folder, 'bad.yaml', text);
        assert.deepStrictEqual(results.map((r) => formatRange(r.finding.range)), expected.map((e) => e.range), results.map((r) => r.finding.message).join('\n'));
        expected.forEach((e, i) => {
          const r = results[i]!;
          if (e.message) assert.ok(r.finding.message.includes(e.message), `message "${r.finding.message}" lacks "${e.message}"`);
          assert.strictEqual(r.diagnostic.source, 'Docker Tutor');
          assert.strictEqual(r.diagnostic.code, rule.id);
          assert.ok(r.diagnostic.codeDescription?.href.startsWith('https://'), 'docs link');
        });
      });
      it('is quiet on good', function () {
        if (!fs.existsSync(path.join(folder, 'good.yaml'))) this.skip();
        const text = fs.readFileSync(path.join(folder, 'good.yaml'), 'utf8');
        const { results } = findings(rule, folder, 'good.yaml', text);
        assert.deepStrictEqual(results.map((r) => `${formatRange(r.finding.range)} ${r.finding.message}`), []);
      });
      if (rule.fix) {
        it('fixes bad into fixed, and fixed is quiet', function () {
          const fixedFile = path.join(folder, 'fixed.yaml');
          if (!fs.existsSync(fixedFile)) this.skip();
          const text = fs.readFileSync(path.join(folder, 'bad.yaml'), 'utf8');
          const { model, results } = findings(rule, folder, 'bad.yaml', text);
          const edits = results.flatMap((r) => {
            const fixes = rule.fix!(model, r.finding);
            const chosen = fixes.find((f) => f.isPreferred) ?? fixes[0];
            return chosen ? [...chosen.edits] : [];
          });
          assert.ok(edits.length > 0, 'the fix produced no edit');
          const fixed = applyEdits(text, edits);
          assert.strictEqual(fixed, fs.readFileSync(fixedFile, 'utf8'));
          const again = findings(rule, folder, 'bad.yaml', fixed, 2).results;
          assert.deepStrictEqual(again.map((r) => `${formatRange(r.finding.range)} ${r.finding.message}`), [], 'the rule still fires after its fix');
        });
      }
    });
  }

  it('every fixture folder belongs to a rule', () => {
    const ids = new Set(composeRules.map((r) => r.id.slice('compose/'.length)));
    const orphans = fs.existsSync(DIR) ? fs.readdirSync(DIR).filter((f) => !ids.has(f)) : [];
    assert.deepStrictEqual(orphans, []);
  });
});
