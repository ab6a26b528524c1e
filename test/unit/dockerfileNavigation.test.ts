import * as assert from 'assert';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import { DocumentHighlightKind } from 'vscode-languageserver-types';
import { parseDockerfile } from '../../server/src/service/dockerfile/model';
import {
  dockerfileDefinition, dockerfileDocumentHighlight, dockerfilePrepareRename, dockerfileReferences, dockerfileRename,
} from '../../server/src/service/dockerfile/navigation';
import { createLanguageService } from '../../server/src/service';
import { applyEdits, caret, doc } from '../util/text';
import { syntheticDockerfile } from '../bench/hoverBench';

function setup(source: string) {
  const { text, position } = caret(source);
  const model = parseDockerfile(text);
  const slice = (r: Range) => `${r.start.line}:${text.slice(model.document.offsetAt(r.start), model.document.offsetAt(r.end))}`;
  return { text, position, model, slice };
}

interface Row {
  readonly src: string;
  /** `line:text` of the definition, or undefined for none. */
  readonly definition?: string;
  /** `line:text` of every reference (declaration included), in document order. */
  readonly references: readonly string[];
}

const rows: readonly Row[] = [
  // Stage names
  { src: 'FROM a AS build\nFROM b\nCOPY --from=bu|ild /x /y', definition: '0:build', references: ['0:build', '2:build'] },
  { src: 'FROM a AS bu|ild\nFROM build AS t\nCOPY --from=build /x /y\nRUN --mount=type=bind,from=build,target=/s ls', definition: '0:build', references: ['0:build', '1:build', '2:build', '3:build'] },
  // BuildKit matches stage names case-insensitively.
  { src: 'FROM a AS Build\nFROM b\nCOPY --from=BU|ILD /x /y', definition: '0:Build', references: ['0:Build', '2:BUILD'] },
  // A later stage is not a stage reference in FROM or --from.
  { src: 'FROM la|ter\nFROM a AS later', references: [] },
  { src: 'FROM a AS one\nCOPY --from=o|ne /x /y', references: [] },
  // A numeric reference leads to the stage.
  { src: 'FROM a AS one\nFROM b\nCOPY --from=|0 /x /y', definition: '0:one', references: ['0:one', '2:0'] },
  { src: 'FROM a\nFROM b\nCOPY --from=|0 /x /y', definition: '0:FROM a', references: ['2:0'] },
  // Variables, stage-scoped
  { src: 'FROM a\nENV APP=/app\nWORKDIR $A|PP\nRUN cd ${APP}/x', definition: '1:APP', references: ['1:APP', '2:APP', '3:APP'] },
  { src: 'FROM a\nENV A|PP=/app\nRUN echo $APP\nFROM b\nENV APP=/other\nRUN echo $APP', definition: '1:APP', references: ['1:APP', '2:APP'] },
  // Every declaration of a name in a stage is one variable.
  { src: 'FROM a\nENV PATH=/a\nENV PATH=$PATH:/b\nRUN echo $PA|TH', definition: '2:PATH', references: ['1:PATH', '2:PATH', '2:PATH', '3:PATH'] },
  // A global ARG: its FROM-line uses and the stages that re-declare it.
  {
    src: 'ARG V|ER=1\nFROM img:$VER\nARG VER\nRUN echo $VER\nFROM other\nRUN echo $VER',
    definition: '0:VER',
    references: ['0:VER', '1:VER', '2:VER', '3:VER'],
  },
  { src: 'ARG VER=1\nFROM img\nARG V|ER\nRUN echo $VER', definition: '0:VER', references: ['0:VER', '2:VER', '3:VER'] },
  // A stage built from another continues its variables.
  { src: 'FROM a AS base\nARG X=1\nFROM base\nRUN echo $|X', definition: '1:X', references: ['1:X', '3:X'] },
  // Undeclared and predefined names have no symbol.
  { src: 'FROM a\nRUN echo $NO|PE', references: [] },
  { src: 'FROM a\nRUN echo $HTTP_PR|OXY', references: [] },
  // Heredoc delimiters
  { src: 'FROM a\nRUN <<E|OF\necho hi\nEOF', definition: '1:EOF', references: ['1:EOF', '3:EOF'] },
  { src: 'FROM a\nRUN <<-"EOF"\necho hi\nE|OF', definition: '1:EOF', references: ['1:EOF', '3:EOF'] },
  // Nothing at the caret
  { src: 'FROM a\nR|UN echo', references: [] },
];

describe('dockerfileNavigation', () => {
  for (const row of rows) {
    it(JSON.stringify(row.src), () => {
      const { model, position, slice } = setup(row.src);
      const defs = dockerfileDefinition(model, position).map((l) => slice(l.range));
      assert.deepStrictEqual(defs, row.definition === undefined ? [] : [row.definition]);
      assert.deepStrictEqual(dockerfileReferences(model, position, true).map((l) => slice(l.range)), row.references);
      const highlights = dockerfileDocumentHighlight(model, position);
      assert.deepStrictEqual(highlights.map((h) => slice(h.range)), row.references);
    });
  }

  it('references without the declaration leave the declarations out', () => {
    const { model, position, slice } = setup('FROM a AS b|uild\nFROM b\nCOPY --from=build /x /y');
    assert.deepStrictEqual(dockerfileReferences(model, position, false).map((l) => slice(l.range)), ['2:build']);
  });

  it('highlights declarations as writes and uses as reads', () => {
    const { model, position } = setup('FROM a\nENV X=1\nRUN echo $|X');
    assert.deepStrictEqual(dockerfileDocumentHighlight(model, position).map((h) => h.kind), [DocumentHighlightKind.Write, DocumentHighlightKind.Read]);
  });

  const renames: readonly { src: string; to: string; expected: string | null; prepared?: string }[] = [
    { src: 'FROM a AS build\nFROM b\nCOPY --from=BUI|LD /x /y\nRUN --mount=from=build,target=/s ls', to: 'compile', prepared: 'BUILD', expected: 'FROM a AS compile\nFROM b\nCOPY --from=compile /x /y\nRUN --mount=from=compile,target=/s ls' },
    // Numeric references stay: they still point at the same stage.
    { src: 'FROM a AS bu|ild\nFROM b\nCOPY --from=0 /x /y', to: 'compile', expected: 'FROM a AS compile\nFROM b\nCOPY --from=0 /x /y' },
    { src: 'FROM a\nFROM b\nCOPY --from=|0 /x /y', to: 'compile', expected: null },
    { src: 'ARG VER=1\nFROM img:${VER}\nARG VER\nRUN echo $V|ER', to: 'VERSION', prepared: 'VER', expected: 'ARG VERSION=1\nFROM img:${VERSION}\nARG VERSION\nRUN echo $VERSION' },
    { src: 'FROM a\nRUN <<EO|F\necho hi\nEOF', to: 'SCRIPT', expected: 'FROM a\nRUN <<SCRIPT\necho hi\nSCRIPT' },
    // Names that would not parse are refused.
    { src: 'FROM a AS bu|ild', to: '1st stage', expected: null },
    { src: 'FROM a\nENV X|=1', to: 'A-B', expected: null },
    { src: 'FROM a\nR|UN x', to: 'Y', expected: null },
  ];
  for (const r of renames) {
    it(`rename ${JSON.stringify(r.src)} -> ${r.to}`, () => {
      const { model, position, text, slice } = setup(r.src);
      const edit = dockerfileRename(model, position, r.to);
      if (r.expected === null) {
        assert.strictEqual(edit, null);
        return;
      }
      assert.ok(edit?.changes);
      const edits: TextEdit[] = edit.changes[model.uri]!;
      assert.strictEqual(applyEdits(text, edits), r.expected);
      if (r.prepared) assert.strictEqual(slice(dockerfilePrepareRename(model, position)!).split(':')[1], r.prepared);
    });
  }

  it('prepareRename is null where there is nothing to rename', () => {
    for (const src of ['FROM a\nR|UN x', 'FROM a\nRUN echo $UND|EF', 'FROM a\nFROM |b', '|']) {
      const { model, position } = setup(src);
      assert.strictEqual(dockerfilePrepareRename(model, position), null, src);
    }
  });

  it('is wired into the facade and never throws on odd positions', () => {
    const { text, position } = caret('FROM a AS b\nCOPY --from=|b /x /y');
    const ls = createLanguageService();
    const d = doc(text.replace('COPY', 'FROM c\nCOPY'));
    assert.strictEqual(ls.definition(d, 'dockerfile', { line: position.line + 1, character: position.character }).length, 1);
    const model = parseDockerfile('FROM a AS b\nCOPY --from=b x y');
    for (const p of [{ line: -1, character: 0 }, { line: 50, character: 3 }, { line: 0, character: 1e6 }]) {
      assert.deepStrictEqual(dockerfileDefinition(model, p), []);
      assert.deepStrictEqual(dockerfileReferences(model, p, true), []);
      assert.strictEqual(dockerfileRename(model, p, 'x'), null);
    }
  });

  it('answers on the 5,000-line bench file: every COPY --from leads to the stage before', function () {
    this.timeout(60000);
    // Speed is measured by test/bench/editingBench.ts; this checks the answers on the same input.
    const model = parseDockerfile(syntheticDockerfile(5000));
    let checked = 0;
    for (const stage of model.stages) {
      if (stage.index === 0) continue;
      const copy = stage.instructions.find((i) => i.keyword === 'COPY')!;
      const value = copy.flag('from')!.getValueRange()!;
      const defs = dockerfileDefinition(model, value.start);
      assert.deepStrictEqual(defs.map((d) => d.range), [model.stages[stage.index - 1]!.nameRange], `stage ${stage.index}`);
      // APP_HOME: its ENV, the RUN line and the heredoc body, in this stage only.
      const env = stage.instructions.find((i) => i.keyword === 'ENV')!;
      assert.strictEqual(dockerfileReferences(model, env.args[0]!.getRange().start, true).length, 3, `stage ${stage.index}`);
      checked++;
    }
    assert.ok(checked > 300);
  });
});
