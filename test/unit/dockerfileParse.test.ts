import * as assert from 'assert';
import { createLanguageService } from '../../server/src/service';
import { parseDockerfile } from '../../server/src/service/dockerfile/model';
import type { DockerfileModel } from '../../server/src/service/dockerfile/model';
import { normalizeSettings } from '../../server/src/service/settings';
import { doc, formatRange } from '../util/text';

const service = createLanguageService({});
const settings = normalizeSettings({});

/** Every syntax-family finding on `text`, as `range rule`. */
function syntaxFindings(text: string): string[] {
  return service.dockerfileResults(doc(text), { settings })
    .filter((r) => r.rule.family === 'syntax')
    .map((r) => `${formatRange(r.finding.range)} ${r.rule.id}`);
}

function keywords(m: DockerfileModel): string[] {
  return m.instructions.map((i) => i.keyword);
}

/** Valid Dockerfiles that exercise the parser's edge cases: the model must be right and the syntax rules silent. */
const VALID: { name: string; text: string; check: (m: DockerfileModel) => void }[] = [
  {
    name: 'RUN <<EOF heredoc',
    text: 'FROM alpine:3.20\nRUN <<EOF\napk add curl\necho done\nEOF\nCMD ["sh"]\n',
    check: (m) => {
      assert.deepStrictEqual(keywords(m), ['FROM', 'RUN', 'CMD']);
      const h = m.instructions[1]!.heredocs;
      assert.strictEqual(h.length, 1);
      assert.strictEqual(h[0]!.getName(), 'EOF');
      assert.strictEqual(formatRange(h[0]!.getContentRange()!), '3:1-4:10');
      assert.strictEqual(formatRange(h[0]!.getDelimiterRange()!), '5:1-5:4');
      assert.strictEqual(m.instructions[1]!.range.end.line, 4);
    },
  },
  {
    name: '<<-EOF strips leading tabs, including before the delimiter',
    text: 'FROM alpine:3.20\nRUN <<-EOF sh\n\tset -e\n\techo hi\n\tEOF\nCMD ["sh"]\n',
    check: (m) => {
      assert.deepStrictEqual(keywords(m), ['FROM', 'RUN', 'CMD']);
      const h = m.instructions[1]!.heredocs[0]!;
      assert.strictEqual(h.getName(), 'EOF');
      assert.strictEqual(formatRange(h.getDelimiterRange()!), '5:2-5:5');
    },
  },
  {
    name: 'quoted delimiter <<"EOF" keeps $ literal',
    text: 'FROM alpine:3.20\nCOPY <<"EOF" /etc/profile.d/app.sh\nexport PATH="$HOME/bin:$PATH"\nEOF\n',
    check: (m) => {
      assert.deepStrictEqual(keywords(m), ['FROM', 'COPY']);
      const h = m.instructions[1]!.heredocs[0]!;
      assert.strictEqual(h.getName(), 'EOF');
      assert.ok(h.getDelimiterRange());
    },
  },
  {
    name: 'two heredocs on one line',
    text: 'FROM alpine:3.20\nRUN <<A cat - <<B > /out\nfirst\nA\nsecond\nB\nRUN echo after\n',
    check: (m) => {
      assert.deepStrictEqual(keywords(m), ['FROM', 'RUN', 'RUN']);
      const hs = m.instructions[1]!.heredocs;
      assert.deepStrictEqual(hs.map((h) => h.getName()), ['A', 'B']);
      assert.deepStrictEqual(hs.map((h) => formatRange(h.getDelimiterRange()!)), ['4:1-4:2', '6:1-6:2']);
    },
  },
  {
    name: 'escape=` Windows file with backtick continuations and backslash paths',
    text: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN New-Item -ItemType Directory C:\\tools\\bin `\n    ; Write-Host done\nCOPY app\\ C:\\app\\\nWORKDIR C:\\app\n',
    check: (m) => {
      assert.strictEqual(m.escapeChar, '`');
      assert.deepStrictEqual(keywords(m), ['FROM', 'SHELL', 'RUN', 'COPY', 'WORKDIR']);
      const run = m.instructions[2]!;
      assert.strictEqual(run.range.start.line, 3);
      assert.strictEqual(run.range.end.line, 4);
      assert.deepStrictEqual(m.instructions[3]!.args.map((a) => a.getValue()), ['app\\', 'C:\\app\\']);
    },
  },
  {
    name: 'comment lines inside a continuation',
    text: 'FROM debian:12\nRUN apt-get update \\\n# install the basics\n    && apt-get install -y curl \\\n    # and clean up\n    && rm -rf /var/lib/apt/lists/*\nCMD ["bash"]\n',
    check: (m) => {
      assert.deepStrictEqual(keywords(m), ['FROM', 'RUN', 'CMD']);
      assert.strictEqual(m.instructions[1]!.range.end.line, 5);
      assert.ok(!m.instructions[1]!.args.some((a) => a.getValue() === 'basics' || a.getValue() === 'clean'), 'comment words leaked into the arguments');
    },
  },
  {
    name: 'CRLF line endings',
    text: 'FROM alpine:3.20 AS base\r\nRUN echo one \\\r\n    two\r\nCOPY a b /opt/\r\n',
    check: (m) => {
      assert.deepStrictEqual(keywords(m), ['FROM', 'RUN', 'COPY']);
      assert.strictEqual(m.stages[0]!.name, 'base');
      assert.strictEqual(formatRange(m.instructions[2]!.keywordRange), '4:1-4:5');
      assert.strictEqual(m.lineText(0), 'FROM alpine:3.20 AS base');
      assert.deepStrictEqual(m.instructions[2]!.args.map((a) => a.getValue()), ['a', 'b', '/opt/']);
    },
  },
  {
    name: 'byte order mark before a directive',
    text: '\ufeff# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nRUN dir C:\\ `\n    && echo ok\n',
    check: (m) => {
      assert.strictEqual(m.escapeChar, '`');
      assert.deepStrictEqual(m.directives.map((d) => d.name), ['escape']);
      assert.deepStrictEqual(keywords(m), ['FROM', 'RUN']);
      assert.strictEqual(m.instructions[1]!.range.end.line, 3);
    },
  },
  {
    name: 'byte order mark before FROM',
    text: '\ufeffFROM alpine:3.20\nRUN true\n',
    check: (m) => {
      assert.deepStrictEqual(keywords(m), ['FROM', 'RUN']);
      assert.strictEqual(formatRange(m.instructions[0]!.keywordRange), '1:2-1:6');
    },
  },
  {
    name: 'ONBUILD triggers',
    text: 'FROM node:22\nONBUILD COPY package.json /app/\nONBUILD RUN npm ci\n',
    check: (m) => {
      assert.deepStrictEqual(keywords(m), ['FROM', 'ONBUILD', 'ONBUILD']);
      const t = m.instructions[1]!.onbuildTrigger!;
      assert.strictEqual(t.keyword, 'COPY');
      assert.strictEqual(t.parent, m.instructions[1]);
      assert.strictEqual(formatRange(t.keywordRange), '2:9-2:13');
      assert.strictEqual(m.instructions[2]!.onbuildTrigger!.keyword, 'RUN');
    },
  },
];

describe('Dockerfile parse edge cases', () => {
  for (const c of VALID) {
    it(`models ${c.name}`, () => c.check(parseDockerfile(c.text)));
    it(`keeps the syntax rules quiet on ${c.name}`, () => assert.deepStrictEqual(syntaxFindings(c.text), []));
  }

  for (const [name, text] of [['an empty file', ''], ['a whitespace-only file', '  \n\t\n\n'], ['a comments-only file', '# nothing here\n']] as const) {
    it(`reports ${name} once, at 1:1, without throwing`, () => {
      const m = parseDockerfile(text);
      assert.strictEqual(m.instructions.length, 0);
      assert.strictEqual(m.stages.length, 0);
      assert.deepStrictEqual(syntaxFindings(text), ['1:1-1:1 dockerfile/no-from']);
    });
  }

  it('finds an unterminated heredoc at the end of the file', () => {
    assert.deepStrictEqual(syntaxFindings('FROM alpine:3.20\nRUN <<EOF\necho never closed\n'), ['2:7-2:10 dockerfile/unterminated-heredoc']);
  });

  it('accepts a heredoc closed on the last line without a final newline', () => {
    assert.deepStrictEqual(syntaxFindings('FROM alpine:3.20\nRUN <<EOF\necho hi\nEOF'), []);
  });
});
