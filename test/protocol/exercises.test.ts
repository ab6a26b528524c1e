import * as assert from 'assert';
import type { ChildProcessWithoutNullStreams } from 'child_process';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { ProtocolConnection } from 'vscode-languageserver-protocol/node';
import {
  createProtocolConnection, ExitNotification, InitializedNotification, InitializeRequest, RequestType, RequestType0, ShutdownRequest,
  StreamMessageReader, StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import type { WireExercise } from '../../client/src/learn/exercisesView';
import type { CheckResult } from '../../client/src/learn/exerciseState';
import { isolatedEnv } from '../util/isolatedEnv';
import { ROOT } from '../util/text';

/** The bundled server over stdio, answering the learning requests the Exercises view and the quiz send. */
const SERVER = path.join(ROOT, 'dist', 'server.js');
const ExercisesRequest = new RequestType0<WireExercise[], void>('dockerTutor/exercises');
const DeckRequest = new RequestType0<{ id: string; kind: string }[], void>('dockerTutor/deck');
const CheckRequest = new RequestType<unknown, { exerciseId: string; results: CheckResult[]; passed: boolean } | null, void>('dockerTutor/checkExercise');

function timeout<T>(p: Promise<T>, what: string): Promise<T> {
  let t: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => (t = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 20_000)))]).finally(() => clearTimeout(t));
}

describe('protocol: exercises and deck (dist/server.js over stdio)', function () {
  let proc: ChildProcessWithoutNullStreams | undefined;
  let conn: ProtocolConnection | undefined;

  before(async function () {
    if (!fs.existsSync(SERVER)) {
      this.test!.parent!.title += ' (skipped: run `npm run build` first)';
      this.skip();
    }
    proc = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT, env: isolatedEnv(), stdio: 'pipe' });
    conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    conn.listen();
    await timeout(conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} }), 'initialize');
    await conn.sendNotification(InitializedNotification.type, {});
  });

  after(async () => {
    if (!conn || !proc) return;
    await timeout(conn.sendRequest(ShutdownRequest.type), 'shutdown').catch(() => undefined);
    await conn.sendNotification(ExitNotification.type).catch(() => undefined);
    conn.dispose();
    proc.kill();
  });

  it('lists the exercises in order and sends the deck', async () => {
    const list = await timeout(conn!.sendRequest(ExercisesRequest), 'exercises');
    assert.ok(list.length >= 13);
    assert.deepStrictEqual(list.map((e) => e.order), [...list.map((e) => e.order)].sort((a, b) => a - b));
    const deck = await timeout(conn!.sendRequest(DeckRequest), 'deck');
    assert.ok(deck.length > 50 && deck.every((c) => typeof c.id === 'string'));
  });

  it('checks the learner files it is sent: the solution passes, the starter does not', async () => {
    const list = await timeout(conn!.sendRequest(ExercisesRequest), 'exercises');
    const ex = list.find((e) => e.id === 'multi-stage-build')!;
    const good = await timeout(conn!.sendRequest(CheckRequest, { exerciseId: ex.id, files: ex.solution }), 'check');
    assert.strictEqual(good?.passed, true);
    const bad = await timeout(conn!.sendRequest(CheckRequest, { exerciseId: ex.id, files: ex.starter }), 'check');
    assert.strictEqual(bad?.passed, false);
    assert.ok(bad.results.some((r) => !r.passed && r.hint.length > 0));
  });

  it('answers null for unknown exercises and malformed params, and keeps serving', async () => {
    for (const params of [{ exerciseId: 'nope', files: [] }, { exerciseId: 3 }, null, { exerciseId: 'multi-stage-build', files: [{ path: 1 }] }]) {
      assert.strictEqual(await timeout(conn!.sendRequest(CheckRequest, params), 'check'), null, JSON.stringify(params));
    }
    const list = await timeout(conn!.sendRequest(ExercisesRequest), 'exercises');
    assert.ok(list.length >= 13);
  });
});
