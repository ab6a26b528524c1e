import * as assert from 'assert';
import { BUILT_IN_COMPOSE_NAMES, composeFilePatterns } from '../../client/src/composeFiles';
import { createLanguageService } from '../../server/src/service';
import { globToRegExp, matchesAnyGlob, uriPath } from '../../server/src/service/globs';

describe('globs (dockerTutor.compose.files)', () => {
  const cases: [glob: string, path: string, expected: boolean][] = [
    ['**/stack.yml', '/home/me/app/stack.yml', true],
    ['**/stack.yml', 'stack.yml', true],
    ['**/stack.yml', '/home/me/app/my-stack.yml', false],
    ['**/*.stack.yml', '/a/b/prod.stack.yml', true],
    ['**/*.stack.yml', '/a/b/prod.stack.yaml', false],
    ['**/*.stack.{yml,yaml}', '/a/b/prod.stack.yaml', true],
    ['**/deploy/*.yml', '/repo/deploy/web.yml', true],
    ['**/deploy/*.yml', '/repo/deploy/sub/web.yml', false, ],
    ['**/deploy/**/*.yml', '/repo/deploy/sub/web.yml', true],
    ['**/deploy/**/*.yml', '/repo/deploy/web.yml', true],
    ['/srv/**', '/srv/a/b.yml', true],
    ['/srv/**', '/other/srv/a.yml', false],
    ['**/svc?.yml', '/x/svc1.yml', true],
    ['**/svc?.yml', '/x/svc12.yml', false],
    ['**/svc[0-9].yml', '/x/svc7.yml', true],
    ['**/svc[!0-9].yml', '/x/svc7.yml', false],
    ['**/svc[!0-9].yml', '/x/svcA.yml', true],
    ['**/a[/]b.yml', '/x/a/b.yml', false],
    ['**/c++.yml', '/x/c++.yml', true],
    ['**/(x).yml', '/x/(x).yml', true],
    ['**/*.yml', '/x/y/', false],
  ];
  for (const [glob, path, expected] of cases) {
    it(`${glob} ${expected ? 'matches' : 'does not match'} ${path}`, () => assert.strictEqual(matchesAnyGlob(path, [glob]), expected));
  }

  it('a `*` stays inside one folder; Windows separators are read as `/`', () => {
    assert.strictEqual(matchesAnyGlob('/a/b/c.yml', ['/a/*.yml']), false);
    assert.strictEqual(matchesAnyGlob('C:\\work\\deploy\\stack.yml', ['**/deploy/stack.yml']), true);
  });

  it('malformed or empty patterns match nothing and do not throw', () => {
    for (const g of ['', '**/{a,b.yml', 'x'.repeat(2000)]) assert.strictEqual(globToRegExp(g), null, g.slice(0, 20));
    assert.strictEqual(matchesAnyGlob('/a/{a,b.yml', ['**/{a,b.yml']), false);
    assert.strictEqual(matchesAnyGlob('/a/[x.yml', ['**/[x.yml']), true, 'a lone [ is a literal');
    assert.strictEqual(matchesAnyGlob('/a/b.yml', []), false);
  });

  it('refuses patterns with more wildcards than a person writes (regex backtracking grows with each)', () => {
    assert.strictEqual(globToRegExp('**/' + '*a'.repeat(30) + '*c'), null);
    assert.ok(globToRegExp('**/*.stack.*.{yml,yaml}'));
  });

  it('reads the path out of file and other URIs', () => {
    assert.strictEqual(uriPath('file:///home/me/my%20app/stack.yml'), '/home/me/my app/stack.yml');
    assert.strictEqual(uriPath('file:///c%3A/work/stack.yml'), 'c:/work/stack.yml');
    assert.strictEqual(uriPath('vscode-remote://ssh-remote%2Bbox/srv/stack.yml'), '/srv/stack.yml');
    assert.strictEqual(uriPath('untitled:Untitled-1'), 'Untitled-1');
    assert.strictEqual(uriPath('file:///bad%E0%A4%A.yml'), '/bad%E0%A4%A.yml', 'a broken escape is kept, not thrown');
  });
});

describe('composeFilePatterns (client) with kindOf (server)', () => {
  const service = createLanguageService();

  it('anchors relative globs anywhere, keeps absolute and ** ones, drops junk and duplicates', () => {
    assert.deepStrictEqual(composeFilePatterns(['stack.yml', ' *.stack.yml ', './deploy/*.yml', 'deploy\\win.yml', '/srv/**/*.yml', '**/x.yml', 'C:/w/*.yml', '', 3, null, 'stack.yml']), [
      '**/stack.yml', '**/*.stack.yml', '**/deploy/*.yml', '**/deploy/win.yml', '/srv/**/*.yml', '**/x.yml', 'C:/w/*.yml',
    ]);
    assert.deepStrictEqual(composeFilePatterns(undefined), []);
    assert.deepStrictEqual(composeFilePatterns('stack.yml'), [], 'a string is not a list');
  });

  it('a YAML document matching a setting glob is a Compose document; other YAML is not', () => {
    const globs = composeFilePatterns(['*.stack.yml', 'deploy/*.yaml']);
    assert.strictEqual(service.kindOf('yaml', 'file:///repo/prod.stack.yml', globs), 'compose');
    assert.strictEqual(service.kindOf('yaml', 'file:///repo/deploy/web.yaml', globs), 'compose');
    assert.strictEqual(service.kindOf('yaml', 'file:///repo/deploy/sub/web.yaml', globs), undefined);
    assert.strictEqual(service.kindOf('yaml', 'file:///repo/values.yml', globs), undefined);
    assert.strictEqual(service.kindOf('yaml', 'file:///repo/prod.stack.yml'), undefined, 'without the setting');
    assert.strictEqual(service.kindOf('yaml', 'file:///repo/prod.stack.yml', []), undefined);
    // Other languages are never taken over by a glob.
    assert.strictEqual(service.kindOf('json', 'file:///repo/prod.stack.yml', globs), undefined);
    assert.strictEqual(service.kindOf('dockerfile', 'file:///repo/prod.stack.yml', globs), 'dockerfile');
  });

  it('the setting is additive: the built-in names still count, with or without it', () => {
    for (const name of ['compose.yaml', 'compose.prod.yaml', 'docker-compose.yml', 'docker-compose.ci.yml']) {
      assert.strictEqual(service.kindOf('yaml', `file:///repo/${name}`, composeFilePatterns(['stack.yml'])), 'compose', name);
    }
    // The names VS Code knows, turned into patterns, match the files the server recognises by name.
    for (const p of composeFilePatterns(BUILT_IN_COMPOSE_NAMES)) assert.ok(p.startsWith('**/'), p);
    assert.ok(matchesAnyGlob('/r/docker-compose.override.yml', composeFilePatterns(BUILT_IN_COMPOSE_NAMES)));
  });
});
