import * as assert from 'assert';
import { cleanPath, compilePattern, parseDockerignore } from '../../server/src/service/dockerfile/dockerignore';

describe('.dockerignore matching', () => {
  it('cleans paths like Go path.Clean', () => {
    const table: [string, string][] = [
      ['./tmp/x', 'tmp/x'], ['a//b/', 'a/b'], ['a/./b/../c', 'a/c'], ['/abs/x', '/abs/x'], ['.', '.'], ['', '.'], ['../up', '../up'],
    ];
    for (const [input, want] of table) assert.strictEqual(cleanPath(input), want, input);
  });

  it('compiles * ? ** [] and escapes', () => {
    const table: [string, string, boolean][] = [
      ['*.log', 'app.log', true],
      ['*.log', 'logs/app.log', false],
      ['**/*.log', 'logs/deep/app.log', true],
      ['**/*.log', 'app.log', true],
      ['docs/**', 'docs/a/b.md', true],
      ['a/**/b', 'a/b', true],
      ['a/**/b', 'a/x/y/b', true],
      ['file?.txt', 'file1.txt', true],
      ['file?.txt', 'file/.txt', false],
      ['[a-c]*.md', 'beta.md', true],
      ['[a-c]*.md', 'delta.md', false],
      ['[^a-c]*.md', 'delta.md', true],
      ['[!a-c]*.md', 'delta.md', false],
      ['\\*.md', '*.md', true],
      ['\\*.md', 'x.md', false],
      ['v1.0', 'v1x0', false],
    ];
    for (const [pattern, path, want] of table) assert.strictEqual(compilePattern(pattern)?.test(path), want, `${pattern} ~ ${path}`);
  });

  it('drops comments and blank lines, cleans patterns and strips a leading /', () => {
    const m = parseDockerignore('# comment\n\n  /secrets/  \n./tmp/*\n!keep.txt\n');
    assert.deepStrictEqual(m.patterns.map((p) => `${p.exclusion ? '!' : ''}${p.text}@${p.line}`), ['secrets@2', 'tmp/*@3', '!keep.txt@4']);
    assert.strictEqual(m.hasExclusions, true);
  });

  it('matches a path when it or a parent directory matches, the last matching pattern winning', () => {
    const m = parseDockerignore('node_modules\n*.md\n!README.md\nbuild\n!build/keep\n');
    const ignored = (p: string) => m.ignoredBy(p)?.text;
    assert.strictEqual(ignored('node_modules/left-pad/index.js'), 'node_modules');
    assert.strictEqual(ignored('CHANGELOG.md'), '*.md');
    assert.strictEqual(ignored('README.md'), undefined);
    assert.strictEqual(ignored('docs/guide.md'), undefined, '*.md does not cross directories');
    assert.strictEqual(ignored('build/out.bin'), 'build');
    assert.strictEqual(ignored('build/keep'), undefined);
    assert.strictEqual(ignored('build/keep/file'), undefined);
    assert.strictEqual(ignored('src/index.js'), undefined);
  });

  it('a later pattern can exclude again what an exception re-included', () => {
    const m = parseDockerignore('*\n!src\nsrc/*.test.js\n');
    assert.strictEqual(m.ignoredBy('src/app.js'), undefined);
    assert.strictEqual(m.ignoredBy('src/app.test.js')?.text, 'src/*.test.js');
    assert.strictEqual(m.ignoredBy('package.json')?.text, '*');
  });
});
