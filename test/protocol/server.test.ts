import * as assert from 'assert';
import type { ChildProcessWithoutNullStreams } from 'child_process';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type {
  CodeAction, Diagnostic, InitializeResult, ProtocolConnection, PublishDiagnosticsParams, TextEdit,
} from 'vscode-languageserver-protocol/node';
import {
  CodeActionRequest, ConfigurationRequest, createProtocolConnection, DiagnosticSeverity, DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification, DocumentSymbolRequest, ExitNotification, HoverRequest, InitializedNotification,
  InitializeRequest, LogMessageNotification, PublishDiagnosticsNotification, ShutdownRequest, StreamMessageReader, StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isolatedEnv } from '../util/isolatedEnv';
import { ROOT } from '../util/text';

/**
 * The bundled server (`dist/server.js`, and `docker-tutor lsp --stdio` through bin/) spoken to over
 * stdio by the same JSON-RPC/LSP client library editors use. No sleeps: every step waits for the
 * message it needs, with a timeout.
 */
const WAIT_MS = 20_000;

interface Session {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly conn: ProtocolConnection;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
  /** Resolves with the first diagnostics for `uri` that satisfy `accept` (earlier ones included). */
  diagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams>;
  /** What the server asked through workspace/configuration. */
  readonly configurationRequests: unknown[];
  /** window/logMessage texts: the server logs a failing handler there. */
  readonly logs: string[];
}

function withTimeout<T>(p: Promise<T>, what: string, session?: { stderr: () => string }): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${what}${session ? `\nserver stderr:\n${session.stderr()}` : ''}`)), WAIT_MS);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

function start(args: readonly string[], settings: unknown): Session {
  const proc = spawn(process.execPath, args, { cwd: ROOT, env: isolatedEnv(), stdio: 'pipe' });
  let stderr = '';
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (c: string) => (stderr += c));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const seen: PublishDiagnosticsParams[] = [];
  const waiters: { uri: string; accept: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    seen.push(p);
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i]!;
      if (w.uri === p.uri && w.accept(p)) {
        waiters.splice(i, 1);
        w.resolve(p);
      }
    }
  });
  const configurationRequests: unknown[] = [];
  conn.onRequest(ConfigurationRequest.type, (params) => {
    configurationRequests.push(params);
    return params.items.map(() => settings);
  });
  const logs: string[] = [];
  conn.onNotification(LogMessageNotification.type, (p) => {
    logs.push(p.message);
  });
  conn.listen();
  return {
    logs,
    proc,
    conn,
    stderr: () => stderr,
    exited,
    configurationRequests,
    diagnostics(uri, accept) {
      const hit = seen.find((p) => p.uri === uri && accept(p));
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve) => waiters.push({ uri, accept, resolve }));
    },
  };
}

async function initialize(s: Session, initializationOptions?: unknown): Promise<InitializeResult> {
  const result = await withTimeout(s.conn.sendRequest(InitializeRequest.type, {
    initializationOptions,
    processId: null,
    rootUri: null,
    workspaceFolders: null,
    capabilities: {
      workspace: { configuration: true },
      textDocument: {
        publishDiagnostics: { versionSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
      },
    },
  }), 'initialize', s);
  await s.conn.sendNotification(InitializedNotification.type, {});
  return result;
}

async function shutdown(s: Session): Promise<void> {
  await withTimeout(s.conn.sendRequest(ShutdownRequest.type), 'shutdown', s);
  await s.conn.sendNotification(ExitNotification.type);
  const code = await withTimeout(s.exited, 'the server to exit', s);
  assert.strictEqual(code, 0, 'the server exits with 0 after shutdown + exit');
  s.conn.dispose();
}

function kill(s: Session | undefined): void {
  if (s && s.proc.exitCode === null && !s.proc.killed) s.proc.kill();
  s?.conn.dispose();
}

describe('LSP server over stdio (bundled)', function () {
  this.timeout(60_000);

  before(() => {
    for (const f of ['dist/server.js', 'dist/cli.js']) assert.ok(fs.existsSync(path.join(ROOT, f)), `${f} is missing: run \`npm run build\` (npm test does)`);
  });

  describe('node dist/server.js --stdio', () => {
    let s: Session | undefined;
    after(() => kill(s));

    it('publishes diagnostics, answers hover, and a quick fix removes its diagnostic', async () => {
      // Raising MAINTAINER to error proves the server asked for, and used, the client's settings.
      s = start([path.join(ROOT, 'dist', 'server.js'), '--stdio'], { diagnostics: { rules: { 'dockerfile/maintainer-deprecated': 'error' } } });
      const init = await initialize(s);
      assert.ok(init.capabilities.hoverProvider, 'hover is advertised');
      assert.ok(init.capabilities.codeActionProvider, 'code actions are advertised');

      const uri = pathToFileURL(path.join(ROOT, 'test', 'fixtures', 'cli', 'protocol', 'Dockerfile')).href;
      const text = 'FROM alpine:3.20 AS base\nMAINTAINER Jane <jane@example.com>\nRUNN apk add --no-cache curl=8.9.1-r0\nCMD ["sh"]\n';
      await s.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });

      const first = await withTimeout(s.diagnostics(uri, (p) => p.version === 1), 'diagnostics for version 1', s);
      const byRule = (d: Diagnostic) => String(d.code);
      assert.deepStrictEqual(first.diagnostics.map(byRule), ['dockerfile/maintainer-deprecated', 'dockerfile/unknown-instruction']);
      const maintainer = first.diagnostics[0]!;
      assert.strictEqual(maintainer.severity, DiagnosticSeverity.Error, 'the configured level wins over the default warning');
      assert.strictEqual(maintainer.source, 'Docker Tutor');
      assert.ok(s.configurationRequests.length > 0, 'the server pulled workspace/configuration');

      // Hover content comes from the hover module; whatever it answers must be a well-formed reply.
      for (const position of [{ line: 0, character: 1 }, { line: 0, character: 22 }, { line: 2, character: 10 }, { line: 99, character: 0 }]) {
        const hover = await withTimeout(s.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position }), 'hover', s);
        assert.ok(hover === null || (typeof hover === 'object' && 'contents' in hover), `hover at ${JSON.stringify(position)}: ${JSON.stringify(hover)}`);
      }
      const symbols = await withTimeout(s.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }), 'documentSymbol', s);
      assert.ok(symbols === null || Array.isArray(symbols));

      const unknown = first.diagnostics[1]!;
      const actions = await withTimeout(s.conn.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: unknown.range,
        context: { diagnostics: [unknown], only: ['quickfix'] },
      }), 'codeAction', s);
      const fix = (actions ?? []).find((a): a is CodeAction => 'edit' in a && a.isPreferred === true && (a.diagnostics ?? []).some((d) => d.code === unknown.code));
      assert.ok(fix, `a preferred quick fix for the unknown instruction among ${JSON.stringify((actions ?? []).map((a) => a.title))}`);
      assert.strictEqual(fix.title, 'Change to RUN');
      const edits: TextEdit[] = fix.edit?.changes?.[uri] ?? [];
      assert.ok(edits.length > 0, 'the fix carries a WorkspaceEdit for this document');
      const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'dockerfile', 1, text), edits);
      assert.strictEqual(fixed.split('\n')[2], 'RUN apk add --no-cache curl=8.9.1-r0');

      await s.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
      const second = await withTimeout(s.diagnostics(uri, (p) => p.version === 2), 'diagnostics for version 2', s);
      assert.deepStrictEqual(second.diagnostics.map(byRule), ['dockerfile/maintainer-deprecated'], 'the fixed diagnostic is gone, the other stays');

      await shutdown(s);
      assert.deepStrictEqual(s.logs.filter((m) => /failed/i.test(m)), [], 'no handler failed');
    });
  });

  describe('when diagnostics run', () => {
    let s: Session | undefined;
    after(() => kill(s));

    it('checks an opened document at once and an edited one after the typing pause', async () => {
      // A typing pause longer than the wait: whatever is published in time was not debounced.
      s = start([path.join(ROOT, 'dist', 'server.js'), '--stdio'], {});
      await initialize(s, { diagnosticsDelayMs: 60_000 });
      const a = 'file:///protocol/debounce/compose.yaml';
      const text = 'services:\n  web:\n    image: nginx:1.27\n    restrat: always\n';
      await s.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: a, languageId: 'dockercompose', version: 1, text } });
      const opened = await withTimeout(s.diagnostics(a, (p) => p.version === 1), 'diagnostics of the opened document', s);
      assert.deepStrictEqual(opened.diagnostics.map((d) => d.code), ['compose/unknown-key']);

      // An edit waits for the pause: a document opened after it is checked first, the edit not yet.
      const fixed = text.replace('restrat', 'restart');
      await s.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: a, version: 2 }, contentChanges: [{ text: fixed }] });
      const b = 'file:///protocol/debounce/other/compose.yaml';
      await s.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: b, languageId: 'dockercompose', version: 1, text: fixed } });
      const other = await withTimeout(s.diagnostics(b, (p) => p.version === 1), 'diagnostics of the second opened document', s);
      assert.deepStrictEqual(other.diagnostics, []);
      const early = await Promise.race([s.diagnostics(a, (p) => p.version === 2).then(() => 'published'), Promise.resolve('pending')]);
      assert.strictEqual(early, 'pending', 'the edit is still waiting for the typing pause');
      await shutdown(s);
    });
  });

  describe('docker-tutor lsp --stdio (bin)', () => {
    let s: Session | undefined;
    after(() => kill(s));

    it('initializes, lints an open document and shuts down', async () => {
      s = start([path.join(ROOT, 'bin', 'docker-tutor.js'), 'lsp', '--stdio'], {});
      const init = await initialize(s);
      assert.strictEqual(init.serverInfo?.name, 'docker-tutor');
      assert.ok(init.capabilities.textDocumentSync !== undefined);
      const uri = 'untitled:Dockerfile-bin';
      await s.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'dockerfile', version: 7, text: 'FROM alpine:3.20\nMAINTAINER me\n' } });
      const d = await withTimeout(s.diagnostics(uri, (p) => p.version === 7), 'diagnostics via bin', s);
      assert.deepStrictEqual(d.diagnostics.map((x) => [x.code, x.severity]), [['dockerfile/maintainer-deprecated', DiagnosticSeverity.Warning]]);
      await shutdown(s);
    });
  });
});
