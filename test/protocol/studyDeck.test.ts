import * as assert from 'assert';
import type { ChildProcessWithoutNullStreams } from 'child_process';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { CodeAction, Diagnostic, MarkupContent, ProtocolConnection, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import {
  CodeActionRequest, createProtocolConnection, DidOpenTextDocumentNotification, ExitNotification, HoverRequest, InitializedNotification,
  InitializeRequest, PublishDiagnosticsNotification, RequestType, ShutdownRequest, StreamMessageReader, StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { CARD_REQUEST_METHOD, OPEN_CARD_COMMAND } from '../../client/src/cardMarkdown';
import type { StudyCard } from '../../client/src/cardMarkdown';
import { isolatedEnv } from '../util/isolatedEnv';
import { ROOT } from '../util/text';

/** The bundled server over stdio, as VS Code talks to it: the card request, hover links and "Learn why". */
const SERVER = path.join(ROOT, 'dist', 'server.js');
const CardRequest = new RequestType<{ id: unknown }, StudyCard | null, void>(CARD_REQUEST_METHOD);
const URI = 'file:///deck/Dockerfile';

function timeout<T>(p: Promise<T>, what: string): Promise<T> {
  let t: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => (t = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 20_000)))]).finally(() => clearTimeout(t));
}

describe('protocol: study deck links (dist/server.js over stdio)', function () {
  let proc: ChildProcessWithoutNullStreams | undefined;
  let conn: ProtocolConnection | undefined;
  let diagnostics: Promise<PublishDiagnosticsParams> | undefined;

  before(async function () {
    if (!fs.existsSync(SERVER)) {
      this.test!.parent!.title += ' (skipped: run `npm run build` first)';
      this.skip();
    }
    proc = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT, env: isolatedEnv(), stdio: 'pipe' });
    const c = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    conn = c;
    diagnostics = new Promise((resolve) => c.onNotification(PublishDiagnosticsNotification.type, (p) => {
      if (p.uri === URI && p.diagnostics.length > 0) resolve(p);
    }));
    c.listen();
    await timeout(c.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} }), 'initialize');
    await c.sendNotification(InitializedNotification.type, {});
    await c.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: URI, languageId: 'dockerfile', version: 1, text: 'FROM node:latest\nUSER node\n' },
    });
  });

  after(async () => {
    if (!conn || !proc) return;
    await timeout(conn.sendRequest(ShutdownRequest.type), 'shutdown').catch(() => undefined);
    await conn.sendNotification(ExitNotification.type).catch(() => undefined);
    conn.dispose();
    proc.kill();
  });

  it('answers dockerTutor/card with the card, and null for unknown or malformed ids', async () => {
    const card = await timeout(conn!.sendRequest(CardRequest, { id: 'dockerfile-user' }), 'card');
    assert.strictEqual(card?.id, 'dockerfile-user');
    assert.ok(card.question && card.answer && card.short);
    assert.strictEqual(await timeout(conn!.sendRequest(CardRequest, { id: 'no-such-card' }), 'card'), null);
    assert.strictEqual(await timeout(conn!.sendRequest(CardRequest, { id: 7 }), 'card'), null);
  });

  it('ends the USER hover with a "Quiz me on this" link to an existing card', async () => {
    const hover = await timeout(conn!.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line: 1, character: 1 } }), 'hover');
    const md = (hover?.contents as MarkupContent).value;
    const m = new RegExp(`\\[Quiz me on this\\]\\(command:${OPEN_CARD_COMMAND.replace(/\./g, '\\.')}\\?([^\\s)]+)`).exec(md);
    assert.ok(m, md);
    const [id] = JSON.parse(decodeURIComponent(m[1]!)) as string[];
    const card = await timeout(conn!.sendRequest(CardRequest, { id }), 'card');
    assert.strictEqual(card?.id, id);
  });

  it('offers "Learn why" for a diagnostic, with the open-card command', async () => {
    const published = await timeout(diagnostics!, 'diagnostics');
    const latest = published.diagnostics.filter((d: Diagnostic) => d.code === 'dockerfile/latest-tag');
    assert.strictEqual(latest.length, 1, JSON.stringify(published.diagnostics));
    const actions = (await timeout(conn!.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: URI }, range: latest[0]!.range, context: { diagnostics: latest, only: ['quickfix'] },
    }), 'code actions')) as CodeAction[];
    const learn = actions.find((a) => a.title.startsWith('Learn why: '));
    assert.ok(learn, actions.map((a) => a.title).join(' | '));
    assert.strictEqual(learn.command?.command, OPEN_CARD_COMMAND);
    const card = await timeout(conn!.sendRequest(CardRequest, { id: learn.command.arguments?.[0] }), 'card');
    assert.ok(card && learn.title.startsWith(`Learn why: ${card.question.replace(/`/g, '').slice(0, 40)}`), learn.title);
  });
});
