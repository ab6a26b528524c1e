import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../util/text';

/**
 * The injection grammar, tested without vscode-textmate/oniguruma (not installed): the JSON and the
 * contribution are checked, every regex must compile in JavaScript after the two translations we
 * allow (a leading `(?i)` becomes the `i` flag, `\A` becomes `^` and is only tried on line 1), and
 * sample lines are tokenized by a small evaluator of `match`/`begin`/`end` rules and their captures
 * (including capture `patterns` and `#repository` includes). What this cannot check: TextMate's
 * injection priority against the built-in rules and the embedded `source.shell` grammar itself.
 */
interface Capture { readonly name?: string; readonly patterns?: readonly Rule[] }
interface Rule {
  readonly name?: string;
  readonly contentName?: string;
  readonly match?: string;
  readonly begin?: string;
  readonly end?: string;
  readonly include?: string;
  readonly captures?: Readonly<Record<string, Capture>>;
  readonly beginCaptures?: Readonly<Record<string, Capture>>;
  readonly endCaptures?: Readonly<Record<string, Capture>>;
  readonly patterns?: readonly Rule[];
}
interface Grammar extends Rule {
  readonly scopeName: string;
  readonly injectionSelector: string;
  readonly repository: Readonly<Record<string, Rule>>;
}

const FILE = path.join(ROOT, 'syntaxes', 'dockerfileInjection.tmLanguage.json');
const grammar = JSON.parse(fs.readFileSync(FILE, 'utf8')) as Grammar;

/** Oniguruma constructs JavaScript lacks; our patterns must stay in the common subset. */
const ONIG_ONLY = [/\(\?>/, /\\[hHKzZG]/, /[*+?}]\+/, /\(\?[imx-]+[:)]/, /\\p\{/];

function toJs(source: string): RegExp {
  let flags = 'd';
  let s = source;
  if (s.startsWith('(?i)')) {
    flags += 'i';
    s = s.slice(4);
  }
  for (const bad of ONIG_ONLY) assert.doesNotMatch(s, bad, `Oniguruma-only construct in ${source}`);
  return new RegExp(s.replace(/\\A/g, '^'), flags);
}

function resolve(rule: Rule): Rule[] {
  if (rule.include === undefined) return [rule];
  if (rule.include.startsWith('#')) {
    const target = grammar.repository[rule.include.slice(1)];
    assert.ok(target, `unknown include ${rule.include}`);
    return target.match || target.begin ? [target] : (target.patterns ?? []).flatMap(resolve);
  }
  return []; // other grammars (source.shell) are VS Code's
}

interface Token { readonly start: number; readonly end: number; readonly scope: string }

/** Scopes a capture set adds over `m`, with capture patterns scanned inside their capture. */
function captureTokens(m: RegExpExecArray, captures: Readonly<Record<string, Capture>> | undefined, offset: number, out: Token[]): void {
  if (!captures) return;
  for (const [key, cap] of Object.entries(captures)) {
    const span = m.indices?.[Number(key)];
    if (!span) continue;
    const [s, e] = span;
    if (cap.name) out.push({ start: offset + s, end: offset + e, scope: cap.name });
    if (cap.patterns) scan(m[Number(key)]!, cap.patterns.flatMap(resolve), offset + s, out);
  }
}

/** TextMate's inner loop for match rules: at each position the earliest match wins, ties go to the first rule. */
function scan(text: string, rules: readonly Rule[], offset: number, out: Token[]): void {
  let pos = 0;
  while (pos < text.length) {
    let best: { m: RegExpExecArray; rule: Rule } | undefined;
    for (const rule of rules) {
      assert.ok(rule.match, 'capture patterns here are match rules');
      const re = toJs(rule.match);
      const g = new RegExp(re.source, re.flags + 'g');
      g.lastIndex = pos;
      const m = g.exec(text);
      if (m && (!best || m.index < best.m.index)) best = { m, rule };
    }
    if (!best) return;
    const { m, rule } = best;
    if (rule.name) out.push({ start: offset + m.index, end: offset + m.index + m[0].length, scope: rule.name });
    captureTokens(m, rule.captures, offset, out);
    pos = m.index + Math.max(1, m[0].length);
  }
}

/** Tokens a single `match` rule (or a `begin`) produces on a line, or undefined when it does not match at column 0. */
function tokensOf(rule: Rule, line: string, which: 'match' | 'begin' = 'match'): Token[] | undefined {
  const source = which === 'match' ? rule.match : rule.begin;
  assert.ok(source, `rule has no ${which}`);
  const m = toJs(source).exec(line);
  if (!m || m.index !== 0) return undefined;
  const out: Token[] = [];
  if (rule.name && which === 'match') out.push({ start: 0, end: m[0].length, scope: rule.name });
  captureTokens(m, which === 'match' ? rule.captures : rule.beginCaptures, 0, out);
  return out;
}

/** The first of `rules` that matches the whole line start, with its tokens. */
function firstMatch(rules: readonly Rule[], line: string): { rule: Rule; tokens: Token[] } | undefined {
  for (const rule of rules) {
    const tokens = rule.match ? tokensOf(rule, line) : rule.begin ? tokensOf(rule, line, 'begin') : undefined;
    if (tokens) return { rule, tokens };
  }
  return undefined;
}

/** Scopes covering every character of the first occurrence of `part` in `line`. */
function scopesOf(tokens: readonly Token[], line: string, part: string): string[] {
  const at = line.indexOf(part);
  assert.ok(at >= 0, `"${part}" not in "${line}"`);
  return tokens.filter((t) => t.start <= at && t.end >= at + part.length).map((t) => t.scope);
}

function assertScopes(tokens: readonly Token[], line: string, expected: Readonly<Record<string, readonly string[]>>): void {
  for (const [part, scopes] of Object.entries(expected)) {
    const got = scopesOf(tokens, line, part);
    for (const s of scopes) assert.ok(got.includes(s), `"${part}" in "${line}": expected ${s}, got [${got.join(', ')}]`);
  }
}

/** Every rule object in the grammar: top level, repository, nested patterns and capture patterns. */
function allRules(): Rule[] {
  const out: Rule[] = [];
  const visit = (rule: Rule): void => {
    out.push(rule);
    for (const r of rule.patterns ?? []) visit(r);
    for (const c of [rule.captures, rule.beginCaptures, rule.endCaptures].flatMap((x) => Object.values(x ?? {}))) {
      for (const r of c.patterns ?? []) visit(r);
    }
  };
  visit(grammar);
  for (const r of Object.values(grammar.repository)) visit(r);
  return out;
}

const repo = (name: string): Rule[] => resolve({ include: `#${name}` });
const COMMENT = 'comment.line.number-sign.dockerfile';
const RULE_ID = 'constant.other.rule-id.dockerfile';

describe('syntaxes/dockerfileInjection.tmLanguage.json', () => {
  it('is contributed as an injection into the built-in grammar, never replacing it', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: Record<string, unknown> };
    const grammars = pkg.contributes.grammars as { scopeName: string; path: string; injectTo?: string[]; language?: string; embeddedLanguages?: Record<string, string> }[];
    assert.strictEqual(pkg.contributes.languages, undefined, 'dockerfile and dockercompose are VS Code built-ins');
    assert.strictEqual(grammars.length, 1);
    const [g] = grammars;
    assert.strictEqual(g!.language, undefined);
    assert.deepStrictEqual(g!.injectTo, ['source.dockerfile']);
    assert.strictEqual(g!.scopeName, grammar.scopeName);
    assert.notStrictEqual(grammar.scopeName, 'source.dockerfile');
    assert.strictEqual(path.resolve(ROOT, g!.path), FILE);
    assert.deepStrictEqual(g!.embeddedLanguages, { 'meta.embedded.block.shell': 'shellscript' });
    assert.match(grammar.injectionSelector, /^L:source\.dockerfile\b/);
  });

  it('every regex compiles in JavaScript and every include resolves', () => {
    const rules = allRules();
    const regexes = rules.flatMap((r) => [r.match, r.begin, r.end].filter((x): x is string => x !== undefined));
    assert.ok(regexes.length >= 12, `only ${regexes.length} regexes found`);
    for (const source of regexes) {
      // `end` may hold back-references to `begin` captures; they compile as (empty) groups refs here.
      assert.doesNotThrow(() => toJs(source), source);
    }
    for (const r of rules) if (r.include) resolve(r);
  });

  describe('parser directives', () => {
    const region = grammar.repository.directives!;
    const inner = region.patterns!;

    it('start only at the beginning of the file, on a directive line', () => {
      assert.ok(region.begin!.includes('\\A'), 'anchored to the start of the document');
      assert.ok(tokensOf(region, '# syntax=docker/dockerfile:1', 'begin'));
      assert.ok(tokensOf(region, '#ESCAPE=`', 'begin'));
      assert.strictEqual(tokensOf(region, '# a comment', 'begin'), undefined);
      assert.strictEqual(tokensOf(region, 'FROM alpine:3.20', 'begin'), undefined);
      assert.strictEqual(tokensOf(region, '# hadolint ignore=DL3008', 'begin'), undefined);
    });
    it('end at the first line that is not a directive', () => {
      const end = toJs(region.end!);
      for (const l of ['FROM alpine:3.20', '', '# just a comment', '# hadolint ignore=DL3008']) assert.ok(end.test(l), l);
      for (const l of ['# check=skip=all', ' # syntax = docker/dockerfile:1']) assert.ok(!end.test(l), l);
    });
    it('scope the name, the operator and the value inside the comment', () => {
      const line = '# syntax=docker/dockerfile:1.10';
      const hit = firstMatch(inner, line);
      assert.ok(hit);
      assertScopes(hit.tokens, line, {
        '#': [COMMENT, 'punctuation.definition.comment.dockerfile'],
        syntax: [COMMENT, 'keyword.other.directive.dockerfile'],
        '=': ['keyword.operator.assignment.dockerfile'],
        'docker/dockerfile:1.10': [COMMENT, 'string.unquoted.directive-value.dockerfile'],
      });
    });
    it('tokenize check=skip values: options, rule names, separators', () => {
      const line = '# check=skip=JSONArgsRecommended,StageNameCasing;error=true';
      const hit = firstMatch(inner, line);
      assert.ok(hit);
      assertScopes(hit.tokens, line, {
        check: ['keyword.other.directive.dockerfile'],
        skip: ['keyword.other.suppression.dockerfile'],
        JSONArgsRecommended: [COMMENT, RULE_ID],
        StageNameCasing: [RULE_ID],
        ',': ['punctuation.separator.comma.dockerfile'],
        ';': ['punctuation.separator.semicolon.dockerfile'],
        error: ['keyword.other.check-option.dockerfile'],
        true: ['constant.language.boolean.dockerfile'],
      });
      const all = '# check=skip=all';
      assertScopes(firstMatch(inner, all)!.tokens, all, { all: ['constant.language.all.dockerfile'] });
      assert.deepStrictEqual(scopesOf(firstMatch(inner, all)!.tokens, all, 'all').filter((s) => s === RULE_ID), []);
    });
  });

  describe('suppression comments', () => {
    const rules = repo('suppression-comments');
    const cases: ReadonlyArray<[string, string, Readonly<Record<string, readonly string[]>>]> = [
      ['hadolint, next instruction', '# hadolint ignore=DL3008,DL3009 pinned by the base image', {
        hadolint: [COMMENT, 'support.type.suppression-tool.dockerfile'],
        ignore: ['keyword.other.suppression.dockerfile'],
        DL3008: [COMMENT, RULE_ID],
        DL3009: [RULE_ID],
        ',': ['punctuation.separator.comma.dockerfile'],
        'pinned by the base image': [COMMENT],
      }],
      ['hadolint global, indented', '    # hadolint global ignore=DL3059', {
        global: ['storage.modifier.suppression-scope.dockerfile'],
        DL3059: [RULE_ID],
      }],
      ['ours, by id and bare name', '# docker-tutor ignore=dockerfile/maintainer-deprecated,unknown-instruction', {
        'docker-tutor': ['support.type.suppression-tool.dockerfile'],
        'dockerfile/maintainer-deprecated': [RULE_ID],
        'unknown-instruction': [RULE_ID],
      }],
      ['ours, stage scope, upper case', '# Docker-Tutor STAGE ignore=DL3006', { STAGE: ['storage.modifier.suppression-scope.dockerfile'] }],
      ['check skip above an instruction', '# check=skip=JSONArgsRecommended', {
        check: ['keyword.other.directive.dockerfile'],
        skip: ['keyword.other.suppression.dockerfile'],
        JSONArgsRecommended: [RULE_ID],
      }],
      ['hadolint shell pragma', '# hadolint shell=pwsh', { shell: ['keyword.other.pragma.dockerfile'], pwsh: ['string.unquoted.shell-name.dockerfile'] }],
    ];
    for (const [name, line, expected] of cases) {
      it(name, () => {
        const hit = firstMatch(rules, line);
        assert.ok(hit, `no rule matches "${line}"`);
        assertScopes(hit.tokens, line, expected);
      });
    }
    for (const line of ['# ignore=DL3008', '# hadolint is great', 'RUN echo "# hadolint ignore=DL3008"', '# check=error=true', '#hadolint ignore=']) {
      it(`leaves "${line}" to the built-in grammar`, () => assert.strictEqual(firstMatch(rules, line), undefined));
    }
  });

  describe('RUN heredocs', () => {
    const [dash, plain] = repo('run-heredoc');
    const cases: ReadonlyArray<[string, string, Rule | undefined, string, readonly string[], readonly string[]]> = [
      // name, first line, rule, delimiter, lines that end the body, lines that do not
      ['plain', 'RUN <<EOF', plain, 'EOF', ['EOF'], ['  EOF', '\tEOF', 'EOF2', 'echo EOF']],
      ['dash strips tabs', 'RUN <<-SCRIPT', dash, 'SCRIPT', ['SCRIPT', '\t\tSCRIPT'], ['  SCRIPT', 'SCRIPTS']],
      ['quoted, after flags', 'RUN --mount=type=cache,target=/var/cache/apt --network=none <<"EOT" && echo done', plain, 'EOT', ['EOT'], ['"EOT"']],
      ['single-quoted, lower case, ONBUILD', "onbuild run <<'end'", plain, 'end', ['end'], ['END']],
      ['through bash -e', 'RUN bash -e <<EOF', plain, 'EOF', ['EOF'], []],
    ];
    for (const [name, line, rule, delimiter, ends, bodies] of cases) {
      it(name, () => {
        const hit = firstMatch([dash!, plain!], line);
        assert.ok(hit, `no heredoc rule matches "${line}"`);
        assert.strictEqual(hit.rule, rule);
        assert.strictEqual(hit.rule.contentName, 'meta.embedded.block.shell');
        assert.deepStrictEqual(hit.rule.patterns, [{ include: 'source.shell' }]);
        assertScopes(hit.tokens, line, { [delimiter]: ['keyword.control.heredoc-token.dockerfile'], '<<': ['keyword.operator.heredoc.dockerfile'] });
        assertScopes(hit.tokens, line, { [line.trimStart().slice(0, 3).match(/run|onb/i)![0]]: ['keyword.control.dockerfile'] });
        // vscode-textmate substitutes begin captures into `end` with regex escaping; do the same.
        const m = toJs(hit.rule.begin!).exec(line)!;
        const end = new RegExp(hit.rule.end!.replace(/\\(\d+)/g, (_, n: string) => (m[Number(n)] ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
        for (const l of ends) assert.ok(end.test(l), `"${JSON.stringify(l)}" should end the heredoc`);
        for (const l of bodies) assert.ok(!end.test(l), `"${JSON.stringify(l)}" should stay in the body`);
      });
    }
    for (const line of ['RUN python3 <<EOF', 'COPY <<EOF /etc/app.conf', 'RUN echo hi', 'RUN cat <<EOF > /x', '# RUN <<EOF']) {
      it(`does not treat "${line}" as a shell heredoc`, () => assert.strictEqual(firstMatch([dash!, plain!], line), undefined));
    }
  });
});
