/**
 * Compose benchmark: our full diagnostics (YAML + schema + semantic + best practice) on the corpus
 * and on a generated 5,000-line file, next to a bare `yaml` parse (what YAML-syntax-only servers do),
 * and cold start-up (a fresh process: load the bundled server, validate a first compose file).
 *
 * Run: `npm run build && node out/test/bench/composeBench.js` (add `--json` for machine output).
 * `@microsoft/compose-language-service` is not installed here; when it is, its diagnostics belong in
 * the same table (see `peerDiagnostics` below).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { parseDocument } from 'yaml';
import { createLanguageService } from '../../server/src/service';
import { nodeFiles } from '../../server/src/server';
import { doc, ROOT, SHARED } from '../util/text';

const CORPUS = path.join(SHARED, 'corpus', 'compose');

function corpus(): { file: string; text: string }[] {
  if (!fs.existsSync(CORPUS)) return [];
  const out: { file: string; text: string }[] = [];
  for (const dir of fs.readdirSync(CORPUS, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const f of fs.readdirSync(path.join(CORPUS, dir.name))) {
      if (/\.ya?ml$/.test(f)) out.push({ file: path.join(CORPUS, dir.name, f), text: fs.readFileSync(path.join(CORPUS, dir.name, f), 'utf8') });
    }
  }
  return out;
}

/** A realistic compose file of about `lines` lines: services with ports, volumes, env, healthchecks, depends_on. */
export function generateCompose(lines = 5000): string {
  const out = ['name: generated', 'services:'];
  let i = 0;
  while (out.length < lines - 30) {
    out.push(
      `  svc${i}:`,
      `    image: ghcr.io/acme/svc${i}:1.${i % 10}.0`,
      '    restart: unless-stopped',
      '    ports:',
      `      - "127.0.0.1:${10000 + i}:8080"`,
      '    environment:',
      `      SERVICE_NAME: svc${i}`,
      '      LOG_LEVEL: ${LOG_LEVEL:-info}',
      `      UPSTREAM: http://svc${Math.max(0, i - 1)}:8080`,
      '    volumes:',
      `      - data${i % 20}:/var/lib/svc`,
      `      - ./config/svc${i}.yaml:/etc/svc/config.yaml:ro`,
      '    networks: [backend]',
      '    healthcheck:',
      '      test: ["CMD", "wget", "-qO-", "http://localhost:8080/health"]',
      '      interval: 10s',
      '      timeout: 3s',
      '      retries: 3',
      ...(i > 0 ? ['    depends_on:', `      svc${i - 1}:`, '        condition: service_healthy'] : []),
    );
    i++;
  }
  out.push('networks:', '  backend:', 'volumes:');
  for (let v = 0; v < 20; v++) out.push(`  data${v}:`);
  return out.join('\n') + '\n';
}

/** Runs `a` and `b` alternately so that a load change on a shared machine hits both alike. */
function timePair(a: () => void, b: () => void, minRuns = 7, minMs = 1500): [number, number] {
  const sa: number[] = [];
  const sb: number[] = [];
  const started = performance.now();
  while (sa.length < minRuns || performance.now() - started < minMs) {
    let t = performance.now();
    a();
    sa.push(performance.now() - t);
    t = performance.now();
    b();
    sb.push(performance.now() - t);
    if (sa.length > 300) break;
  }
  const med = (x: number[]) => x.sort((p, q) => p - q)[Math.floor(x.length / 2)]!;
  return [med(sa), med(sb)];
}

export function time(fn: () => void, minRuns = 5, minMs = 500): { median: number; runs: number } {
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < minRuns || performance.now() - started < minMs) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
    if (samples.length > 500) break;
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)]!, runs: samples.length };
}

/** Cold start in a fresh Node process: load the bundled server over stdio, open a compose file, wait for its diagnostics. */
function coldStart(serverJs: string, text: string): Promise<{ initializeMs: number; firstDiagnosticsMs: number; count: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    let buffer = Buffer.alloc(0);
    let initializeMs = 0;
    const send = (msg: unknown) => {
      const body = Buffer.from(JSON.stringify(msg), 'utf8');
      child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
      child.stdin.write(body);
    };
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('server did not answer within 20 s'));
    }, 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const sep = buffer.indexOf('\r\n\r\n');
        if (sep < 0) return;
        const len = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, sep).toString())?.[1] ?? 0);
        if (buffer.length < sep + 4 + len) return;
        const msg = JSON.parse(buffer.subarray(sep + 4, sep + 4 + len).toString('utf8')) as { id?: number; method?: string; params?: { diagnostics?: unknown[] } };
        buffer = buffer.subarray(sep + 4 + len);
        if (msg.id === 1) {
          initializeMs = performance.now() - t0;
          send({ jsonrpc: '2.0', method: 'initialized', params: {} });
          send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///bench/compose.yaml', languageId: 'dockercompose', version: 1, text } } });
        } else if (msg.method === 'textDocument/publishDiagnostics') {
          clearTimeout(timer);
          const firstDiagnosticsMs = performance.now() - t0;
          child.kill();
          resolve({ initializeMs, firstDiagnosticsMs, count: msg.params?.diagnostics?.length ?? 0 });
        }
      }
    });
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
  });
}

export interface ComposeBenchResult {
  corpusFiles: number;
  corpusLines: number;
  corpusOursMs: number;
  corpusYamlOnlyMs: number;
  corpusOursNoFsMs: number;
  corpusYamlOnly2Ms: number;
  generatedLines: number;
  generatedOursMs: number;
  generatedYamlOnlyMs: number;
  generatedDiagnostics: number;
  cold?: { initializeMs: number; firstDiagnosticsMs: number; count: number };
  /** A fresh `node -e ""` on this machine: the part of the cold start that is Node itself. */
  nodeBootMs?: number;
  /** Fresh process: require the compiled service, then validate a first compose file (no LSP). */
  serviceColdMs?: { requireMs: number; firstValidateMs: number; cpuMs: number };
}

function nodeBoot(): Promise<number> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    spawn(process.execPath, ['-e', ''], { stdio: 'ignore' }).on('exit', () => resolve(performance.now() - t0));
  });
}

function serviceCold(text: string): Promise<{ requireMs: number; firstValidateMs: number; cpuMs: number }> {
  const script = `const c0 = process.cpuUsage(); const t0 = performance.now();
const { createLanguageService } = require(${JSON.stringify(path.join(ROOT, 'out', 'server', 'src', 'service', 'index.js'))});
const t1 = performance.now();
createLanguageService().validate({ uri: 'file:///bench/compose.yaml', version: 1, getText: () => ${JSON.stringify(text)} }, 'compose');
const t2 = performance.now(); const c = process.cpuUsage(c0);
process.stdout.write(JSON.stringify({ requireMs: t1 - t0, firstValidateMs: t2 - t1, cpuMs: (c.user + c.system) / 1000 }));`;
  return new Promise((resolve, reject) => {
    let out = '';
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', () => {
      try {
        resolve(JSON.parse(out) as { requireMs: number; firstValidateMs: number; cpuMs: number });
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  });
}

export async function composeBench(): Promise<ComposeBenchResult> {
  const files = corpus();
  const service = createLanguageService({ files: nodeFiles });
  let version = 0;
  // Every run parses anew (a new version), as when the user types.
  const validateAll = () => {
    version++;
    for (const f of files) service.validate(doc(f.text, pathToFileURL(f.file).toString(), 'dockercompose', version), 'compose', { fsPath: f.file });
  };
  const yamlAll = () => {
    for (const f of files) parseDocument(f.text, { prettyErrors: true });
  };
  validateAll(); // warm-up: JIT and the compiled schema
  const [corpusOurs, corpusYaml] = timePair(validateAll, yamlAll);
  // Without a file system the build-path checks stand down: the pure-CPU share, comparable with a YAML-only server.
  const validateAllNoFs = () => {
    version++;
    for (const f of files) service.validate(doc(f.text, pathToFileURL(f.file).toString(), 'dockercompose', version), 'compose');
  };
  const [corpusOursNoFs, corpusYaml2] = timePair(validateAllNoFs, yamlAll);

  const big = generateCompose(5000);
  let diagnostics = 0;
  const validateBig = () => {
    version++;
    diagnostics = service.validate(doc(big, 'file:///bench/compose.yaml', 'dockercompose', version), 'compose').length;
  };
  validateBig();
  const [bigOurs, bigYaml] = timePair(validateBig, () => parseDocument(big, { prettyErrors: true }));

  const result: ComposeBenchResult = {
    corpusFiles: files.length,
    corpusLines: files.reduce((n, f) => n + f.text.split('\n').length, 0),
    corpusOursMs: corpusOurs,
    corpusYamlOnlyMs: corpusYaml,
    corpusOursNoFsMs: corpusOursNoFs,
    corpusYamlOnly2Ms: corpusYaml2,
    generatedLines: big.split('\n').length,
    generatedOursMs: bigOurs,
    generatedYamlOnlyMs: bigYaml,
    generatedDiagnostics: diagnostics,
  };
  const serverJs = path.join(ROOT, 'dist', 'server.js');
  if (fs.existsSync(serverJs)) {
    const sample = files[0]?.text ?? 'services:\n  web:\n    image: nginx:1.27\n';
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(await coldStart(serverJs, sample));
    runs.sort((a, b) => a.firstDiagnosticsMs - b.firstDiagnosticsMs);
    result.cold = runs[2];
  }
  const boots: number[] = [];
  const services: { requireMs: number; firstValidateMs: number; cpuMs: number }[] = [];
  const sample = files[0]?.text ?? 'services:\n  web:\n    image: nginx:1.27\n';
  for (let i = 0; i < 5; i++) {
    boots.push(await nodeBoot());
    services.push(await serviceCold(sample));
  }
  boots.sort((a, b) => a - b);
  services.sort((a, b) => a.requireMs + a.firstValidateMs - (b.requireMs + b.firstValidateMs));
  result.nodeBootMs = boots[2];
  result.serviceColdMs = services[2];
  return result;
}

if (require.main === module) {
  composeBench().then((r) => {
    if (process.argv.includes('--json')) {
      process.stdout.write(JSON.stringify(r, null, 2) + '\n');
      return;
    }
    const f = (n: number) => n.toFixed(2).padStart(9);
    process.stdout.write([
      'Compose diagnostics (median ms per pass)      ours (full)   yaml parse only   ratio',
      `corpus: ${r.corpusFiles} files, ${r.corpusLines} lines           ${f(r.corpusOursMs)}      ${f(r.corpusYamlOnlyMs)}   ${(r.corpusOursMs / r.corpusYamlOnlyMs).toFixed(2)}x`,
      `corpus, no file-system checks               ${f(r.corpusOursNoFsMs)}      ${f(r.corpusYamlOnly2Ms)}   ${(r.corpusOursNoFsMs / r.corpusYamlOnly2Ms).toFixed(2)}x`,
      `generated: ${r.generatedLines} lines (${r.generatedDiagnostics} diagn.) ${f(r.generatedOursMs)}      ${f(r.generatedYamlOnlyMs)}   ${(r.generatedOursMs / r.generatedYamlOnlyMs).toFixed(2)}x`,
      r.serviceColdMs ? `cold service (fresh process, compiled out/): require ${r.serviceColdMs.requireMs.toFixed(0)} ms + first compose validation ${r.serviceColdMs.firstValidateMs.toFixed(0)} ms wall, ${r.serviceColdMs.cpuMs.toFixed(0)} ms CPU for both (node itself boots in ${r.nodeBootMs?.toFixed(0)} ms)` : '',
      r.cold ? `cold start (dist/server.js, fresh process): initialize ${r.cold.initializeMs.toFixed(0)} ms, first compose diagnostics ${r.cold.firstDiagnosticsMs.toFixed(0)} ms` : 'cold start: dist/server.js missing (run npm run bundle)',
      '',
    ].join('\n'));
  }).catch((e: unknown) => {
    process.stderr.write(`${String(e)}\n`);
    process.exitCode = 1;
  });
}
