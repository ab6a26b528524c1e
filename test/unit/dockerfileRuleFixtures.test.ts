import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { createLanguageService } from '../../server/src/service';
import { dockerfileRules } from '../../server/src/service/dockerfile/rules';
import type { DockerfileRule } from '../../server/src/service/dockerfile/rules/types';
import { normalizeSettings } from '../../server/src/service/settings';
import type { Settings } from '../../server/src/service/settings';
import { nodeFiles } from '../../server/src/server';
import { applyEdits, doc, formatRange, ROOT } from '../util/text';

/**
 * Fixture-driven rule tests. Each rule `dockerfile/<name>` has `test/fixtures/rules/dockerfile/<name>/`:
 * - `bad.Dockerfile` + `expected.json` (`[{ "range": "L:C-L:C", "message"?: "substring" }]`): exactly these findings;
 * - `good.Dockerfile`: no finding of this rule;
 * - `fixed.Dockerfile` (required when the rule has a fix): the preferred fix of every finding applied to `bad`,
 *   after which the rule is quiet (so applying the fix again changes nothing);
 * - `settings.json` (optional): settings for all three, e.g. configuration a rule needs.
 * Other files in the folder (a `.dockerignore`) are real files next to the Dockerfiles.
 */
const DIR = path.join(ROOT, 'test', 'fixtures', 'rules', 'dockerfile');

function readSettings(folder: string, rule: DockerfileRule): Settings {
  const file = path.join(folder, 'settings.json');
  const raw = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const s = normalizeSettings(raw);
  // Rules that are off by default are switched on for their own fixtures.
  return { ...s, rules: { [rule.id]: rule.defaultLevel === 'off' ? 'warning' : rule.defaultLevel, ...s.rules } };
}

function findings(rule: DockerfileRule, folder: string, file: string, text: string) {
  const service = createLanguageService({ files: nodeFiles });
  const fsPath = path.join(folder, file);
  const d = doc(text, pathToFileURL(fsPath).toString());
  const settings = readSettings(folder, rule);
  return { service, d, settings, fsPath, results: service.dockerfileResults(d, { settings, fsPath }).filter((r) => r.rule.id === rule.id) };
}

describe('Dockerfile rule fixtures', () => {
  for (const rule of dockerfileRules) {
    const name = rule.id.slice('dockerfile/'.length);
    const folder = path.join(DIR, name);
    describe(rule.id, () => {
      it('has a fixture folder with bad, good and expected', () => {
        for (const f of ['bad.Dockerfile', 'good.Dockerfile', 'expected.json']) {
          assert.ok(fs.existsSync(path.join(folder, f)), `missing ${path.relative(ROOT, path.join(folder, f))}`);
        }
        if (rule.fix) assert.ok(fs.existsSync(path.join(folder, 'fixed.Dockerfile')), `${rule.id} has a fix but no fixed.Dockerfile`);
      });
      it('reports exactly the expected findings on bad', function () {
        if (!fs.existsSync(path.join(folder, 'bad.Dockerfile'))) this.skip();
        const text = fs.readFileSync(path.join(folder, 'bad.Dockerfile'), 'utf8');
        const expected = JSON.parse(fs.readFileSync(path.join(folder, 'expected.json'), 'utf8')) as { range: string; message?: string }[];
        assert.ok(expected.length > 0, 'expected.json must list at least one finding');
        const { results } = findings(rule, folder, 'bad.Dockerfile', text);
        assert.deepStrictEqual(results.map((r) => formatRange(r.finding.range)), expected.map((e) => e.range));
        expected.forEach((e, i) => {
          const r = results[i]!;
          if (e.message) assert.ok(r.finding.message.includes(e.message), `message "${r.finding.message}" lacks "${e.message}"`);
          assert.strictEqual(r.diagnostic.source, 'Docker Tutor');
          assert.strictEqual(r.diagnostic.code, rule.id);
          assert.ok(r.diagnostic.codeDescription?.href.startsWith('https://'), 'docs link');
        });
      });
      it('is quiet on good', function () {
        if (!fs.existsSync(path.join(folder, 'good.Dockerfile'))) this.skip();
        const text = fs.readFileSync(path.join(folder, 'good.Dockerfile'), 'utf8');
        const { results } = findings(rule, folder, 'good.Dockerfile', text);
        assert.deepStrictEqual(results.map((r) => `${formatRange(r.finding.range)} ${r.finding.message}`), []);
      });
      if (rule.fix) {
        it('fixes bad into fixed, and fixed is quiet', function () {
          const fixedFile = path.join(folder, 'fixed.Dockerfile');
          if (!fs.existsSync(fixedFile)) this.skip();
          const text = fs.readFileSync(path.join(folder, 'bad.Dockerfile'), 'utf8');
          const { results, d, service, settings, fsPath } = findings(rule, folder, 'bad.Dockerfile', text);
          const model = service.dockerfileModel(d);
          const edits = results.flatMap((r) => {
            const fixes = rule.fix!(model, r.finding);
            const chosen = fixes.find((f) => f.isPreferred) ?? fixes[0];
            return chosen ? [...chosen.edits] : [];
          });
          assert.ok(edits.length > 0, 'the fix produced no edit');
          const fixed = applyEdits(text, edits);
          assert.strictEqual(fixed, fs.readFileSync(fixedFile, 'utf8'));
          const again = service.dockerfileResults(doc(fixed, d.uri, 'dockerfile', 2), { settings, fsPath }).filter((r) => r.rule.id === rule.id);
          assert.deepStrictEqual(again.map((r) => formatRange(r.finding.range)), [], 'the rule still fires after its fix');
        });
      }
    });
  }

  it('every fixture folder belongs to a rule', () => {
    const ids = new Set(dockerfileRules.map((r) => r.id.slice('dockerfile/'.length)));
    const orphans = fs.existsSync(DIR) ? fs.readdirSync(DIR).filter((f) => !ids.has(f)) : [];
    assert.deepStrictEqual(orphans, []);
  });
});
