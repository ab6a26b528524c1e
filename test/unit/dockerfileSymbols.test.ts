import * as assert from 'assert';
import type { DocumentSymbol, Range } from 'vscode-languageserver-types';
import { FoldingRangeKind, SymbolKind, SymbolTag } from 'vscode-languageserver-types';
import { parseDockerfile } from '../../server/src/service/dockerfile/model';
import { dockerfileDocumentSymbols, dockerfileFoldingRanges } from '../../server/src/service/dockerfile/symbols';
import { createLanguageService } from '../../server/src/service';
import { doc } from '../util/text';
import type { DockerfileModel } from '../../server/src/service/dockerfile/model';
import { setSwallowedErrorSink } from '../../server/src/service/dockerfile/swallowed';
import { dockerfileCompletion } from '../../server/src/service/dockerfile/completion';
import { dockerfileReferences } from '../../server/src/service/dockerfile/navigation';

const FILE = [
  '# syntax=docker/dockerfile:1',          // 0
  'ARG NODE=22',                           // 1
  'FROM node:${NODE} AS build',            // 2
  'WORKDIR /app',                          // 3
  '# install the dependencies first,',     // 4
  '# so the layer stays cached',           // 5
  'RUN --mount=type=cache,target=/root/.npm \\', // 6
  '    npm ci',                            // 7
  'COPY <<EOF /app/config.json',           // 8
  '{"a": 1}',                              // 9
  'EOF',                                   // 10
  '',                                      // 11
  'FROM gcr.io/distroless/nodejs22',       // 12
  'MAINTAINER someone',                    // 13
  'COPY --from=build /app /app',           // 14
  'CMD ["index.js"]',                      // 15
].join('\n');

const inside = (inner: Range, outer: Range): boolean =>
  (inner.start.line > outer.start.line || (inner.start.line === outer.start.line && inner.start.character >= outer.start.character))
  && (inner.end.line < outer.end.line || (inner.end.line === outer.end.line && inner.end.character <= outer.end.character));

describe('dockerfileDocumentSymbols', () => {
  const model = parseDockerfile(FILE);
  const symbols = dockerfileDocumentSymbols(model);
  const names = (list: readonly DocumentSymbol[] | undefined) => (list ?? []).map((s) => s.name);

  it('puts directives, global ARGs and stages at the top level', () => {
    assert.deepStrictEqual(names(symbols), ['# syntax', 'ARG NODE=22', 'build', 'stage 1']);
    assert.strictEqual(symbols[0]!.detail, 'docker/dockerfile:1');
    assert.strictEqual(symbols[1]!.kind, SymbolKind.Variable);
  });

  it('a stage shows its base image and holds its instructions', () => {
    const build = symbols[2]!;
    assert.strictEqual(build.detail, 'node:${NODE} (node:22)');
    assert.strictEqual(build.kind, SymbolKind.Class);
    assert.deepStrictEqual(names(build.children), ['WORKDIR /app', 'RUN --mount=type=cache,target=/root/.npm …', 'COPY <<EOF /app/config.json …']);
    assert.deepStrictEqual(build.children!.map((c) => c.kind), [SymbolKind.Package, SymbolKind.Function, SymbolKind.File]);
    assert.deepStrictEqual(build.range, { start: { line: 2, character: 0 }, end: { line: 10, character: 3 } });
    assert.deepStrictEqual(build.selectionRange, { start: { line: 2, character: 21 }, end: { line: 2, character: 26 } });
  });

  it('an unnamed stage is named by its index, as --from=<index> refers to it', () => {
    const s = symbols[3]!;
    assert.strictEqual(s.detail, 'gcr.io/distroless/nodejs22');
    assert.deepStrictEqual(names(s.children), ['MAINTAINER someone', 'COPY --from=build /app /app', 'CMD ["index.js"]']);
    assert.deepStrictEqual(s.children![0]!.tags, [SymbolTag.Deprecated]);
  });

  it('every selectionRange lies inside its range and every child inside its parent', () => {
    const walk = (list: readonly DocumentSymbol[], parent?: DocumentSymbol): void => {
      for (const s of list) {
        assert.ok(s.name.length > 0);
        assert.ok(inside(s.selectionRange, s.range), `${s.name}: selectionRange outside range`);
        if (parent) assert.ok(inside(s.range, parent.range), `${s.name} outside ${parent.name}`);
        walk(s.children ?? [], s);
      }
    };
    walk(symbols);
  });

  it('shows the base image as written when a variable in it has no default', () => {
    const [, stage] = dockerfileDocumentSymbols(parseDockerfile('ARG TAG\nFROM node:$TAG'));
    assert.strictEqual(stage!.detail, 'node:$TAG');
  });

  it('clips long arguments', () => {
    const [s] = dockerfileDocumentSymbols(parseDockerfile(`FROM a\nRUN ${'x'.repeat(200)}`))[0]!.children!;
    assert.ok(s!.name.length <= 45 && s!.name.endsWith('…'), s!.name);
  });

  it('is empty for an empty file and wired into the facade', () => {
    assert.deepStrictEqual(dockerfileDocumentSymbols(parseDockerfile('')), []);
    assert.deepStrictEqual(names(createLanguageService().documentSymbols(doc(FILE), 'dockerfile')), names(symbols));
  });
});

describe('dockerfileFoldingRanges', () => {
  const rows: readonly { name: string; text: string; folds: readonly string[] }[] = [
    {
      name: 'stages, a multi-line RUN, a heredoc and a comment block',
      text: FILE,
      // startLine-endLine[:kind]
      folds: ['2-10', '4-5:comment', '6-7', '8-10', '12-15'],
    },
    { name: 'a single comment line does not fold', text: 'FROM a\n# one\nRUN x', folds: ['0-2'] },
    { name: 'a one-line stage does not fold', text: 'FROM a\nFROM b', folds: [] },
    {
      name: 'two heredocs in one RUN fold separately',
      text: 'FROM a\nRUN <<A <<B\na\nA\nb\nB',
      folds: ['0-5', '1-5', '3-5'],
    },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const folds = dockerfileFoldingRanges(parseDockerfile(row.text)).map((f) => `${f.startLine}-${f.endLine}${f.kind ? ':' + f.kind : ''}`);
      assert.deepStrictEqual(folds, row.folds);
    });
  }

  it('marks comment folds with the comment kind and is wired into the facade', () => {
    const folds = createLanguageService().foldingRanges(doc(FILE), 'dockerfile');
    assert.ok(folds.some((f) => f.kind === FoldingRangeKind.Comment));
    assert.deepStrictEqual(createLanguageService().foldingRanges(doc('services: {}', 'file:///c/compose.yaml', 'dockercompose'), 'compose'), []);
  });
});

describe('editing features on a model they cannot read', () => {
  it('answer empty and report what they caught to the error sink', () => {
    const caught: unknown[] = [];
    setSwallowedErrorSink((e) => caught.push(e));
    try {
      const broken = { directives: null, instructions: null } as unknown as DockerfileModel;
      assert.deepStrictEqual(dockerfileDocumentSymbols(broken), []);
      assert.deepStrictEqual(dockerfileFoldingRanges(broken), []);
      assert.deepStrictEqual(dockerfileCompletion(broken, { line: 0, character: 0 }).items, []);
      assert.deepStrictEqual(dockerfileReferences(broken, { line: 0, character: 0 }, true), []);
      assert.strictEqual(caught.length, 4);
    } finally {
      setSwallowedErrorSink(undefined);
    }
  });
});
