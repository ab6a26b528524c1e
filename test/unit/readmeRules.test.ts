import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { dockerfileRules } from '../../server/src/service/dockerfile/rules';
import type { RuleMeta } from '../../server/src/service/types';
import { readSection, renderRulesTable, renderSettingsTable, replaceSection } from '../util/readmeRules';
import { ROOT } from '../util/text';

const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const STALE = 'README is stale: run `npm run docs`';

describe('README generated sections', () => {
  it('the rules table matches the registry', () => {
    assert.strictEqual(readSection(readme, 'rules'), renderRulesTable(dockerfileRules), STALE);
  });
  it('lists every rule id once', () => {
    const section = readSection(readme, 'rules') ?? '';
    for (const r of dockerfileRules) assert.strictEqual(section.split(`\`${r.id}\``).length - 1, 1, r.id);
  });
  it('the settings table matches package.json', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Parameters<typeof renderSettingsTable>[0];
    assert.strictEqual(readSection(readme, 'settings'), renderSettingsTable(manifest), STALE);
  });

  const fake: RuleMeta & { fix?: unknown } = {
    id: 'dockerfile/fake-rule',
    aliases: ['DL9999', 'FakeCheck'],
    family: 'best-practice',
    defaultLevel: 'info',
    title: 'Uses a | pipe and a `tick`',
    explain: { docsUrl: 'https://example.com/fake' },
    fix: () => [],
  };
  it('renders aliases into their tool columns and escapes table syntax', () => {
    const table = renderRulesTable([fake]);
    assert.match(table, /^1 Dockerfile rule\.$/m);
    assert.ok(table.includes('| [`dockerfile/fake-rule`](https://example.com/fake) | best-practice | info | `DL9999` | `FakeCheck` | yes | Uses a \\| pipe and a `tick` |'), table);
  });
  it('a changed registry makes the check fail', () => {
    const changed = replaceSection(readme, 'rules', renderRulesTable([...dockerfileRules, fake]));
    assert.notStrictEqual(readSection(changed, 'rules'), renderRulesTable(dockerfileRules));
  });
  it('replaceSection keeps the markers and the text around them', () => {
    const doc = 'intro\n<!-- rules:start -->\nold\n<!-- rules:end -->\noutro\n';
    const out = replaceSection(doc, 'rules', 'new');
    assert.strictEqual(out, 'intro\n<!-- rules:start -->\nnew\n<!-- rules:end -->\noutro\n');
    assert.strictEqual(readSection(out, 'rules'), 'new');
    assert.throws(() => replaceSection('no markers', 'rules', 'x'), /markers/);
  });
});
