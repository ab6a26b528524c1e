import * as assert from 'assert';
import type { ChildProcessWithoutNullStreams } from 'child_process';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { ProtocolConnection, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import {
  ConfigurationRequest, createProtocolConnection, DiagnosticSeverity, DidChangeTextDocumentNotification, DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification, DidOpenTextDocumentNotification, ExitNotification, FileChangeType, InitializedNotification,
  InitializeRequest, PublishDiagnosticsNotification, RegistrationRequest, ShutdownRequest, StreamMessageReader, StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import type { Registration } from 'vscode-languageserver-protocol/node';
import { ROOT } from '../util/text';

/**
 * `.hadolint.yaml` in the editor: the bundled server over stdio, with real workspace folders on disk.
 * The editor settings turn DL3006 up to error; a workspace `.hadolint.yaml` that ignores it must win.
 */
const WAIT_MS = 20_000;
const UNTAGGED = 'dockerfile/untagged-base-image';

function withTimeout<T>(p: Promise<T>, what: string, stderr: () => string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${what}\nserver stderr:\n${stderr()}`)), WAIT_MS);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

describe('protocol: .hadolint.yaml', function () {
  this.timeout(60_000);
  let tmp: string;
  let proc: ChildProcessWithoutNullStreams | undefined;
  let conn: ProtocolConnection | undefined;
  let stderr = '';
  const seen: PublishDiagnosticsParams[] = [];
  const registrations: Registration[] = [];
  let home = '';
  const waiters: { uri: string; accept: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];

  /** The first diagnostics for `uri` that satisfy `accept`, from `since` on (earlier ones are stale). */
  const diagnostics = (uri: string, accept: (p: PublishDiagnosticsParams) => boolean, since = 0): Promise<PublishDiagnosticsParams> => {
    const hit = seen.slice(since).find((p) => p.uri === uri && accept(p));
    const p = hit ? Promise.resolve(hit) : new Promise<PublishDiagnosticsParams>((resolve) => waiters.push({ uri, accept, resolve }));
    return withTimeout(p, `diagnostics for ${uri}`, () => stderr);
  };
  const codes = (p: PublishDiagnosticsParams): string[] => p.diagnostics.map((d) => String(d.code));

  const folder = (name: string): string => path.join(tmp, name);
  const uriOf = (...parts: string[]): string => pathToFileURL(path.join(tmp, ...parts)).href;
  const open = async (uri: string, text: string): Promise<void> => {
    await conn!.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
  };

  before(async () => {
    assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'server.js')), 'dist/server.js is missing: run `npm run build` (npm test does)');
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'docker-tutor-hadolint-')));
    fs.mkdirSync(path.join(folder('quiet'), 'services', 'api'), { recursive: true });
    fs.writeFileSync(path.join(folder('quiet'), '.hadolint.yaml'), '# base images are pinned by digest in CI\nignored:\n  - DL3006\n');
    fs.mkdirSync(folder('plain'));
    fs.mkdirSync(folder('broken'));
    fs.writeFileSync(path.join(folder('broken'), '.hadolint.yaml'), 'ignored:\n  - DL3006\noverride: [\n');
    fs.mkdirSync(path.join(tmp, 'home'));

    // A home of our own: a hadolint config on the machine running the tests must not leak in.
    home = path.join(tmp, 'home');
    proc = spawn(process.execPath, [path.join(ROOT, 'dist', 'server.js'), '--stdio'], {
      cwd: ROOT, stdio: 'pipe', env: { ...process.env, HOME: home, USERPROFILE: home, XDG_CONFIG_HOME: path.join(home, '.config') },
    });
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (c: string) => (stderr += c));
    conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
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
    conn.onRequest(RegistrationRequest.type, (p) => {
      registrations.push(...p.registrations);
    });
    conn.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({ diagnostics: { rules: { DL3006: 'error' } } })));
    conn.listen();
    await withTimeout(conn.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: null,
      workspaceFolders: ['quiet', 'plain', 'broken'].map((n) => ({ uri: pathToFileURL(folder(n)).href, name: n })),
      capabilities: { workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } } },
    }), 'initialize', () => stderr);
    await conn.sendNotification(InitializedNotification.type, {});
  });

  after(async () => {
    if (conn && proc && proc.exitCode === null) {
      await withTimeout(conn.sendRequest(ShutdownRequest.type), 'shutdown', () => stderr);
      await conn.sendNotification(ExitNotification.type);
    }
    conn?.dispose();
    if (proc && proc.exitCode === null) proc.kill();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('a workspace .hadolint.yaml with ignored: [DL3006] silences the rule, over the editor settings', async () => {
    const quiet = uriOf('quiet', 'services', 'api', 'Dockerfile');
    const plain = uriOf('plain', 'Dockerfile');
    await open(plain, 'FROM ubuntu\nCMD ["bash"]\n');
    await open(quiet, 'FROM ubuntu\nCMD ["bash"]\n');
    // The control: without a config file the editor setting makes it an error.
    const control = await diagnostics(plain, (p) => p.diagnostics.length > 0);
    const untagged = control.diagnostics.find((d) => d.code === UNTAGGED);
    assert.ok(untagged, `expected ${UNTAGGED} in ${JSON.stringify(codes(control))}`);
    assert.strictEqual(untagged.severity, DiagnosticSeverity.Error);
    const silenced = await diagnostics(quiet, () => true);
    assert.ok(!codes(silenced).includes(UNTAGGED), JSON.stringify(codes(silenced)));
  });

  it('a broken .hadolint.yaml gets one diagnostic on itself; the Dockerfile falls back to the editor settings', async () => {
    const configUri = uriOf('broken', '.hadolint.yaml');
    const docUri = uriOf('broken', 'Dockerfile');
    await open(docUri, 'FROM ubuntu\nCMD ["bash"]\n');
    const onConfig = await diagnostics(configUri, (p) => p.diagnostics.length > 0);
    assert.strictEqual(onConfig.diagnostics.length, 1, JSON.stringify(onConfig.diagnostics));
    const d = onConfig.diagnostics[0]!;
    assert.strictEqual(d.severity, DiagnosticSeverity.Error);
    assert.match(typeof d.message === 'string' ? d.message : d.message.value, /YAML error/);
    assert.ok(d.range.start.line >= 2, `points into the file, at the broken line: ${JSON.stringify(d.range)}`);
    const doc = await diagnostics(docUri, (p) => p.diagnostics.length > 0);
    assert.ok(codes(doc).includes(UNTAGGED), 'linted with the editor settings, where DL3006 is on');
    assert.strictEqual(proc!.exitCode, null, 'the server is still running');
  });

  it('a fixed config file, announced as a watched-file change, clears its diagnostic and applies', async () => {
    const configPath = path.join(folder('broken'), '.hadolint.yaml');
    const configUri = pathToFileURL(configPath).href;
    const docUri = uriOf('broken', 'Dockerfile');
    const since = seen.length;
    fs.writeFileSync(configPath, 'ignored:\n  - DL3006\n');
    await conn!.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: configUri, type: FileChangeType.Changed }] });
    await diagnostics(configUri, (p) => p.diagnostics.length === 0, since);
    const doc = await diagnostics(docUri, (p) => !codes(p).includes(UNTAGGED), since);
    assert.ok(!codes(doc).includes(UNTAGGED));
  });
  it('asks the client to watch the user-level config files, which lie outside the workspace', async () => {
    const deadline = Date.now() + WAIT_MS;
    while (!registrations.some((r) => r.method === DidChangeWatchedFilesNotification.method) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const reg = registrations.find((r) => r.method === DidChangeWatchedFilesNotification.method);
    assert.ok(reg, `no didChangeWatchedFiles registration in ${JSON.stringify(registrations)}`);
    const watchers = (reg.registerOptions as { watchers: { globPattern: { baseUri: string; pattern: string } }[] }).watchers.map((w) => w.globPattern);
    assert.deepStrictEqual(watchers, [
      { baseUri: pathToFileURL(path.join(home, '.config')).href, pattern: 'hadolint.{yaml,yml}' },
      { baseUri: pathToFileURL(path.join(home, '.hadolint')).href, pattern: '{hadolint,config}.{yaml,yml}' },
      { baseUri: pathToFileURL(home).href, pattern: '.hadolint.{yaml,yml}' },
    ]);
  });

  it('an edit to a config file is picked up on the next change of the Dockerfile, even with no file event', async () => {
    const configPath = path.join(folder('quiet'), '.hadolint.yaml');
    const docUri = uriOf('quiet', 'services', 'api', 'Dockerfile');
    const since = seen.length;
    fs.writeFileSync(configPath, 'ignored:\n  - DL3007\n');
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(configPath, later, later);
    await conn!.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: docUri, version: 2 }, contentChanges: [{ text: 'FROM ubuntu\nCMD ["bash", "-l"]\n' }],
    });
    const doc = await diagnostics(docUri, (p) => p.version === 2 || codes(p).includes(UNTAGGED), since);
    const untagged = doc.diagnostics.find((d) => d.code === UNTAGGED);
    assert.ok(untagged, `DL3006 is no longer ignored: ${JSON.stringify(codes(doc))}`);
    assert.strictEqual(untagged.severity, DiagnosticSeverity.Error);
  });

  it('a workspace folder added after start-up: its own .hadolint.yaml comes before one further down', async () => {
    const late = folder('late');
    fs.mkdirSync(path.join(late, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(late, '.hadolint.yaml'), 'ignored:\n  - DL3006\n');
    fs.writeFileSync(path.join(late, 'sub', '.hadolint.yml'), 'ignored:\n  - DL3007\n');
    const docUri = uriOf('late', 'sub', 'Dockerfile');
    await open(docUri, 'FROM ubuntu\nCMD ["bash"]\n');
    // Not a workspace folder yet: the nearest file applies, which leaves DL3006 on.
    const before = await diagnostics(docUri, (p) => p.diagnostics.length > 0);
    assert.ok(codes(before).includes(UNTAGGED), JSON.stringify(codes(before)));
    const since = seen.length;
    await conn!.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: [{ uri: pathToFileURL(late).href, name: 'late' }], removed: [] },
    });
    const after = await diagnostics(docUri, (p) => !codes(p).includes(UNTAGGED), since);
    assert.ok(!codes(after).includes(UNTAGGED), JSON.stringify(codes(after)));
  });

  it('a user-level ~/.config/hadolint.yaml applies where no project file does, once announced', async () => {
    const docUri = uriOf('plain', 'Dockerfile');
    const userConfig = path.join(home, '.config', 'hadolint.yaml');
    fs.mkdirSync(path.dirname(userConfig), { recursive: true });
    fs.writeFileSync(userConfig, 'ignored:\n  - DL3006\n');
    const since = seen.length;
    await conn!.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(userConfig).href, type: FileChangeType.Created }] });
    const doc = await diagnostics(docUri, (p) => !codes(p).includes(UNTAGGED), since);
    assert.ok(!codes(doc).includes(UNTAGGED), JSON.stringify(codes(doc)));
  });
});
