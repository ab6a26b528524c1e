import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service';
import { nodeFiles } from '../../server/src/server';
import { doc, SHARED } from '../util/text';

/**
 * The real-world Compose corpus (`../shared/corpus/compose/`, see its SOURCES.md): every file parses
 * and every feature answers without throwing; files SOURCES.md lists as valid get no error-level
 * finding; each intentionally invalid file gets the error it was written for.
 */
const CORPUS = path.join(SHARED, 'corpus', 'compose');

/** Intentionally invalid files (SOURCES.md) and the rule that must report their error. */
const INVALID: Record<string, string[]> = {
  'compose/pkg__e2e__fixtures__wrong-composefile__compose.yaml': ['compose/unknown-key'],
  'compose/pkg__e2e__fixtures__build-test__platforms__compose-service-platform-not-in-build-platforms.yaml': ['compose/platform-not-in-build-platforms'],
  'compose-go/loader__testdata__compose-depends-on-cycle.yaml': ['compose/dependency-cycle'],
  // `nil:` is an empty service; `with-port` only makes sense when extended from another file.
  'compose-go/loader__testdata__extends__base.yaml': ['compose/invalid-type', 'compose/missing-image-or-build'],
};

/**
 * compose-go fixtures that SOURCES.md does not flag, but that `docker compose config` rejects too:
 * compose-go's own tests load them with the consistency checks switched off (schema tests only).
 * Every error we report on them is a real one; this table pins them so a regression shows.
 */
const CONSISTENCY_INVALID: Record<string, string[]> = {
  // depends_on/links to services `db`/`redis` that the file does not define, network_mode + networks,
  // `container_name` with 6 replicas, an undeclared network and an undeclared volume.
  'compose-go/loader__full-example.yaml': ['compose/container-name-with-replicas', 'compose/network-mode-with-networks', 'compose/undefined-network', 'compose/undefined-service', 'compose/undefined-volume'],
  // Its service joins `some-network` and `other-network`, which are not declared (the file only declares `network`).
  'compose-go/schema__using-variables.yaml': ['compose/undefined-network'],
};

function corpusFiles(): string[] {
  const out: string[] = [];
  for (const dir of fs.readdirSync(CORPUS, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const f of fs.readdirSync(path.join(CORPUS, dir.name))) if (/\.ya?ml$/.test(f)) out.push(`${dir.name}/${f}`);
  }
  return out.sort();
}

describe('compose corpus', function () {
  before(function () {
    if (!fs.existsSync(CORPUS)) {
      console.log(`      (skipped: ${CORPUS} is absent)`);
      this.skip();
    }
  });

  it('lists every file SOURCES.md names as invalid', () => {
    for (const f of [...Object.keys(INVALID), ...Object.keys(CONSISTENCY_INVALID)]) assert.ok(fs.existsSync(path.join(CORPUS, f)), f);
  });

  it('has no error-level finding on valid files, and exactly the expected errors on invalid ones', () => {
    const service = createLanguageService({ files: nodeFiles });
    const files = corpusFiles();
    assert.ok(files.length >= 50, `only ${files.length} corpus files`);
    const problems: string[] = [];
    for (const rel of files) {
      const fsPath = path.join(CORPUS, rel);
      const text = fs.readFileSync(fsPath, 'utf8');
      const d = doc(text, pathToFileURL(fsPath).toString(), 'dockercompose');
      const errors = service.validate(d, 'compose', { fsPath }).filter((x) => x.severity === DiagnosticSeverity.Error);
      const got = [...new Set(errors.map((e) => String(e.code)))].sort();
      const want = INVALID[rel] ?? CONSISTENCY_INVALID[rel] ?? [];
      if (JSON.stringify(got) !== JSON.stringify([...want].sort())) {
        problems.push(`${rel}: expected [${want.join(', ')}], got:\n${errors.map((e) => `  ${e.range.start.line + 1}:${e.range.start.character + 1} ${String(e.code)} ${String(e.message)}`).join('\n')}`);
      }
    }
    assert.deepStrictEqual(problems, []);
  });

  it('answers hover, completion, symbols and navigation everywhere without throwing', () => {
    const service = createLanguageService({ files: nodeFiles });
    for (const rel of corpusFiles()) {
      const text = fs.readFileSync(path.join(CORPUS, rel), 'utf8');
      const d = doc(text, `file:///corpus/${rel}`, 'dockercompose');
      const lines = text.split('\n');
      service.documentSymbols(d, 'compose');
      // Every line, at the first non-blank character and in the middle: enough to cross keys, values and references.
      lines.forEach((line, i) => {
        const first = line.search(/\S/);
        if (first < 0) return;
        for (const character of [first, Math.floor((first + line.length) / 2)]) {
          const position = { line: i, character };
          assert.doesNotThrow(() => {
            service.hover(d, 'compose', position);
            service.completion(d, 'compose', position);
            service.definition(d, 'compose', position);
            service.references(d, 'compose', position, true);
            service.prepareRename(d, 'compose', position);
          }, `${rel}:${i + 1}:${character + 1}`);
        }
      });
    }
  });
});
