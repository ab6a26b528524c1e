import * as assert from 'assert';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/service';
import { Checker } from './propertyWorker';
import type { PropertyJob, PropertyOutcome } from './propertyWorker';

/**
 * Robustness: random and mutated Dockerfiles (fixtures and, when present, the shared corpus with
 * inserted escapes, heredoc markers, quotes, `${`, CRLF, BOM, NUL, duplicated and deleted lines)
 * never make a service call throw or hang, and every range the service returns lies inside the
 * document. The checks run in a worker so a hang fails the test at a deadline instead of freezing it.
 * A failure prints fast-check's seed and the shrunk counterexample; rerun with PROPERTY_SEED=<seed>.
 * PROPERTY_SEED=random draws a new seed (the default is fixed, so CI is reproducible).
 */
const DEADLINE_MS = 90_000;

function runInWorker(job: PropertyJob): Promise<PropertyOutcome> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'propertyWorker.js'), { workerData: job });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`the ${job.name} property did not finish within ${DEADLINE_MS} ms: a service call hangs (seed ${String(job.seed)})`));
    }, DEADLINE_MS);
    worker.once('message', (m: PropertyOutcome) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(m);
    });
    worker.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

// CI runs a fixed seed so a result is reproducible; PROPERTY_SEED=random explores new inputs (run it often locally).
const FIXED_SEED = 20261123;
const seed = process.env.PROPERTY_SEED === 'random'
  ? Date.now() ^ (Math.random() * 0x7fffffff)
  : process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : FIXED_SEED;

describe('service robustness (fast-check)', function () {
  this.timeout(DEADLINE_MS + 10_000);

  for (const job of [{ name: 'mutated', numRuns: 300 }, { name: 'random', numRuns: 400 }] as const) {
    it(`${job.name} Dockerfiles: no throw, no hang, ranges inside the document`, async () => {
      const outcome = await runInWorker({ ...job, seed });
      if (job.name === 'mutated') assert.ok(outcome.bases > 0, 'no fixture files to mutate');
      assert.ok(!outcome.failed, `${outcome.report}\n(seed ${outcome.seed})`);
      assert.strictEqual(outcome.numRuns, job.numRuns);
      assert.ok(outcome.diagnostics > 0 && outcome.edits > 0, `the inputs never produced a diagnostic or an edit: ${JSON.stringify(outcome)}`);
    });
  }

  it('a generated 10 MB Dockerfile is handled without throwing', function () {
    this.timeout(180_000);
    const stage = (i: number) => [
      `FROM node:22 AS s${i}`,
      'ARG VERSION=1.0',
      'ENV APP_HOME=/app PATH="${APP_HOME}/bin:${PATH}"',
      'RUN apt-get update \\',
      '    && apt-get install -y --no-install-recommends curl \\',
      '    && rm -rf /var/lib/apt/lists/*',
      'RUN <<EOF',
      'echo "heredoc ${VERSION}"',
      'EOF',
      `COPY --from=s${Math.max(0, i - 1)} --chown=node:node /app /app`,
      'MAINTAINER nobody@example.com',
      'RUNN echo typo',
      'CMD ["node", "server.js"]',
      '',
    ].join('\n');
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 10 * 1024 * 1024; i++) {
      const s = stage(i);
      parts.push(s);
      size += s.length;
    }
    const text = parts.join('');
    const service = createLanguageService();
    const doc = TextDocument.create('file:///big/Dockerfile', 'dockerfile', 1, text);
    const diagnostics = service.validate(doc, 'dockerfile');
    assert.ok(diagnostics.length >= 2 * parts.length, `expected a MAINTAINER and an unknown-instruction finding per stage, got ${diagnostics.length}`);
    const last = doc.lineCount - 2;
    assert.doesNotThrow(() => service.hover(doc, 'dockerfile', { line: last, character: 2 }));
    const lastDiag = diagnostics[diagnostics.length - 1]!;
    const actions = service.codeActions(doc, 'dockerfile', lastDiag.range, diagnostics, undefined);
    assert.ok(actions.length > 0, 'the last finding still gets quick fixes');
    assert.doesNotThrow(() => service.documentSymbols(doc, 'dockerfile'));
  });
});

describe('one 10 MB RUN', () => {
  it('is left to the notice, not parsed: a handful of findings instead of one per word', function () {
    this.timeout(60_000);
    // Before the limit: 2.5 million apt-get-unpinned findings, minutes of work and 3 GB of memory.
    const text = 'FROM debian:12\nRUN apt-get install -y ' + 'pkg '.repeat(2_500_000) + '\nRUN apt-get install -y curl\n';
    const service = createLanguageService();
    const results = service.dockerfileResults(TextDocument.create('file:///big/Dockerfile', 'dockerfile', 1, text));
    const notice = results.filter((r) => r.rule.id === 'dockerfile/run-too-long-to-check');
    assert.strictEqual(notice.length, 1);
    assert.strictEqual(notice[0]!.diagnostic.range.start.line, 1);
    assert.match(notice[0]!.finding.message, /10,000,019 characters of shell/);
    assert.ok(results.length < 20, `${results.length} findings`);
    // The short RUN after it is still checked.
    assert.ok(results.some((r) => r.rule.id === 'dockerfile/apt-get-unpinned' && r.diagnostic.range.start.line === 2));
  });
});

describe('property checker', () => {
  it('rejects a range outside the document and overlapping edits', () => {
    const c = new Checker('FROM a\r\nRUN b\n', 'file:///x');
    assert.doesNotThrow(() => c.range({ start: { line: 1, character: 0 }, end: { line: 1, character: 5 } }, 'ok'));
    assert.doesNotThrow(() => c.range({ start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, 'empty last line'));
    assert.throws(() => c.range({ start: { line: 0, character: 0 }, end: { line: 0, character: 7 } }, 'x'), /outside the document/, 'between CR and LF');
    assert.throws(() => c.range({ start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, 'x'), /outside the document/);
    assert.throws(() => c.range({ start: { line: 1, character: 3 }, end: { line: 1, character: 1 } }, 'x'), /ends before it starts/);
    assert.throws(() => c.edits([
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, newText: 'x' },
      { range: { start: { line: 0, character: 2 }, end: { line: 0, character: 6 } }, newText: 'y' },
    ], 'x'), /verlapping/);
  });
});
