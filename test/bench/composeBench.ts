/**
 * Compose benchmark: our full diagnostics (YAML + schema + semantic + best practice) on the corpus
 * and on a generated 5,000-line file, against `@microsoft/compose-language-service`'s diagnostics
 * (YAML syntax only) in the same run, and cold start-up (a fresh process: load the bundled server,
 * validate a first compose file).
 *
 * Run: `npm run bench` (prints this after the Dockerfile tables), or
 * `npm run build && node out/test/bench/composeBench.js` (add `--json` for machine output).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type * as ServiceBundle from '../../server/src/serviceBundle';
import { doc, ROOT, SHARED } from '../util/text';

const CORPUS = path.join(SHARED, 'corpus', 'compose');

/**
 * The peer's diagnostics, its own code path minus the transport: its DiagnosticProvider builds a
 * ComposeDocument, reads the lazily parsed YAML document's errors and warnings and maps their ranges
 * (the provider itself only runs behind a debounce and a live connection). Loaded by path: the
 * package's `exports` do not list these modules.
 */
const PEER_DIST = path.join(ROOT, 'node_modules', '@microsoft', 'compose-language-service', 'dist', 'cjs');
interface PeerComposeDocument { yamlDocument: { value: { errors: { pos: [number, number]; message: string; name: string; code: string }[]; warnings: { pos: [number, number]; message: string; name: string; code: string }[] } } }
type PeerDiagnostics = (text: string, uri: string) => Diagnostic[];

export function loadPeer(): PeerDiagnostics | undefined {
  const docPath = path.join(PEER_DIST, 'service', 'ComposeDocument.js');
  const rangePath = path.join(PEER_DIST, 'service', 'utils', 'yamlRangeToLspRange.js');
  if (!fs.existsSync(docPath) || !fs.existsSync(rangePath)) return undefined;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { ComposeDocument } = require(docPath) as { ComposeDocument: new (doc: TextDocument) => PeerComposeDocument };
  const { yamlRangeToLspRange } = require(rangePath) as { yamlRangeToLspRange: (doc: TextDocument, pos: [number, number]) => Diagnostic['range'] };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return (text, uri) => {
    const td = TextDocument.create(uri, 'dockercompose', 1, text);
    const yaml = new ComposeDocument(td).yamlDocument.value;
    return [...yaml.errors, ...yaml.warnings].map((e) => ({ range: yamlRangeToLspRange(td, e.pos), message: e.message, severity: e.name === 'YAMLWarning' ? 2 : 1, code: e.code }));
  };
}

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

/** Untimed alternate passes of both sides before each pair is timed: at least this many, for at least this long. */
const WARMUP_RUNS = 5;
const WARMUP_MS = 3000;

/**
 * Runs `a` and `b` alternately so that a load change on a shared machine hits both alike, after
 * untimed alternate runs of both (WARMUP_RUNS and WARMUP_MS): the medians are steady-state times per
 * pass, not a mix of JIT warm-up and steady state (the cold start-up rows below measure a first run).
 */
function timePair(a: () => void, b: () => void, minRuns = 7, minMs = 1500): [number, number, number, number] {
  // The warm-up passes are timed too: the medians of the first WARMUP_RUNS are reported as JIT warm-up.
  const wa: number[] = [];
  const wb: number[] = [];
  const warmup = performance.now();
  for (let i = 0; i < WARMUP_RUNS || performance.now() - warmup < WARMUP_MS; i++) {
    let t = performance.now();
    a();
    if (i < WARMUP_RUNS) wa.push(performance.now() - t);
    t = performance.now();
    b();
    if (i < WARMUP_RUNS) wb.push(performance.now() - t);
  }
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
  return [med(sa), med(sb), med(wa), med(wb)];
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
  peer: boolean;
  corpusFiles: number;
  corpusLines: number;
  corpusOursMs: number;
  corpusPeerMs: number;
  corpusOursNoFsMs: number;
  corpusPeer2Ms: number;
  /** The first passes of the process (median of WARMUP_RUNS), while the JIT warms up: what a first minute of editing sees. */
  corpusFirstOursMs: number;
  corpusFirstPeerMs: number;
  generatedLines: number;
  generatedOursMs: number;
  generatedPeerMs: number;
  generatedDiagnostics: number;
  cold?: { initializeMs: number; firstDiagnosticsMs: number; count: number };
  /** A fresh `node -e ""` on this machine: the part of the cold start that is Node itself. */
  nodeBootMs?: number;
  /** Fresh process: require the bundled server (dist/server.js), then validate a first compose file (no LSP); median. */
  serviceColdMs?: { requireMs: number; firstValidateMs: number; cpuMs: number };
  serviceColdRuns?: number;
}

function nodeBoot(): Promise<number> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    spawn(process.execPath, ['-e', ''], { stdio: 'ignore' }).on('exit', () => resolve(performance.now() - t0));
  });
}

function serviceCold(text: string): Promise<{ requireMs: number; firstValidateMs: number; cpuMs: number }> {
  const script = `const c0 = process.cpuUsage(); const t0 = performance.now();
const { createLanguageService } = require(${JSON.stringify(path.join(ROOT, 'dist', 'server.js'))});
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
  // The shipped bundle, as bench.ts measures it: loading the tsc output here would patch the dockerfile-ast
  // copy that dockerfile-utils uses in the same process.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createLanguageService, nodeFiles } = require(path.join(ROOT, 'dist', 'service.js')) as typeof ServiceBundle;
  const service = createLanguageService({ files: nodeFiles });
  const loaded = loadPeer();
  // Without the peer installed the table still runs, against nothing (ratio shown as n/a).
  const peer: PeerDiagnostics = loaded ?? (() => []);
  let version = 0;
  // Every run parses anew (a new version), as when the user types; the peer gets a new document too.
  const validateAll = () => {
    version++;
    for (const f of files) service.validate(doc(f.text, pathToFileURL(f.file).toString(), 'dockercompose', version), 'compose', { fsPath: f.file });
  };
  const peerAll = () => {
    for (const f of files) peer(f.text, pathToFileURL(f.file).toString());
  };
  const [corpusOurs, corpusPeer, corpusFirstOurs, corpusFirstPeer] = timePair(validateAll, peerAll);
  // Without a file system the build-path checks stand down: the pure-CPU share.
  const validateAllNoFs = () => {
    version++;
    for (const f of files) service.validate(doc(f.text, pathToFileURL(f.file).toString(), 'dockercompose', version), 'compose');
  };
  const [corpusOursNoFs, corpusPeer2] = timePair(validateAllNoFs, peerAll);

  const big = generateCompose(5000);
  let diagnostics = 0;
  const validateBig = () => {
    version++;
    diagnostics = service.validate(doc(big, 'file:///bench/compose.yaml', 'dockercompose', version), 'compose').length;
  };
  const [bigOurs, bigPeer] = timePair(validateBig, () => peer(big, 'file:///bench/compose.yaml'));

  const result: ComposeBenchResult = {
    peer: loaded !== undefined,
    corpusFiles: files.length,
    corpusLines: files.reduce((n, f) => n + f.text.split('\n').length, 0),
    corpusOursMs: corpusOurs,
    corpusPeerMs: corpusPeer,
    corpusOursNoFsMs: corpusOursNoFs,
    corpusPeer2Ms: corpusPeer2,
    corpusFirstOursMs: corpusFirstOurs,
    corpusFirstPeerMs: corpusFirstPeer,
    generatedLines: big.split('\n').length,
    generatedOursMs: bigOurs,
    generatedPeerMs: bigPeer,
    generatedDiagnostics: diagnostics,
  };
  const serverJs = path.join(ROOT, 'dist', 'server.js');
  if (!fs.existsSync(serverJs)) return result;
  const sample = files[0]?.text ?? 'services:\n  web:\n    image: nginx:1.27\n';
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(await coldStart(serverJs, sample));
  runs.sort((a, b) => a.firstDiagnosticsMs - b.firstDiagnosticsMs);
  result.cold = runs[2];
  const boots: number[] = [];
  const services: { requireMs: number; firstValidateMs: number; cpuMs: number }[] = [];
  const COLD_RUNS = 7;
  for (let i = 0; i < COLD_RUNS; i++) {
    boots.push(await nodeBoot());
    services.push(await serviceCold(sample));
  }
  boots.sort((a, b) => a - b);
  services.sort((a, b) => a.requireMs + a.firstValidateMs - (b.requireMs + b.firstValidateMs));
  result.nodeBootMs = boots[COLD_RUNS >> 1];
  result.serviceColdMs = services[COLD_RUNS >> 1];
  result.serviceColdRuns = COLD_RUNS;
  return result;
}

/** Targets from issue 5: at most 2x the peer's diagnostics time, start-up with the schema under 150 ms. */
export const COMPOSE_RATIO_LIMIT = 2;
export const COMPOSE_STARTUP_LIMIT_MS = 150;

export function formatComposeBench(r: ComposeBenchResult): string {
  const f = (n: number) => n.toFixed(2).padStart(9);
  const ratio = (a: number, b: number) => (r.peer && b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a');
  const met = (ok: boolean) => (ok ? 'yes' : 'NO');
  const lines = [
    `Compose diagnostics (median ms per pass)      ours (full)   ${r.peer ? '@microsoft/compose-language-service (YAML syntax only)' : 'peer NOT INSTALLED'}   ratio`,
    `corpus: ${r.corpusFiles} files, ${r.corpusLines} lines           ${f(r.corpusOursMs)}      ${f(r.corpusPeerMs)}   ${ratio(r.corpusOursMs, r.corpusPeerMs)}`,
    `corpus, no file-system checks               ${f(r.corpusOursNoFsMs)}      ${f(r.corpusPeer2Ms)}   ${ratio(r.corpusOursNoFsMs, r.corpusPeer2Ms)}`,
    `corpus, first ${WARMUP_RUNS} passes (JIT warming up)    ${f(r.corpusFirstOursMs)}      ${f(r.corpusFirstPeerMs)}   ${ratio(r.corpusFirstOursMs, r.corpusFirstPeerMs)}`,
    `generated: ${r.generatedLines} lines (${r.generatedDiagnostics} diagn.) ${f(r.generatedOursMs)}      ${f(r.generatedPeerMs)}   ${ratio(r.generatedOursMs, r.generatedPeerMs)}`,
  ];
  if (r.serviceColdMs) {
    const c = r.serviceColdMs;
    lines.push(`cold start-up (fresh process, median of ${r.serviceColdRuns}): require dist/server.js ${c.requireMs.toFixed(0)} ms + first compose validation ${c.firstValidateMs.toFixed(0)} ms = ${(c.requireMs + c.firstValidateMs).toFixed(0)} ms wall (${c.cpuMs.toFixed(0)} ms CPU); node itself boots in ${r.nodeBootMs?.toFixed(0)} ms`);
  }
  if (r.cold) lines.push(`cold LSP start (dist/server.js over stdio, median of 5): initialize ${r.cold.initializeMs.toFixed(0)} ms, first compose diagnostics ${r.cold.firstDiagnosticsMs.toFixed(0)} ms (node boot included)`);
  else lines.push('cold start: dist/server.js missing (run npm run bundle)');
  lines.push('', 'compose targets');
  if (r.peer) {
    lines.push(`  corpus ours/peer ${ratio(r.corpusOursMs, r.corpusPeerMs)} <= ${COMPOSE_RATIO_LIMIT}x: ${met(r.corpusOursMs <= COMPOSE_RATIO_LIMIT * r.corpusPeerMs)}`);
    lines.push(`  5,000 lines ours/peer ${ratio(r.generatedOursMs, r.generatedPeerMs)} <= ${COMPOSE_RATIO_LIMIT}x: ${met(r.generatedOursMs <= COMPOSE_RATIO_LIMIT * r.generatedPeerMs)}`);
  }
  if (r.serviceColdMs) {
    const total = r.serviceColdMs.requireMs + r.serviceColdMs.firstValidateMs;
    lines.push(`  start-up with the schema (require + first validation) ${total.toFixed(0)} ms <= ${COMPOSE_STARTUP_LIMIT_MS} ms: ${met(total <= COMPOSE_STARTUP_LIMIT_MS)}`);
  }
  return lines.join('\n') + '\n';
}

if (require.main === module) {
  composeBench().then((r) => {
    process.stdout.write(process.argv.includes('--json') ? JSON.stringify(r, null, 2) + '\n' : formatComposeBench(r));
  }).catch((e: unknown) => {
    process.stderr.write(`${String(e)}\n`);
    process.exitCode = 1;
  });
}
