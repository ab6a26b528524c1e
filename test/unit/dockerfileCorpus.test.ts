import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { createLanguageService } from '../../server/src/service';
import { normalizeSettings } from '../../server/src/service/settings';
import { doc, formatRange, SHARED } from '../util/text';

const CORPUS = path.join(SHARED, 'corpus', 'dockerfile');

/** `file -> kind` from the table in SOURCES.md (columns found by header name). */
export function corpusKinds(): Map<string, string> {
  const kinds = new Map<string, string>();
  const lines = fs.readFileSync(path.join(CORPUS, 'SOURCES.md'), 'utf8').split('\n');
  let fileCol = -1;
  let kindCol = -1;
  for (const line of lines) {
    if (!line.startsWith('|')) {
      fileCol = kindCol = -1;
      continue;
    }
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (fileCol < 0) {
      fileCol = cells.findIndex((c) => c.startsWith('file'));
      kindCol = cells.indexOf('kind');
      if (kindCol < 0) fileCol = -1;
      continue;
    }
    const file = cells[fileCol]?.replace(/`/g, '');
    const kind = cells[kindCol];
    if (file && kind && !/^-+$/.test(kind)) kinds.set(file, kind);
  }
  return kinds;
}

describe('Dockerfile corpus (all rules, default settings)', function () {
  const present = fs.existsSync(path.join(CORPUS, 'SOURCES.md'));

  it('gives no error on buildable files and never throws', function () {
    if (!present) {
      this.skip(); // the shared corpus (../shared/corpus/dockerfile) is not available here
    }
    const kinds = corpusKinds();
    assert.ok(kinds.size >= 100, `SOURCES.md lists only ${kinds.size} files`);
    const service = createLanguageService({});
    const settings = normalizeSettings({});
    const errors: string[] = [];
    let buildable = 0;
    for (const [file, kind] of kinds) {
      const full = path.join(CORPUS, file);
      assert.ok(fs.existsSync(full), `listed but missing: ${file}`);
      const text = fs.readFileSync(full, 'utf8');
      const results = service.dockerfileResults(doc(text, 'file:///corpus/' + file), { settings });
      if (kind !== 'real' && kind !== 'test-fixture') continue;
      buildable++;
      for (const r of results) {
        if (r.level === 'error') errors.push(`${file}:${formatRange(r.finding.range)} ${r.rule.id}: ${r.finding.message}`);
      }
    }
    assert.strictEqual(buildable, 127, 'expected 127 real + test-fixture files');
    assert.deepStrictEqual(errors, []);
  });
});
