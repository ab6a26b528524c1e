import * as assert from 'assert';
import type { CodeAction } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service';
import type { DockerfileResult } from '../../server/src/service/dockerfile/diagnostics';
import { applyEdits, doc } from '../util/text';

/**
 * BuildKit's `# check=` directive and scoped `# check=skip=` comments, as the engine applies them
 * to our BuildKit rules, and the "Ignore ..." quick fixes that write them.
 */
let version = 0;
function results(text: string): DockerfileResult[] {
  const service = createLanguageService();
  return service.dockerfileResults(doc(text, 'file:///test/Dockerfile', 'dockerfile', ++version));
}
const names = (rs: readonly DockerfileResult[]): string[] =>
  rs.map((r) => `${r.finding.range.start.line + 1} ${r.rule.aliases[0]!}`);

// Two findings of two rules: a shell-form CMD and a mixed-case stage name.
const BODY = [
  'FROM alpine:3.20 AS Build',
  'RUN echo build',
  'CMD echo hello',
  '',
  'FROM alpine:3.20 AS Final',
  'CMD echo bye',
].join('\n');

describe('# check= directive and scoped skips', () => {
  it('reports every finding without a directive', () => {
    assert.deepStrictEqual(names(results(BODY)), [
      '1 StageNameCasing', '3 JSONArgsRecommended', '5 StageNameCasing', '6 JSONArgsRecommended',
    ]);
  });

  it('file-level skip of one check silences only that check', () => {
    assert.deepStrictEqual(names(results('# check=skip=JSONArgsRecommended\n' + BODY)), ['2 StageNameCasing', '6 StageNameCasing']);
  });

  it('file-level skip=all silences every BuildKit check but not syntax errors', () => {
    const rs = results('# check=skip=all\n' + BODY + '\nCOPPY . /app\n');
    assert.deepStrictEqual(rs.map((r) => r.rule.id), ['dockerfile/unknown-instruction']);
  });

  it('error=true escalates BuildKit checks to errors', () => {
    const rs = results('# check=error=true\n' + BODY);
    assert.strictEqual(rs.length, 4);
    for (const r of rs) {
      assert.strictEqual(r.level, 'error', r.rule.id);
      assert.strictEqual(r.diagnostic.severity, 1);
    }
    // Without it they are warnings.
    for (const r of results(BODY)) assert.strictEqual(r.level, 'warning');
  });

  it('accepts the directive without a space after # and in any case', () => {
    const body = 'FROM scratch as base\ncopy Dockerfile .\n';
    assert.deepStrictEqual(names(results('#check=skip=all\n' + body)), []);
    assert.deepStrictEqual(names(results('# CHECK=skip=all\n' + body)), []);
    const rs = results('#check=skip=ConsistentInstructionCasing;error=true\n' + body);
    assert.deepStrictEqual(names(rs), ['2 FromAsCasing']);
    assert.strictEqual(rs[0]!.level, 'error');
  });

  it('skip and error combine', () => {
    const rs = results('# check=skip=StageNameCasing;error=true\n' + BODY);
    assert.deepStrictEqual(names(rs), ['4 JSONArgsRecommended', '7 JSONArgsRecommended']);
    assert.ok(rs.every((r) => r.level === 'error'));
  });

  it('a # check=skip= comment above an instruction silences only that instruction', () => {
    const text = [
      'FROM alpine:3.20 AS build',
      '# check=skip=JSONArgsRecommended',
      'CMD echo one',
      'FROM alpine:3.20',
      'CMD echo two',
    ].join('\n');
    assert.deepStrictEqual(names(results(text)), ['5 JSONArgsRecommended']);
  });

  it('a scoped skip names only the checks it lists', () => {
    const text = ['FROM alpine:3.20', '# check=skip=StageNameCasing', 'CMD echo one'].join('\n');
    assert.deepStrictEqual(names(results(text)), ['3 JSONArgsRecommended']);
  });

  it('a # check=skip= comment above a FROM silences the whole stage', () => {
    const text = [
      'FROM alpine:3.20 AS first',
      'CMD echo one',
      '# check=skip=JSONArgsRecommended,StageNameCasing',
      'FROM alpine:3.20 AS Second',
      'RUN true',
      'CMD echo two',
      'FROM alpine:3.20 AS Third',
      'CMD echo three',
    ].join('\n');
    assert.deepStrictEqual(names(results(text)), ['2 JSONArgsRecommended', '7 StageNameCasing', '8 JSONArgsRecommended']);
  });

  it('InvalidDefinitionDescription (experimental) runs only when the directive enables it', () => {
    const body = '# a comment that is not a description\nFROM alpine:3.20 AS base\n';
    const ids = (t: string) => results(t).map((r) => r.rule.aliases[0]);
    assert.deepStrictEqual(ids('\n' + body), []);
    assert.deepStrictEqual(ids('# check=experimental=InvalidDefinitionDescription\n\n' + body), ['InvalidDefinitionDescription']);
    assert.deepStrictEqual(ids('# check=experimental=all\n\n' + body), ['InvalidDefinitionDescription']);
  });
});

describe('"Ignore ..." code actions', () => {
  const service = createLanguageService();

  /** Applies the named action to the finding on `line` and returns the new text. */
  function applyIgnore(text: string, line: number, rule: string, title: RegExp): string {
    const d = doc(text, 'file:///test/Dockerfile', 'dockerfile', ++version);
    const target = service.dockerfileResults(d).find((r) => r.finding.range.start.line === line && r.rule.aliases.includes(rule));
    assert.ok(target, `no ${rule} finding on line ${line + 1}`);
    const actions: CodeAction[] = service.codeActions(d, 'dockerfile', target.finding.range, [target.diagnostic], undefined);
    const action = actions.find((a) => title.test(a.title) && a.diagnostics?.[0]?.code === target.rule.id);
    assert.ok(action, `no action ${title} among ${actions.map((a) => a.title).join(' | ')}`);
    const edits = action.edit?.changes?.[d.uri];
    assert.ok(edits && edits.length > 0);
    return applyEdits(text, edits);
  }
  const lines = (rs: readonly DockerfileResult[]) => rs.map((r) => `${r.finding.range.start.line + 1} ${r.rule.aliases[0]!}`);

  it('"for this instruction" inserts # check=skip=<Check> above it and only that finding goes', () => {
    const fixed = applyIgnore(BODY, 2, 'JSONArgsRecommended', /for this instruction/);
    assert.strictEqual(fixed.split('\n')[2], '# check=skip=JSONArgsRecommended');
    assert.deepStrictEqual(lines(results(fixed)), ['1 StageNameCasing', '6 StageNameCasing', '7 JSONArgsRecommended']);
  });

  it('"for this instruction" extends a scoped skip that is already there', () => {
    const text = ['FROM alpine:3.20', 'RUN true', '# check=skip=StageNameCasing', 'CMD echo hi'].join('\n');
    const fixed = applyIgnore(text, 3, 'JSONArgsRecommended', /for this instruction/);
    assert.strictEqual(fixed.split('\n')[2], '# check=skip=StageNameCasing,JSONArgsRecommended');
    assert.deepStrictEqual(lines(results(fixed)), []);
  });

  it('"for this instruction" on the first instruction stays scoped (not read as a file-wide directive)', () => {
    const text = 'FROM alpine:3.20 AS Build\nFROM alpine:3.20 AS Other\n';
    const fixed = applyIgnore(text, 0, 'StageNameCasing', /for this instruction/);
    assert.strictEqual(fixed, '\n# check=skip=StageNameCasing\nFROM alpine:3.20 AS Build\nFROM alpine:3.20 AS Other\n');
    assert.deepStrictEqual(lines(results(fixed)), ['4 StageNameCasing']);
  });

  it('"for this instruction" right below the directives does not add or extend a directive', () => {
    const text = '# syntax=docker/dockerfile:1\n# check=error=true\nFROM alpine:3.20 AS Build\nFROM alpine:3.20 AS Other\n';
    const fixed = applyIgnore(text, 2, 'StageNameCasing', /for this instruction/);
    assert.strictEqual(fixed.split('\n').slice(0, 4).join('|'), '# syntax=docker/dockerfile:1|# check=error=true||# check=skip=StageNameCasing');
    const rs = results(fixed);
    assert.deepStrictEqual(lines(rs), ['6 StageNameCasing']);
    assert.strictEqual(rs[0]!.level, 'error');
  });

  it('"for this file" adds a # check=skip= directive at the top', () => {
    const fixed = applyIgnore(BODY, 2, 'JSONArgsRecommended', /for this file/);
    assert.strictEqual(fixed.split('\n')[0], '# check=skip=JSONArgsRecommended');
    assert.deepStrictEqual(lines(results(fixed)), ['2 StageNameCasing', '6 StageNameCasing']);
  });

  it('"for this file" extends an existing check directive and keeps its other options', () => {
    const text = '# syntax=docker/dockerfile:1\n# check=error=true\n' + BODY;
    const fixed = applyIgnore(text, 4, 'JSONArgsRecommended', /for this file/);
    assert.strictEqual(fixed.split('\n')[1], '# check=skip=JSONArgsRecommended;error=true');
    const rs = results(fixed);
    assert.deepStrictEqual(lines(rs), ['3 StageNameCasing', '7 StageNameCasing']);
    assert.ok(rs.every((r) => r.level === 'error'));
  });

  it('"for this file" appends to an existing skip list', () => {
    const text = '# check=skip=StageNameCasing\n' + BODY;
    const fixed = applyIgnore(text, 3, 'JSONArgsRecommended', /for this file/);
    assert.strictEqual(fixed.split('\n')[0], '# check=skip=StageNameCasing,JSONArgsRecommended');
    assert.deepStrictEqual(lines(results(fixed)), []);
  });
});
