import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Instruction } from 'dockerfile-ast';
import type { Argument, Comment } from 'dockerfile-ast';
import { createLanguageService } from '../../server/src/service';
import { astPerfInstalled, installAstPerf, uninstallAstPerf } from '../../server/src/service/dockerfile/astPerf';
import { parseDockerfile } from '../../server/src/service/dockerfile/model';
import { dockerfileRules } from '../../server/src/service/dockerfile/rules';
import type { Level } from '../../server/src/service/types';
import { clearShellCache } from '../../server/src/service/dockerfile/shell';
import { generateDockerfile } from '../bench/generate';
import { doc, filesUnder, SHARED } from '../util/text';

/**
 * The memoised `getRawArguments` (astPerf.ts) must not change a single result: every corpus file (and the
 * benchmark's generated file) is parsed and fully validated, every rule on, once with the library's
 * own method and once memoised, and the arguments, flags and findings compared.
 */
const CORPUS = path.join(SHARED, 'corpus', 'dockerfile');

function inputs(): { name: string; text: string }[] {
  const out = [{ name: 'generated 2,000 lines', text: generateDockerfile(2000) }];
  for (const p of filesUnder(CORPUS, (name) => name !== 'SOURCES.md')) out.push({ name: path.relative(CORPUS, p), text: fs.readFileSync(p, 'utf8') });
  return out;
}

/** Which comments each stage (and the part before the first FROM) holds: what `organizeComments` decides. */
function templateComments(ast: unknown): unknown {
  const d = ast as { initialInstructions: { getComments(): Comment[] }; buildStages: { getComments(): Comment[] }[] };
  return [d.initialInstructions, ...d.buildStages].map((t) => t.getComments().map((c) => c.getRange()));
}

const rules: Record<string, Level> = Object.fromEntries(dockerfileRules.map((r) => [r.id, r.defaultLevel === 'off' ? 'warning' : r.defaultLevel]));

/** Everything the memoised method feeds: arguments and flags as each getter returns them (twice, to catch a shared array), and all findings. */
/** What dockerfile-ast's JSON-capable instructions compute from `getRawArgumentsContent` while they are constructed. */
function jsonParts(instr: unknown): unknown {
  const j = instr as { getOpeningBracket?(): Argument | null; getClosingBracket?(): Argument | null; getJSONStrings?(): Argument[] };
  if (!j.getJSONStrings) return null;
  return [j.getOpeningBracket?.()?.getRange(), j.getClosingBracket?.()?.getRange(), j.getJSONStrings().map((a) => [a.getValue(), a.getRange()])];
}

function snapshot(name: string, text: string, version: number): string {
  const model = parseDockerfile(text, `file:///astPerf/${name}`, version);
  const parts: unknown[] = [];
  for (const instr of model.ast.getInstructions()) {
    for (let k = 0; k < 2; k++) {
      parts.push(instr.getArguments().map((a) => [a.getValue(), a.getRange()]));
      parts.push((instr as unknown as { getRawArguments(): Argument[] }).getRawArguments().map((a) => [a.getValue(), a.getRange()]));
    }
    parts.push(instr.toString(), instr.getVariables().map((v) => [v.getName(), v.getRange()]), instr.getRawArgumentsContent(), jsonParts(instr));
  }
  // The patched processArguments decides where an instruction (and its heredocs) ends and records the comments inside it.
  parts.push(model.ast.getComments().map((c) => [c.getContent(), c.getRange()]));
  parts.push(templateComments(model.ast));
  for (const i of model.instructions) parts.push(i.heredocs.map((h) => [h.getName(), h.getStartRange(), h.getContentRange(), h.getDelimiterRange()]));
  for (const i of model.instructions) parts.push(i.args.map((a) => a.getValue()), i.flags.map((f) => [f.getName(), f.getValue(), f.getRange()]), i.argsText);
  clearShellCache();
  const service = createLanguageService();
  const findings = service.dockerfileResults(doc(text, `file:///astPerf/${name}`, 'dockerfile', version), { settings: { rules, families: {} } });
  parts.push(findings.map((f) => [f.rule.id, f.diagnostic.range, f.diagnostic.message, f.diagnostic.severity]));
  return JSON.stringify(parts);
}

describe('astPerf: memoised dockerfile-ast arguments', function () {
  this.timeout(120000);
  after(() => installAstPerf());

  it('is installed once the model module loads', () => {
    assert.ok(astPerfInstalled(Instruction));
  });

  it('gives the same arguments, flags and findings as the unpatched library on the corpus', () => {
    const files = inputs();
    if (files.length < 2) console.log(`    (corpus absent at ${CORPUS}: generated file only)`);
    const differing: string[] = [];
    files.forEach((f, i) => {
      uninstallAstPerf();
      assert.ok(!astPerfInstalled(Instruction));
      const plain = snapshot(f.name, f.text, 2 * i + 1);
      installAstPerf();
      const memoised = snapshot(f.name, f.text, 2 * i + 2);
      if (plain !== memoised) differing.push(f.name);
    });
    assert.deepStrictEqual(differing, []);
  });

  /** Continuations, escapes and comments in every combination the scan distinguishes, with both escape characters and both line ends. */
  const TRICKY = [
    'RUN a b  c\td',
    'RUN a \\\n  b \\  \n c\\\r\nd',
    'RUN a\\ b c\\\\d \\$X e\\',
    'RUN a \\\n# comment \\\n  \\\nb\\\n#c\\\n d',
    'RUN a\\  \t\nb\\ \r\nc \\ x \\  y',
    'COPY --from=x a \\\n    b/ \\\n\n    c',
    'ENV A=1 \\\n  B="x y" \\\n  C=\\$D',
    'RUN <<EOF\necho $A \\\n  b\nEOF',
    'RUN echo a\\\n\\\nb',
    'RUN \\\n',
    'RUN x \\',
    'RUN #x \\\n y',
    // Heredocs and other `<`: the parser looks for heredocs only where a `<` is.
    'RUN <<EOF\necho a < b\nEOF',
    'RUN cat <<-EOT > /x && \\\n  echo done\n\tbody\n\tEOT\nRUN y',
    'COPY <<A <<B /dst/\na\nA\nb\nB',
    'ONBUILD RUN <<EOF\nx\nEOF',
    'RUN echo a <b \\\n# c <\n  <<EOF\nbody\nEOF',
    'RUN a \\\n  # only a comment\n  b < c',
    'RUN a <\\\n<EOF\nbody\nEOF',
    'ADD <<"Q" /q\n$X\nQ',
    // Comments before, between and inside stages: each goes to the part of the file it is in.
    '# top\nARG A=1\n# before from\nFROM a AS one\n# in one\nRUN x \\\n# inside\n  y\nFROM b\n  # indented\nCOPY --from=one / /\n# last',
    'FROM a\n# c1\n\n# c2\nFROM b\n# c3',
    // Exec form: the JSON instructions read their text through getRawArgumentsContent while constructed.
    'CMD ["a", "b c"]',
    'ENTRYPOINT [ "x" ,\
  "y" ]  ',
    'RUN --mount=type=cache,target=/c ["sh", "-c", "echo \\"hi\\""]',
    'SHELL ["/bin/bash", "-o", "pipefail", "-c"] \
',
    'CMD []',
    'CMD [ ]',
    "RUN ['single']",
    'HEALTHCHECK --interval=5s CMD ["curl", "-f", "x"]',
    'ONBUILD RUN ["a"]',
    'STOPSIGNAL SIGTERM',
    'VOLUME ["/a", "/b"]',
  ];
  const DIRECTIVES = ['', '# escape=`\n'];

  function rawArgs(text: string, version: number): string {
    const model = parseDockerfile(text, 'file:///astPerf/tricky', version);
    return JSON.stringify([
      model.ast.getInstructions().map((i) => [
        i.getRange(),
        (i as unknown as { getRawArguments(): Argument[] }).getRawArguments().map((a) => [a.getValue(), a.getRange()]),
        i.getRawArgumentsContent(),
        jsonParts(i),
      ]),
      model.ast.getComments().map((c) => c.getRange()),
      templateComments(model.ast),
      model.instructions.map((i) => i.heredocs.map((h) => [h.getName(), h.getStartRange(), h.getContentRange(), h.getDelimiterRange()])),
    ]);
  }

  it('splits continuations, escapes and comments exactly like the library', () => {
    let version = 0;
    for (const directive of DIRECTIVES) {
      for (const body of TRICKY) {
        for (const eol of ['\n', '\r\n']) {
          const lines = directive === '' ? body : body.replace(/\\/g, '`');
          const text = (directive + lines + '\nRUN z\n').replace(/\r?\n/g, eol);
          uninstallAstPerf();
          const plain = rawArgs(text, ++version);
          installAstPerf();
          assert.strictEqual(rawArgs(text, ++version), plain, JSON.stringify(text));
        }
      }
    }
  });
});
