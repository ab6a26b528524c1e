import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { createLanguageService } from '../../server/src/service';
import { nodeFiles } from '../../server/src/server';
import { doc, SHARED } from '../util/text';

/**
 * The BuildKit checks over the shared corpus of real Dockerfiles: nothing throws, and files that
 * build (`real`, `test-fixture` in SOURCES.md) get no error-level finding from these rules.
 * The corpus has no .dockerignore files, so CopyIgnoredFile must stay silent on it.
 */
const CORPUS = path.join(SHARED, 'corpus', 'dockerfile');

interface Entry {
  readonly file: string;
  readonly kind: string;
}

function entries(): Entry[] {
  const sources = fs.readFileSync(path.join(CORPUS, 'SOURCES.md'), 'utf8');
  const out: Entry[] = [];
  for (const line of sources.split('\n')) {
    const m = /^\| `([^`]+)` \|(?:[^|]*\|){4} (real|test-fixture|parser-test|parser-negative) \|/.exec(line);
    if (m) out.push({ file: m[1]!, kind: m[2]! });
  }
  return out;
}

describe('BuildKit checks on the corpus', function () {
  this.timeout(60000);
  before(function () {
    if (!fs.existsSync(path.join(CORPUS, 'SOURCES.md'))) {
      console.log(`    (skipped: corpus not found at ${CORPUS})`);
      this.skip();
    }
  });

  it('never throws, and files that build get no error-level BuildKit finding', () => {
    const list = entries();
    assert.ok(list.length >= 127, `expected the corpus table, found ${list.length} rows`);
    const service = createLanguageService({ files: nodeFiles });
    const errors: string[] = [];
    let buildable = 0;
    let findings = 0;
    for (const { file, kind } of list) {
      const fsPath = path.join(CORPUS, file);
      const text = fs.readFileSync(fsPath, 'utf8');
      const results = service.dockerfileResults(doc(text, pathToFileURL(fsPath).toString()), { fsPath }).filter((r) => r.rule.family === 'buildkit');
      // Every quick fix must be computable too.
      const model = service.dockerfileModel(doc(text, pathToFileURL(fsPath).toString()));
      for (const r of results) r.rule.fix?.(model, r.finding);
      findings += results.length;
      if (kind !== 'real' && kind !== 'test-fixture') continue;
      buildable++;
      for (const r of results) {
        if (r.level === 'error') errors.push(`${file}:${r.finding.range.start.line + 1} ${r.rule.id}`);
        assert.notStrictEqual(r.rule.id, 'dockerfile/copy-ignored-file', `${file}: no .dockerignore in the corpus`);
      }
    }
    assert.strictEqual(buildable, 127);
    assert.ok(findings > 0, 'the checks ran (the corpus has known legacy ENV forms)');
    assert.deepStrictEqual(errors, []);
  });
});
