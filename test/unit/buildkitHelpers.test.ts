import * as assert from 'assert';
import { parseDockerfile } from '../../server/src/service/dockerfile/model';
import { plainShellWords } from '../../server/src/service/dockerfile/rules/buildkit/jsonArgsRecommended';
import { asAssignmentValue } from '../../server/src/service/dockerfile/rules/buildkit/legacyKeyValueFormat';
import { expandWord, isValidReference } from '../../server/src/service/dockerfile/rules/buildkit/invalidDefaultArgInFrom';
import { parsePlatform } from '../../server/src/service/dockerfile/rules/buildkit/fromPlatformFlagConstDisallowed';
import { looksSecret } from '../../server/src/service/dockerfile/rules/buildkit/secretsUsedInArgOrEnv';
import { closeName, scanVariables, typoDistance } from '../../server/src/service/dockerfile/rules/buildkit/shared';

describe('BuildKit check helpers', () => {
  it('splits plain shell commands into exec-form words, and refuses shell features', () => {
    const table: [string, string[] | undefined][] = [
      ['nginx -g "daemon off;"', ['nginx', '-g', 'daemon off;']],
      ["gunicorn --bind '0.0.0.0:8000' app:server", ['gunicorn', '--bind', '0.0.0.0:8000', 'app:server']],
      ['echo a\\ b "q\\"uote"', ['echo', 'a b', 'q"uote']],
      ['node  server.js ', ['node', 'server.js']],
      ['echo $HOME', undefined],
      ['echo "$HOME"', undefined],
      ['a && b', undefined],
      ['a | b', undefined],
      ['a > log', undefined],
      ['ls *.txt', undefined],
      ['FOO=1 run', undefined],
      ['echo `date`', undefined],
      ['run # comment', undefined],
      ["echo 'unterminated", undefined],
      ['~/bin/run', undefined],
    ];
    for (const [cmd, want] of table) assert.deepStrictEqual(plainShellWords(cmd), want, cmd);
  });

  it('rewrites a legacy value as one key=value word with the same meaning', () => {
    const table: [string, string][] = [
      ['C.UTF-8', 'C.UTF-8'],
      ['-Xms256m -Xmx1g', '"-Xms256m -Xmx1g"'],
      ['"hello world"', '"hello world"'],
      ['A small "demo" image', 'A\\ small\\ "demo"\\ image'],
      ["a 'b c' d", "a\\ 'b c'\\ d"],
    ];
    for (const [raw, want] of table) assert.strictEqual(asAssignmentValue(raw, '\\'), want, raw);
    assert.strictEqual(asAssignmentValue('a "b c"', '`'), 'a` "b c"');
  });

  it('expands words with default ARG values like the Dockerfile lexer', () => {
    const env = new Map([['A', 'alpine'], ['EMPTY', '']]);
    const table: [string, string | undefined][] = [
      ['$A:3', 'alpine:3'], ['${A}', 'alpine'], ['${MISSING}', ''], ['${MISSING:-def}', 'def'], ['${EMPTY:-def}', 'def'],
      ['${EMPTY-def}', ''], ['${A:+set}', 'set'], ['${MISSING:+set}', ''], ['${A:?boom}', undefined], ['\\$A', '$A'], ['${A', undefined],
    ];
    for (const [word, want] of table) assert.strictEqual(expandWord(word, env), want, word);
  });

  it('accepts valid image references and rejects broken ones', () => {
    for (const ok of ['alpine', 'alpine:3.20', 'docker.io/library/alpine:3.20', 'localhost:5000/a/b:tag', 'ghcr.io/o/r@sha256:' + 'a'.repeat(64), 'scratch']) {
      assert.ok(isValidReference(ok), ok);
    }
    for (const bad of ['', 'golang:', ':3.20', 'Alpine', 'a//b', 'alpine:-x', 'alpine@sha256:xyz']) assert.ok(!isValidReference(bad), bad);
  });

  it('parses platforms as the builder normalises them', () => {
    assert.deepStrictEqual(parsePlatform('linux/amd64'), { os: 'linux', arch: 'amd64' });
    assert.deepStrictEqual(parsePlatform('linux/aarch64/v8'), { os: 'linux', arch: 'arm64' });
    assert.deepStrictEqual(parsePlatform('arm64'), { os: 'linux', arch: 'arm64' });
    assert.strictEqual(parsePlatform('linux/notanarch'), undefined);
    assert.strictEqual(parsePlatform('a/b/c/d'), undefined);
  });

  it('recognises secret-looking names by whole words', () => {
    for (const yes of ['GITHUB_TOKEN', 'api_key', 'DB_PASSWORD', 'AUTH', 'aws_secret_access_key', 'MY_CREDENTIALS']) assert.ok(looksSecret(yes), yes);
    for (const no of ['GPG_PUBLIC_KEY', 'SSH_KEY_FILE', 'KEY_VERSION', 'MONKEY', 'TOKENIZER', 'AUTHOR']) assert.ok(!looksSecret(no), no);
  });

  it('finds typos by one edit, a swap counting as one', () => {
    assert.strictEqual(typoDistance('PAHT', 'PATH'), 1);
    assert.strictEqual(typoDistance('kitten', 'sitting'), 3);
    assert.strictEqual(typoDistance('kitten', 'sitting', 1), 2);
    assert.strictEqual(closeName('PAHT', ['PATH', 'HOME']), 'PATH');
    assert.strictEqual(closeName('GO_VERSION', ['NODE_VERSION']), undefined);
    assert.strictEqual(closeName('NODE_VERSON', ['NODE_VERSION']), 'NODE_VERSION');
    assert.strictEqual(closeName('app_home', ['APP_HOME']), 'APP_HOME');
  });

  it('scans the variables the builder substitutes', () => {
    const text = [
      'FROM alpine',
      "ENV A=$one B=${two:-x} C='$literal' D=\"$three\" E=\\$escaped F=${outer:-${inner}} \\",
      '  # $in_comment',
      '  G=$four',
    ].join('\n');
    const model = parseDockerfile(text);
    const env = model.instructions[1]!;
    const refs = scanVariables(model, model.document.offsetAt(env.keywordRange.end), model.document.offsetAt(env.range.end));
    assert.deepStrictEqual(refs.map((r) => `${r.name}${r.modifier ?? ''}`), ['one', 'two:-', 'three', 'outer:-', 'inner', 'four']);
    const first = refs[0]!;
    assert.strictEqual(model.text.slice(first.start, first.end), 'one');
  });
});
