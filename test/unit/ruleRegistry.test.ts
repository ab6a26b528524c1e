import * as assert from 'assert';
import { dockerfileRules } from '../../server/src/service/dockerfile/rules';
import { FAMILIES, LEVELS } from '../../server/src/service/types';

describe('rule registry', () => {
  it('has unique, stable kebab-case ids', () => {
    const ids = dockerfileRules.map((r) => r.id);
    assert.strictEqual(new Set(ids).size, ids.length, 'duplicate rule id');
    for (const id of ids) assert.match(id, /^dockerfile\/[a-z0-9]+(-[a-z0-9]+)*$/);
  });
  it('has unique aliases and valid metadata', () => {
    const seen = new Map<string, string>();
    for (const r of dockerfileRules) {
      for (const a of r.aliases) {
        assert.ok(!seen.has(a), `alias ${a} used by ${seen.get(a)} and ${r.id}`);
        seen.set(a, r.id);
      }
      assert.ok(LEVELS.includes(r.defaultLevel), r.id);
      assert.ok(FAMILIES.includes(r.family), r.id);
      assert.ok(r.title.length > 0 && r.explain.docsUrl.startsWith('https://'), r.id);
    }
  });
});
