import * as assert from 'assert';
import { parseDockerfile } from '../../server/src/service/dockerfile/model';
import { joinContinuations, shellView, sourceOffset } from '../../server/src/service/dockerfile/shell';
import type { ShellView } from '../../server/src/service/dockerfile/shell';
import { createLanguageService } from '../../server/src/service';
import { normalizeSettings } from '../../server/src/service/settings';
import { doc, formatRange } from '../util/text';

/** The view of the first RUN in `text` (the instruction may sit in an ONBUILD). */
function view(text: string, nth = 0): ShellView {
  const model = parseDockerfile(text);
  const runs = model.instructions.map((i) => (i.keyword === 'ONBUILD' ? i.onbuildTrigger : i)).filter((i) => i?.keyword === 'RUN');
  const v = shellView(model, runs[nth]!);
  assert.ok(v, 'no shell view');
  return v;
}

/** Each command as `name arg…` with static values, `?` for a word that expands. */
function commands(v: ShellView): string[] {
  return v.commands.map((c) => c.words.map((w) => w.value ?? '?').join(' '));
}

/** The word's text in the Dockerfile at its range, and the range. */
function located(text: string, v: ShellView, cmd: number, word: number): string {
  const w = v.commands[cmd]!.words[word]!;
  const lines = text.split('\n');
  const { start, end } = w.range;
  const slice = start.line === end.line
    ? lines[start.line]!.slice(start.character, end.character)
    : [lines[start.line]!.slice(start.character), ...lines.slice(start.line + 1, end.line), lines[end.line]!.slice(0, end.character)].join('\n');
  return `${formatRange(w.range)} ${slice}`;
}

describe('shell view of RUN', () => {
  it('splits commands and keeps operators, quoting and unexpanded variables', () => {
    const v = view('FROM x\nRUN a && b "c d" \'e\' || (cd /x; f $HOME) | g ${V:-w} &\n');
    assert.deepStrictEqual(commands(v), ['a', 'b c d e', 'cd /x', 'f ?', 'g ?']);
    assert.deepStrictEqual(v.commands.map((c) => [c.prev ?? '', c.next ?? '']), [['', '&&'], ['&&', '||'], ['||', ';'], [';', '|'], ['|', '&']]);
    assert.deepStrictEqual(v.commands[2]!.nesting, ['subshell']);
    assert.strictEqual(v.pipes.length, 1);
  });

  it('maps words across backslash continuations, skipping comment lines inside the instruction', () => {
    const text = 'FROM x\nRUN apt-get install -y \\\n# a comment the builder drops\n      curl \\\n   && echo do\\\nne\n';
    const v = view(text);
    assert.deepStrictEqual(commands(v), ['apt-get install -y curl', 'echo done']);
    assert.strictEqual(located(text, v, 0, 3), '4:7-4:11 curl');
    // A word split by a continuation spans both lines.
    assert.strictEqual(located(text, v, 1, 1), '5:12-6:3 do\\\nne');
  });

  it('maps words across backtick continuations (# escape=`)', () => {
    const text = '# escape=`\nFROM x\nRUN sudo apt-get update `\n && sudo make C:\\dir\n';
    const v = view(text);
    assert.deepStrictEqual(commands(v), ['sudo apt-get update', 'sudo make C:dir']);
    assert.strictEqual(located(text, v, 1, 0), '4:5-4:9 sudo');
  });

  it('reads the body of RUN <<EOF (and bash <<EOF) as the script, but not python3 <<EOF', () => {
    const script = view('FROM x\nRUN <<EOF\nset -e\napt-get install -y jq\nEOF\n');
    assert.deepStrictEqual(commands(script), ['set -e', 'apt-get install -y jq']);
    assert.ok(script.commands.every((c) => c.inHeredoc));
    assert.strictEqual(formatRange(script.commands[1]!.words[3]!.range), '4:20-4:22');
    assert.deepStrictEqual(commands(view('FROM x\nRUN bash <<EOF\necho hi | tee f\nEOF\n')), ['bash', 'echo hi', 'tee f']);
    assert.deepStrictEqual(commands(view('FROM x\nRUN python3 <<EOF\nimport os; os.system("rm -rf /")\nEOF\n')), ['python3']);
  });

  it('takes the words of exec form from the JSON strings, with no shell', () => {
    const v = view('FROM x\nRUN ["apt-get", "install", "-y", "curl"]\n');
    assert.strictEqual(v.form, 'exec');
    assert.deepStrictEqual(commands(v), ['apt-get install -y curl']);
    assert.strictEqual(formatRange(v.commands[0]!.words[3]!.range), '2:34-2:40');
  });

  it('starts after RUN flags and lists cache/tmpfs mounts', () => {
    const v = view('FROM x\nRUN --mount=type=cache,target=/var/cache/apt --mount=type=tmpfs,dst=/tmp --network=none apt-get update\n');
    assert.deepStrictEqual(commands(v), ['apt-get update']);
    assert.deepStrictEqual(v.mounts, [{ type: 'cache', target: '/var/cache/apt' }, { type: 'tmpfs', target: '/tmp' }]);
  });

  it('knows when the shell is not POSIX or already has pipefail', () => {
    const text = 'FROM x\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN a | b\nFROM y\nRUN a | b\nSHELL ["pwsh", "-Command"]\nRUN Get-Item\n';
    assert.deepStrictEqual([0, 1, 2].map((n) => { const v = view(text, n); return [v.posix, v.shellPipefail]; }), [[true, true], [true, false], [false, false]]);
    assert.strictEqual(view('# hadolint shell=powershell\nFROM x\nRUN a\n').posix, false);
  });

  it('finds RUN inside ONBUILD', () => {
    assert.deepStrictEqual(commands(view('FROM x\nONBUILD RUN sudo make install\n')), ['sudo make install']);
  });

  it('parses each RUN once per model', () => {
    const model = parseDockerfile('FROM x\nRUN a\n');
    const run = model.instructions[1]!;
    assert.strictEqual(shellView(model, run), shellView(model, run));
  });

  it('reuses a parse for the same RUN text elsewhere, with that copy\'s own positions', () => {
    const run = 'RUN apt-get install -y \\\n    curl\n';
    const a = view('FROM x\n' + run);
    const b = view('FROM x\n\n# moved down\nWORKDIR /w\n' + run);
    assert.strictEqual(formatRange(a.commands[0]!.words[3]!.range), '3:5-3:9');
    assert.strictEqual(formatRange(b.commands[0]!.words[3]!.range), '6:5-6:9');
  });

  it('gives the words of commands no rule inspects (walked again on demand) and still finds commands substituted in them', () => {
    const text = 'FROM x\nRUN echo a "b c" > /log && mkdir -p /x/$(apt-get install -y curl) && chmod 755 `which sh` && rm -rf /tmp/*\n';
    const v = view(text);
    assert.deepStrictEqual(v.commands.map((c) => c.name), ['echo', 'mkdir', 'apt-get', 'chmod', 'which', 'rm']);
    assert.deepStrictEqual(commands(v), ['echo a b c', 'mkdir -p ?', 'apt-get install -y curl', 'chmod 755 ?', 'which sh', 'rm -rf /tmp/*']);
    assert.deepStrictEqual(v.commands[2]!.nesting, ['substitution']);
    assert.strictEqual(located(text, v, 0, 2), '2:12-2:17 "b c"');
  });

  it('does not parse a RUN under a non-POSIX shell: no commands, no pipes', () => {
    const v = view('FROM x\nSHELL ["pwsh", "-Command"]\nRUN Write-Host a | Out-Null; Write-Host b\n');
    assert.strictEqual(v.posix, false);
    assert.deepStrictEqual(commands(v), []);
    assert.deepStrictEqual(v.pipes, []);
  });

  it('consecutive-run (DL3059) counts no commands under PowerShell, as hadolint does, and offers no && merge there', () => {
    const service = createLanguageService();
    const found = (text: string) => service.dockerfileResults(doc(text), { settings: normalizeSettings({}) })
      .filter((r) => r.rule.id === 'dockerfile/consecutive-run')
      .map((r) => `${r.finding.range.start.line + 1}${r.finding.data ? ' fix' : ''}`);
    const runs = 'RUN Write-Host (\'a\'); Invoke-WebRequest $env:U -OutFile a.zip; Expand-Archive a.zip C:\\a\nRUN Remove-Item a.zip\n';
    assert.deepStrictEqual(found(`FROM x\nSHELL ["powershell", "-Command"]\n${runs}`), ['4']);
    assert.deepStrictEqual(found(`# hadolint shell=pwsh\nFROM x\n${runs}`), ['4']);
    // The same text under a POSIX shell: three commands in the first RUN, so no finding (hadolint's rule for chains).
    assert.deepStrictEqual(found(`FROM x\n${runs}`), []);
    assert.deepStrictEqual(found('FROM x\nRUN a\nRUN b\n'), ['3 fix']);
  });

  it('survives broken shell and odd input', () => {
    for (const text of ['FROM x\nRUN "unterminated\n', 'FROM x\nRUN ) ( ;; &&\n', 'FROM x\nRUN\n', 'FROM x\nRUN <<EOF\nno end', 'FROM x\nRUN [ "a", \n']) {
      const model = parseDockerfile(text);
      for (const i of model.instructions) assert.doesNotThrow(() => shellView(model, i));
    }
  });

  it('joinContinuations keeps heredoc bodies verbatim and maps every offset', () => {
    const text = 'a \\\n b <<E\nx \\\ny\nE\n';
    const body = text.indexOf('x');
    const src = joinContinuations(text, 0, text.length, '\\', [[body, text.length - 1]]);
    assert.strictEqual(src.text, 'a  b <<E\nx \\\ny\nE\n');
    assert.strictEqual(text[sourceOffset(src, src.text.indexOf('b'))], 'b');
    for (let i = 0; i < src.text.length; i++) assert.strictEqual(text[sourceOffset(src, i)], src.text[i], `offset ${i}`);
    assert.strictEqual(sourceOffset(src, src.text.length), text.length);
  });
});
