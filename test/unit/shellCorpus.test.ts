import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { createLanguageService } from '../../server/src/service';
import { shellRules } from '../../server/src/service/dockerfile/rules/shell';
import type { Level } from '../../server/src/service/types';
import { doc, formatRange, SHARED } from '../util/text';

/**
 * The shell rules over the real-world corpus (`../shared/corpus/dockerfile`), every rule switched on:
 * nothing throws on any file, and files meant to build (`real`, `test-fixture` in SOURCES.md) get no
 * error-level finding from these rules. The only error-level shell rule is sudo (DL3004), which the corpus does not use.
 */
const CORPUS = path.join(SHARED, 'corpus', 'dockerfile');

/** `file -> kind` from the SOURCES.md table (the `kind` column). */
function kinds(): Map<string, string> {
  const out = new Map<string, string>();
  const lines = fs.readFileSync(path.join(CORPUS, 'SOURCES.md'), 'utf8').split('\n');
  let kindCol = -1;
  for (const line of lines) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells[1]?.startsWith('file (in this folder)')) kindCol = cells.indexOf('kind');
    else if (kindCol > 0 && cells[1]?.startsWith('`')) out.set(cells[1].replace(/`/g, ''), cells[kindCol] ?? '');
  }
  return out;
}

function corpusFiles(): string[] {
  const out: string[] = [];
  for (const repo of fs.readdirSync(CORPUS)) {
    const dir = path.join(CORPUS, repo);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const f of fs.readdirSync(dir)) out.push(`${repo}/${f}`);
  }
  return out.sort();
}

describe('shell rules on the Dockerfile corpus', function () {
  before(function () {
    if (!fs.existsSync(path.join(CORPUS, 'SOURCES.md'))) {
      console.log(`    (skipped: no corpus at ${CORPUS})`);
      this.skip();
    }
  });

  it('never throws and gives no error on files meant to build', () => {
    const kindOf = kinds();
    const files = corpusFiles();
    assert.ok(files.length > 100, `only ${files.length} corpus files`);
    const rules: Record<string, Level> = {};
    for (const r of shellRules) rules[r.id] = r.defaultLevel === 'off' ? 'warning' : r.defaultLevel;
    const ids = new Set(shellRules.map((r) => r.id));
    const service = createLanguageService();
    const errors: string[] = [];
    let findings = 0;
    for (const f of files) {
      const text = fs.readFileSync(path.join(CORPUS, f), 'utf8');
      const results = service.dockerfileResults(doc(text, `file:///corpus/${f}`), { settings: { rules, families: {} } }).filter((r) => ids.has(r.rule.id));
      findings += results.length;
      const kind = kindOf.get(f);
      assert.ok(kind, `${f} is not listed in SOURCES.md`);
      if (kind !== 'real' && kind !== 'test-fixture') continue;
      for (const r of results) if (r.level === 'error') errors.push(`${f}:${formatRange(r.finding.range)} ${r.rule.id}: ${r.finding.message}`);
    }
    assert.deepStrictEqual(errors, []);
    // The rules do see the corpus (a parser that failed to load would make every check above pass vacuously).
    assert.ok(findings > 50, `only ${findings} shell findings on the whole corpus`);
  });
});
