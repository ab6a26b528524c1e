import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service';
import { expandSnippet } from '../util/snippet';
import { doc, ROOT } from '../util/text';

describe('snippet expander', () => {
  const cases: ReadonlyArray<[string, string, string]> = [
    ['placeholder default', 'FROM ${1:node}:${2:22}', 'FROM node:22'],
    ['bare tabstops vanish', 'a$1b${2}c$0', 'abc'],
    ['tabstops mirror the first placeholder', 'COPY ${1:app} /${1}/$1', 'COPY app /app/app'],
    ['a mirror before its placeholder', '$1-${1:x}', 'x-x'],
    ['nested placeholders', '${1:a ${2:b} c} $2', 'a b c b'],
    ['choice takes its first option', '${1|curl,wget|} $1', 'curl curl'],
    ['escaped comma and bar in a choice', '${1|a\\,b,c|}', 'a,b'],
    ['escaped dollar and brace', '\\${HOME\\} \\\\', '${HOME} \\'],
    ['other backslashes stay', 'RUN a \\\nb \\n', 'RUN a \\\nb \\n'],
    ['lone dollar and brace are text', 'cost $ 5 } ${', 'cost $ 5 } ${'],
    ['unterminated placeholder is text', '${1:abc', '${1:abc'],
    ['variable with default', '${TM_FILENAME:Dockerfile} $TM_LINE_NUMBER', 'Dockerfile '],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.strictEqual(expandSnippet(input), expected));
  }
  it('joins an array body with newlines', () => assert.strictEqual(expandSnippet(['FROM ${1:a}', 'USER $1']), 'FROM a\nUSER a'));
  it('rejects transforms instead of guessing', () => assert.throws(() => expandSnippet('${1/a/b/}'), /transforms/));
});

interface Snippet {
  readonly prefix: string | readonly string[];
  readonly body: string | readonly string[];
  readonly description: string;
}

/** Snippets that are only a few instructions get a base image in front, as they would in a real file. */
const FRAGMENT_BASE = 'FROM debian:12.8-slim\n';

describe('snippets/dockerfile.json', () => {
  const file = path.join(ROOT, 'snippets', 'dockerfile.json');
  const snippets = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Snippet>;
  const service = createLanguageService();

  it('is contributed for the dockerfile language', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { snippets: { language: string; path: string }[] } };
    assert.deepStrictEqual(pkg.contributes.snippets, [{ language: 'dockerfile', path: './snippets/dockerfile.json' }]);
  });

  it('has well-formed entries with unique prefixes', () => {
    const seen = new Set<string>();
    assert.ok(Object.keys(snippets).length >= 10, 'expected the full snippet set');
    for (const [name, s] of Object.entries(snippets)) {
      const prefixes = typeof s.prefix === 'string' ? [s.prefix] : s.prefix;
      assert.ok(prefixes.length > 0, name);
      for (const p of prefixes) {
        assert.match(p, /^[a-z][a-z0-9-]*$/, `${name}: prefix ${p}`);
        assert.ok(!seen.has(p), `prefix ${p} used twice`);
        seen.add(p);
      }
      assert.ok(s.description.length > 20, `${name}: description`);
      assert.ok(Array.isArray(s.body) && s.body.length > 0, `${name}: body`);
    }
  });

  const loudFindings = (text: string): string[] => service.validate(doc(text, 'file:///snippet/Dockerfile'), 'dockerfile')
    .filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning)
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)} ${d.message}`);

  it('the validation below can fail: a teachable mistake is reported', () => {
    assert.notDeepStrictEqual(loudFindings(`${FRAGMENT_BASE}MAINTAINER someone\n`), []);
  });

  for (const [name, s] of Object.entries(snippets)) {
    it(`"${name}" expands to a Dockerfile without errors or warnings`, () => {
      const expanded = expandSnippet(s.body);
      assert.doesNotMatch(expanded, /\$\{?\d/, 'a tabstop survived expansion');
      const whole = /^(# syntax=|FROM )/.test(expanded);
      const text = whole ? expanded : FRAGMENT_BASE + expanded;
      assert.deepStrictEqual(loudFindings(text), [], text);
    });
  }

  it('the README lists every snippet by its first prefix', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const listed = [...readme.slice(readme.indexOf('### Snippets'), readme.indexOf('## Rules')).matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]).sort();
    const first = Object.values(snippets).map((s) => (typeof s.prefix === 'string' ? s.prefix : s.prefix[0])).sort();
    assert.deepStrictEqual(listed, first);
  });

  it('the multi-stage templates follow the practices they teach', () => {
    for (const lang of ['node', 'python', 'go', 'java']) {
      const entry = Object.values(snippets).find((s) => (typeof s.prefix === 'string' ? [s.prefix] : s.prefix).includes(`multistage-${lang}`));
      assert.ok(entry, `multistage-${lang}`);
      const text = expandSnippet(entry.body);
      const froms = text.match(/^FROM .*$/gm) ?? [];
      assert.ok(froms.length >= 2, `${lang}: multi-stage`);
      for (const f of froms) assert.match(f, /^FROM [^\s:]+(\/[^\s:]+)*:[^\s]+/, `${lang}: tagged base image in "${f}"`);
      assert.match(text, /--mount=type=cache,target=/, `${lang}: cache mount`);
      const lastStage = text.slice(text.lastIndexOf('\nFROM '));
      assert.match(lastStage, /^USER (?!root\b)\S+/m, `${lang}: non-root user in the final stage`);
      assert.match(lastStage, /^(CMD|ENTRYPOINT) \[/m, `${lang}: exec form`);
      // The manifest is copied and installed before `COPY . .` (or the sources folder).
      const firstInstall = text.search(/^RUN --mount=type=cache/m);
      const sources = text.search(/^COPY (\. \.|src )/m);
      assert.ok(firstInstall > 0 && sources > firstInstall, `${lang}: dependencies before sources`);
    }
  });
});
