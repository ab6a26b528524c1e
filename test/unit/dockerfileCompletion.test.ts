import * as assert from 'assert';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { InsertTextFormat } from 'vscode-languageserver-types';
import { dockerfileCompletion } from '../../server/src/service/dockerfile/completion';
import { parseDockerfile } from '../../server/src/service/dockerfile/model';
import { createLanguageService } from '../../server/src/service';
import { caret, doc } from '../util/text';

function complete(source: string): { items: CompletionItem[]; text: string } {
  const { text, position } = caret(source);
  return { items: dockerfileCompletion(parseDockerfile(text), position).items, text };
}

interface Row {
  readonly src: string;
  /** Labels that must be offered. */
  readonly has: readonly string[];
  /** Labels that must not be offered. */
  readonly not?: readonly string[];
  /** When set, the list must be exactly these labels (order ignored). */
  readonly exactly?: boolean;
  /** Text the first `has` item's edit replaces. */
  readonly replaces?: string;
}

function check(rows: readonly Row[]): void {
  for (const row of rows) {
    it(JSON.stringify(row.src), () => {
      const { items, text } = complete(row.src);
      const labels = items.map((i) => i.label);
      for (const l of row.has) assert.ok(labels.includes(l), `missing ${l} in [${labels.join(', ')}]`);
      for (const l of row.not ?? []) assert.ok(!labels.includes(l), `unexpected ${l} in [${labels.join(', ')}]`);
      if (row.exactly) assert.deepStrictEqual([...labels].sort(), [...row.has].sort());
      if (row.replaces !== undefined) {
        const first = items.find((i) => i.label === row.has[0])!;
        const edit = first.textEdit as TextEdit;
        const m = parseDockerfile(text);
        assert.strictEqual(text.slice(m.document.offsetAt(edit.range.start), m.document.offsetAt(edit.range.end)), row.replaces);
      }
    });
  }
}

describe('dockerfileCompletion', () => {
  describe('instruction keywords', () => check([
    { src: '|', has: ['FROM', 'ARG', 'RUN'], replaces: '' },
    { src: 'FR|', has: ['FROM'], replaces: 'FR' },
    { src: 'fr|om alpine', has: ['FROM'], replaces: 'from' },
    { src: 'FROM alpine\n|', has: ['RUN', 'COPY', 'HEALTHCHECK', 'ONBUILD'] },
    { src: 'FROM alpine\n  ru|', has: ['RUN'], replaces: 'ru' },
    { src: 'FROM alpine\nONBUILD |', has: ['RUN', 'COPY'], not: ['FROM', 'ONBUILD', 'MAINTAINER'] },
    { src: 'FROM alpine\nONBUILD RU|', has: ['RUN'], not: ['ONBUILD'], replaces: 'RU' },
    // A continuation line belongs to the RUN: no keywords there.
    { src: 'FROM alpine\nRUN apt-get update && \\\n  |', has: [], not: ['RUN', 'FROM'] },
    { src: 'FROM alpine\nRUN ech|', has: [], not: ['RUN'] },
  ]));

  it('keyword items carry the hover summary and snippets use placeholders', () => {
    const { items } = complete('|');
    const from = items.find((i) => i.label === 'FROM')!;
    assert.ok(from.detail && from.detail.length > 10, 'FROM has a detail from the docs');
    const snippet = items.find((i) => i.label === 'FROM image:tag AS name')!;
    assert.strictEqual(snippet.insertTextFormat, InsertTextFormat.Snippet);
    assert.strictEqual((snippet.textEdit as TextEdit).newText, 'FROM ${1:image}:${2:tag} AS ${3:name}');
  });

  it('does not double the space when re-typing the keyword of an existing line', () => {
    const newText = (src: string) => (complete(src).items.find((i) => i.label === 'RUN')!.textEdit as TextEdit).newText;
    assert.strictEqual(newText('FROM a\nRU| echo'), 'RUN');
    assert.strictEqual(newText('FROM a\nRU|'), 'RUN ');
  });

  describe('an item replaces the whole token the caret is in', () => check([
    { src: 'FROM a\nRUN --mount=type=ca|che,target=/x ls', has: ['cache'], replaces: 'cache' },
    { src: 'FROM a\nRUN --mount=type=cache,shar|ing=locked ls', has: ['sharing'], replaces: 'sharing' },
    { src: 'FROM a\nRUN --net|work=none ls', has: ['--network'], replaces: '--network' },
    { src: 'FROM a AS one\nFROM b\nCOPY --from=o|ne /x /y', has: ['one'], replaces: 'one' },
    { src: '# check=skip=JSON|ArgsRecommended;error=true', has: ['JSONArgsRecommended'], replaces: 'JSONArgsRecommended' },
  ]));

  it('does not add a second = when the flag already has one', () => {
    const edit = (src: string, label: string) => (complete(src).items.find((i) => i.label === label)!.textEdit as TextEdit).newText;
    assert.strictEqual(edit('FROM a\nRUN --net|work=none ls', '--network'), '--network');
    assert.strictEqual(edit('FROM a\nRUN --|', '--network'), '--network=');
    assert.strictEqual(edit('FROM a\nRUN --mount=type=cache,shar|ing=locked ls', 'sharing'), 'sharing');
  });

  it('ranks FROM and ARG first before the first stage', () => {
    const { items } = complete('|\nFROM alpine');
    const sorted = [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
    assert.deepStrictEqual(sorted.slice(0, 2).map((i) => i.label).sort(), ['ARG', 'FROM']);
  });

  describe('flags', () => check([
    { src: 'FROM a\nCOPY --|', has: ['--from', '--chown', '--chmod', '--link', '--parents', '--exclude'], exactly: true, replaces: '--' },
    { src: 'FROM a\nCOPY --li| x y', has: ['--link'], replaces: '--li' },
    { src: 'FROM a\nADD --|', has: ['--checksum', '--unpack', '--keep-git-dir'], not: ['--from'] },
    { src: '--|', has: [] },
    { src: 'FROM --|', has: ['--platform'], exactly: true },
    { src: 'FROM a\nRUN --|', has: ['--mount', '--network', '--security', '--device'], exactly: true },
    // Not repeatable: offered once.
    { src: 'FROM a\nRUN --network=none --|', has: ['--mount', '--security', '--device'], not: ['--network'] },
    // Repeatable: offered again.
    { src: 'FROM a\nRUN --mount=type=cache,target=/x --|', has: ['--mount'] },
    // After the first argument, flags no longer parse.
    { src: 'FROM a\nCOPY src --|', has: [], not: ['--from'] },
    { src: 'FROM a\nRUN \\\n  --|', has: ['--mount'] },
    { src: 'FROM a\nHEALTHCHECK --|', has: ['--interval', '--timeout', '--start-period', '--start-interval', '--retries'], exactly: true },
    { src: 'FROM a\nWORKDIR --|', has: [] },
  ]));

  describe('flag values', () => check([
    { src: 'FROM a\nRUN --network=|', has: ['default', 'none', 'host'], exactly: true },
    { src: 'FROM a\nRUN --network=h|', has: ['host'], replaces: 'h' },
    { src: 'FROM a\nRUN --security=|', has: ['sandbox', 'insecure'], exactly: true },
    { src: 'FROM a\nCOPY --link=|', has: ['true', 'false'], exactly: true },
    { src: 'FROM --platform=|', has: ['$BUILDPLATFORM', 'linux/amd64'] },
    { src: 'FROM a\nHEALTHCHECK --interval=30s |', has: ['CMD', 'NONE', '--timeout'], not: ['--interval'] },
    { src: 'FROM a\nHEALTHCHECK |', has: ['CMD', 'NONE', '--interval'] },
    { src: 'FROM a\nHEALTHCHECK CMD |', has: [], not: ['CMD'] },
    { src: 'FROM alpine |', has: ['AS'] },
  ]));

  describe('--mount', () => check([
    { src: 'FROM a\nRUN --mount=|', has: ['type', 'target', 'source', 'from', 'readonly'], not: ['sharing', 'required', 'size'] },
    { src: 'FROM a\nRUN --mount=type=|', has: ['bind', 'cache', 'tmpfs', 'secret', 'ssh'], exactly: true },
    { src: 'FROM a\nRUN --mount=type=c|', has: ['cache'], replaces: 'c' },
    { src: 'FROM a\nRUN --mount=type=cache,|', has: ['target', 'sharing', 'id', 'mode', 'uid'], not: ['type', 'required', 'size'] },
    { src: 'FROM a\nRUN --mount=type=cache,target=/x,|', has: ['sharing'], not: ['target', 'type'] },
    { src: 'FROM a\nRUN --mount=type=cache,sharing=|', has: ['shared', 'private', 'locked'], exactly: true },
    { src: 'FROM a\nRUN --mount=type=secret,|', has: ['id', 'required', 'env'], not: ['sharing', 'size'] },
    { src: 'FROM a\nRUN --mount=type=tmpfs,|', has: ['size', 'target'], not: ['source', 'sharing'] },
  ]));

  describe('stage names: earlier stages only', () => check([
    { src: 'FROM a AS one\nFROM b AS two\nCOPY --from=| x y\nFROM c AS three', has: ['one'], not: ['two', 'three'], exactly: true },
    { src: 'FROM a AS one\nFROM b\nFROM c AS three\nCOPY --from=|', has: ['one', '1'], not: ['three'] },
    { src: 'FROM a AS one\nFROM b AS two\nRUN --mount=from=|', has: ['one'], not: ['two'] },
    { src: 'FROM a AS one\nFROM b AS two\nRUN --mount=type=cache,from=o|', has: ['one'], replaces: 'o' },
    { src: 'FROM a AS one\nFROM |\nFROM c AS later', has: ['one'], not: ['later'] },
    { src: 'FROM |', has: [] },
  ]));

  describe('variables', () => check([
    { src: 'ARG BASE=alpine\nFROM $|', has: ['BASE', 'TARGETPLATFORM'], replaces: '' },
    { src: 'ARG BASE=alpine\nFROM ${B|', has: ['BASE'], replaces: 'B' },
    // A global ARG is not visible in a stage without re-declaring it.
    { src: 'ARG G=1\nFROM a\nARG L=2\nENV E=3\nRUN echo $|', has: ['L', 'E', 'HTTP_PROXY'], not: ['G', 'TARGETARCH'] },
    { src: 'ARG G=1\nFROM a\nARG G\nRUN echo ${|}', has: ['G'] },
    // Declared after the caret: not yet visible.
    { src: 'FROM a\nRUN echo $|\nENV LATER=1', has: [], not: ['LATER'] },
    // Other stage's variables are not visible, a parent stage's are.
    { src: 'FROM a AS base\nENV B=1\nFROM a AS other\nENV O=1\nFROM base\nRUN echo $|', has: ['B'], not: ['O'] },
    { src: 'FROM a\nENV X=1\nRUN <<EOF\necho $|\nEOF', has: ['X'] },
    { src: 'FROM a\nENV X=1\nRUN echo \\$|', has: [], not: ['X'] },
  ]));

  describe('first arguments', () => check([
    // A stage sees a global ARG only once it re-declares it: offer exactly those.
    { src: 'ARG VERSION=1\nARG LATE=2\nFROM a\nARG |', has: ['VERSION', 'LATE', 'TARGETARCH'] },
    { src: 'ARG VERSION=1\nFROM a\nARG VERSION\nARG |', has: ['TARGETARCH'], not: ['VERSION'] },
    { src: 'FROM a\nARG TARGETOS\nARG |', has: ['TARGETARCH'], not: ['TARGETOS'] },
    { src: 'FROM a\nARG X=1 |', has: [] },
    { src: 'ARG |', has: [] },
    { src: 'FROM a\nSTOPSIGNAL |', has: ['SIGTERM', 'SIGKILL'] },
    { src: 'FROM a\nSTOPSIGNAL SIGTERM |', has: [] },
    // COPY/ADD destinations: the stage's earlier WORKDIRs.
    { src: 'FROM a\nWORKDIR /app\nWORKDIR /srv/\nCOPY x |\nWORKDIR /later', has: ['/app/', '/srv/'], not: ['/later/'], exactly: true },
    { src: 'FROM a\nWORKDIR /app\nCOPY --chown=1 x /a|', has: ['/app/'], replaces: '/a' },
    { src: 'FROM a\nWORKDIR /app\nFROM b\nCOPY x |', has: [] },
    { src: 'FROM a\nWORKDIR /app\nCOPY |', has: [], not: ['/app/'] },
    { src: 'FROM a\nSHELL |', has: ['["/bin/bash", "-o", "pipefail", "-c"]'] },
  ]));

  it('closes ${ when the brace is not there yet', () => {
    const { items } = complete('FROM a\nENV X=1\nRUN echo ${|');
    assert.strictEqual((items.find((i) => i.label === 'X')!.textEdit as TextEdit).newText, 'X}');
    const { items: closed } = complete('FROM a\nENV X=1\nRUN echo ${|}');
    assert.strictEqual((closed.find((i) => i.label === 'X')!.textEdit as TextEdit).newText, 'X');
  });

  it('a variable item says where it is declared', () => {
    const { items } = complete('FROM a\nENV X=1\nRUN echo $|');
    assert.match(items.find((i) => i.label === 'X')!.detail ?? '', /ENV on line 2 = 1/);
  });

  describe('parser directives and ignore comments', () => check([
    { src: '#|', has: ['syntax', 'escape', 'check'] },
    { src: '# sy|', has: ['syntax', 'hadolint ignore='], replaces: 'sy' },
    { src: '# syntax=|', has: ['docker/dockerfile:1', 'docker/dockerfile:1-labs'] },
    { src: '# escape=|', has: ['\\', '`'], exactly: true },
    { src: '# check=|', has: ['skip=', 'error=', 'experimental='], exactly: true },
    { src: '# check=skip=|', has: ['all', 'JSONArgsRecommended', 'FromAsCasing'], not: ['DL3006'] },
    { src: '# check=skip=JSONArgsRecommended,|', has: ['FromAsCasing'], not: ['JSONArgsRecommended', 'all'] },
    { src: '# check=error=|', has: ['true', 'false'], exactly: true },
    { src: '# check=skip=all;|', has: ['error='] },
    // After an instruction, directives are ordinary comments.
    { src: 'FROM a\n# check=skip=|', has: [], not: ['all'] },
    { src: 'FROM a\n# sy|', has: ['hadolint ignore='], not: ['syntax'] },
    { src: 'FROM a\n# hadolint ignore=|', has: ['DL3006', 'DL3007'], not: ['JSONArgsRecommended'] },
    { src: 'FROM a\n# hadolint ignore=DL3006,|', has: ['DL3007'], not: ['DL3006'] },
    { src: 'FROM a\n# docker-tutor ignore=|', has: ['dockerfile/maintainer-deprecated'] },
    { src: 'FROM a\n# just a comment |', has: [] },
  ]));

  it('is wired into the facade', () => {
    const { text, position } = caret('FROM a\nRUN --mount=type=|');
    const labels = createLanguageService().completion(doc(text), 'dockerfile', position).items.map((i) => i.label);
    assert.ok(labels.includes('cache'));
  });

  it('never throws on odd positions', () => {
    const m = parseDockerfile('FROM a\nRUN x');
    for (const p of [{ line: 99, character: 0 }, { line: 0, character: 99 }, { line: -1, character: -1 }]) {
      assert.deepStrictEqual(dockerfileCompletion(m, p).items, []);
    }
  });
});
