import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { DocumentSymbol, Position, Range } from 'vscode-languageserver-types';
import { dockerfileCompletion } from '../../server/src/service/dockerfile/completion';
import type { DockerfileModel } from '../../server/src/service/dockerfile/model';
import { parseDockerfile } from '../../server/src/service/dockerfile/model';
import {
  dockerfileDefinition, dockerfileDocumentHighlight, dockerfilePrepareRename, dockerfileReferences, dockerfileRename,
} from '../../server/src/service/dockerfile/navigation';
import { dockerfileDocumentSymbols, dockerfileFoldingRanges } from '../../server/src/service/dockerfile/symbols';
import { setSwallowedErrorSink } from '../../server/src/service/dockerfile/swallowed';
import { filesUnder, SHARED } from '../util/text';

const CORPUS = path.join(SHARED, 'corpus', 'dockerfile');

function files(dir: string): string[] {
  return filesUnder(dir, (name) => name !== 'SOURCES.md');
}

/** Asserts the range lies inside the document (lines and characters within their line). */
function inDoc(model: DockerfileModel, r: Range, what: string): void {
  for (const p of [r.start, r.end]) {
    assert.ok(p.line >= 0 && p.line < model.document.lineCount, `${what}: line ${p.line} outside the document`);
    assert.ok(p.character >= 0 && p.character <= model.lineText(p.line).length, `${what}: ${p.line}:${p.character} past the line end`);
  }
  assert.ok(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character), `${what}: inverted range`);
}

describe('Dockerfile editing features on the corpus (every position)', function () {
  const present = fs.existsSync(path.join(CORPUS, 'SOURCES.md'));
  // The features answer empty rather than throw; an error they caught is still a bug.
  let errors: string[] = [];
  beforeEach(() => {
    errors = [];
    setSwallowedErrorSink((err) => errors.push(err instanceof Error ? err.stack ?? err.message : String(err)));
  });
  afterEach(() => setSwallowedErrorSink(undefined));

  it('completion, outline, folding and navigation never throw and stay inside the document', function () {
    this.timeout(300_000); // ~480k positions; a few seconds of CPU, longer on a loaded machine
    if (!present) {
      this.skip(); // the shared corpus (../shared/corpus/dockerfile) is not available here
    }
    const all = files(CORPUS);
    assert.ok(all.length >= 100, `only ${all.length} corpus files`);
    let positions = 0;
    for (const file of all) {
      const name = path.relative(CORPUS, file);
      const model = parseDockerfile(fs.readFileSync(file, 'utf8'), 'file:///corpus/' + name);

      const walk = (list: readonly DocumentSymbol[]): void => {
        for (const s of list) {
          assert.ok(s.name.length > 0, `${name}: empty symbol name`);
          inDoc(model, s.range, `${name} symbol ${s.name}`);
          inDoc(model, s.selectionRange, `${name} symbol ${s.name} selection`);
          walk(s.children ?? []);
        }
      };
      walk(dockerfileDocumentSymbols(model));
      for (const f of dockerfileFoldingRanges(model)) {
        assert.ok(f.startLine < f.endLine && f.endLine < model.document.lineCount, `${name}: fold ${f.startLine}-${f.endLine}`);
      }

      for (let line = 0; line < model.document.lineCount; line++) {
        const length = model.lineText(line).length;
        for (let character = 0; character <= length; character++) {
          const pos: Position = { line, character };
          const where = `${name} ${line + 1}:${character + 1}`;
          positions++;
          for (const item of dockerfileCompletion(model, pos).items) {
            const edit = item.textEdit;
            assert.ok(edit && 'range' in edit, `${where}: completion item without a text edit`);
            inDoc(model, edit.range, `${where} completion ${item.label}`);
            assert.ok(edit.range.start.line === line && edit.range.start.character <= character && edit.range.end.character >= character, `${where}: edit range must cover the caret`);
          }
          const refs = dockerfileReferences(model, pos, true);
          if (refs.length === 0) continue; // no symbol here: definition/rename look up the same index
          for (const l of [...refs, ...dockerfileDefinition(model, pos)]) inDoc(model, l.range, `${where} reference`);
          for (const h of dockerfileDocumentHighlight(model, pos)) inDoc(model, h.range, `${where} highlight`);
          const prepared = dockerfilePrepareRename(model, pos);
          if (prepared) {
            inDoc(model, prepared, `${where} prepareRename`);
            const edit = dockerfileRename(model, pos, 'renamed_x');
            for (const e of edit?.changes?.[model.uri] ?? []) inDoc(model, e.range, `${where} rename`);
          }
        }
      }
    }
    assert.ok(positions > 100000, `only ${positions} positions checked`);
    assert.deepStrictEqual(errors.slice(0, 3), [], `${errors.length} errors caught inside the features`);
  });

  it('stays inside the document on broken files (each corpus file cut at three points)', function () {
    if (!present) {
      this.skip(); // the shared corpus (../shared/corpus/dockerfile) is not available here
    }
    this.timeout(300_000);
    for (const file of files(CORPUS)) {
      const full = fs.readFileSync(file, 'utf8');
      for (const cut of [0.31, 0.5, 0.87]) {
        const name = `${path.relative(CORPUS, file)} cut at ${cut}`;
        const model = parseDockerfile(full.slice(0, Math.floor(full.length * cut)));
        for (const s of dockerfileDocumentSymbols(model)) inDoc(model, s.range, `${name} symbol ${s.name}`);
        for (const f of dockerfileFoldingRanges(model)) assert.ok(f.endLine < model.document.lineCount, `${name}: fold past the end`);
        const last = model.document.positionAt(model.text.length);
        for (const pos of [last, { line: last.line, character: 0 }]) {
          for (const item of dockerfileCompletion(model, pos).items) {
            const edit = item.textEdit;
            assert.ok(edit && 'range' in edit);
            inDoc(model, edit.range, `${name} completion ${item.label}`);
          }
          for (const l of dockerfileReferences(model, pos, true)) inDoc(model, l.range, `${name} reference`);
        }
      }
    }
    assert.deepStrictEqual(errors.slice(0, 3), [], `${errors.length} errors caught inside the features`);
  });
});
