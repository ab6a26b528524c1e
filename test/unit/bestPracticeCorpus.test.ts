import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { createLanguageService } from '../../server/src/service';
import { bestPracticeRules } from '../../server/src/service/dockerfile/rules/bestPractice';
import type { Settings } from '../../server/src/service/settings';
import { doc, formatRange, SHARED } from '../util/text';

/**
 * The best-practice rules on the shared corpus of real Dockerfiles: none may throw, and on files
 * known to build (`real`, `test-fixture`) none may report at error level. Every rule is switched on,
 * with a label schema and trusted registries, so the configuration-only rules run too.
 */
const CORPUS = path.join(SHARED, 'corpus', 'dockerfile');

function kinds(): Map<string, string> {
  const out = new Map<string, string>();
  const sources = path.join(CORPUS, 'SOURCES.md');
  if (!fs.existsSync(sources)) return out;
  for (const line of fs.readFileSync(sources, 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const file = /^`([^`]+)`$/.exec(cells[1] ?? '')?.[1];
    const kind = cells[6];
    if (file && kind && /^(real|test-fixture|parser-test|parser-negative)$/.test(kind)) out.set(file, kind);
  }
  return out;
}

const ALL_ON: Settings = {
  rules: Object.fromEntries(bestPracticeRules.map((r) => [r.id, r.defaultLevel === 'off' ? 'warning' : r.defaultLevel])),
  families: {},
  labelSchema: { 'org.opencontainers.image.source': 'url', 'org.opencontainers.image.created': 'rfc3339', 'org.opencontainers.image.licenses': 'spdx', 'org.opencontainers.image.revision': 'hash', 'org.opencontainers.image.version': 'semver', 'maintainer': 'email' },
  strictLabels: true,
};

describe('best-practice rules on the corpus', function () {
  this.timeout(60_000);
  const ids = new Set(bestPracticeRules.map((r) => r.id));
  it('never throw, and report no error on files that build', function () {
    const kindOf = kinds();
    if (!fs.existsSync(CORPUS) || kindOf.size === 0) {
      this.skip(); // ../shared/corpus/dockerfile is absent on this machine: nothing to check.
    }
    const service = createLanguageService();
    const errors: string[] = [];
    let files = 0;
    for (const [file, kind] of kindOf) {
      const full = path.join(CORPUS, file);
      if (!fs.existsSync(full)) continue;
      files++;
      const text = fs.readFileSync(full, 'utf8');
      for (const settings of [ALL_ON, { ...ALL_ON, trustedRegistries: ['docker.io', '*.gcr.io'] }]) {
        const results = service.dockerfileResults(doc(text, 'file:///corpus/' + file), { settings }).filter((r) => ids.has(r.rule.id));
        if (kind !== 'real' && kind !== 'test-fixture') continue;
        for (const r of results) {
          // DL3026 is an error by the user's own choice of trusted registries; the others must stay quiet.
          if (r.level === 'error' && r.rule.id !== 'dockerfile/untrusted-registry') errors.push(`${file} ${formatRange(r.finding.range)} ${r.rule.id}: ${r.finding.message}`);
        }
      }
    }
    assert.ok(files >= 100, `only ${files} corpus files found`);
    assert.deepStrictEqual(errors, []);
  });
});
