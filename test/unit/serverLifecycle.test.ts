import * as assert from 'assert';
import type { ClientLike } from '../../client/src/serverLifecycle';
import { errorText, SerialQueue, ServerController, startFailureMessage } from '../../client/src/serverLifecycle';

describe('client: server lifecycle', () => {
  it('SerialQueue runs jobs one at a time, in call order, past failures', async () => {
    const queue = new SerialQueue();
    const events: string[] = [];
    let running = 0;
    const job = (name: string, fail = false) => async () => {
      running++;
      assert.strictEqual(running, 1, `${name} overlapped another job`);
      events.push(`start ${name}`);
      await new Promise((r) => setImmediate(r));
      events.push(`end ${name}`);
      running--;
      if (fail) throw new Error(name);
      return name;
    };
    const a = queue.run(job('a'));
    const b = queue.run(job('b', true));
    const c = queue.run(job('c'));
    assert.strictEqual(await a, 'a');
    await assert.rejects(b, /b/);
    assert.strictEqual(await c, 'c');
    assert.deepStrictEqual(events, ['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  const texts: ReadonlyArray<[string, unknown, string]> = [
    ['Error', new Error(' spawn node ENOENT '), 'spawn node ENOENT'],
    ['Error without message', new TypeError(''), 'TypeError'],
    ['string', 'boom', 'boom'],
    ['message-like object', { message: 'connection closed' }, 'connection closed'],
    ['plain object', { code: 3 }, '{"code":3}'],
    ['undefined', undefined, 'undefined'],
  ];
  for (const [name, input, expected] of texts) {
    it(`errorText: ${name}`, () => assert.strictEqual(errorText(input), expected));
  }
  it('errorText survives a circular object', () => {
    const o: Record<string, unknown> = {};
    o.self = o;
    assert.strictEqual(errorText(o), '[object Object]');
  });

  it('names the missing bundle and how to build it', () => {
    const m = startFailureMessage(new Error('x'), '/ext/dist/server.js', false);
    assert.match(m, /\/ext\/dist\/server\.js/);
    assert.match(m, /npm run build/);
    assert.match(m, /are off until it runs/);
  });
  it('carries the cause and points at output and restart when the server fails', () => {
    const m = startFailureMessage(new Error('Connection to server got closed'), '/ext/dist/server.js', true);
    assert.match(m, /could not start \(Connection to server got closed\)/);
    assert.match(m, /Restart Language Server/);
    assert.doesNotMatch(m, /npm run build/);
  });

  describe('ServerController', () => {
    /** A fake client that records what happens to it; `failStart` makes start() reject like a crashing server. */
    class FakeClient implements ClientLike {
      static made = 0;
      readonly id = ++FakeClient.made;
      constructor(private readonly events: string[], private readonly failStart: boolean, private readonly failDispose = false) {}
      async start(): Promise<void> {
        this.events.push(`start ${this.id}`);
        await new Promise((r) => setImmediate(r));
        if (this.failStart) throw new Error('Connection to server got closed. Server will not be restarted.');
        this.events.push(`running ${this.id}`);
      }
      async dispose(): Promise<void> {
        this.events.push(`dispose ${this.id}`);
        if (this.failDispose) throw new Error('Client is not running');
      }
    }

    function setup(opts: { bundle?: boolean; failStarts?: number; failDispose?: boolean } = {}) {
      const events: string[] = [];
      const errors: string[] = [];
      const logs: string[] = [];
      let failures = opts.failStarts ?? 0;
      const controller = new ServerController<FakeClient>({
        serverModule: '/ext/dist/server.js',
        bundleExists: () => opts.bundle ?? true,
        createClient: () => new FakeClient(events, failures-- > 0, opts.failDispose),
        showError: (m) => errors.push(m),
        log: { info: (m) => logs.push(`info ${m}`), warn: (m) => logs.push(`warn ${m}`), error: (m) => logs.push(`error ${m}`) },
      });
      return { controller, events, errors, logs };
    }
    beforeEach(() => { FakeClient.made = 0; });

    it('starts the client once', async () => {
      const { controller, events, errors } = setup();
      await controller.start();
      await controller.start();
      assert.deepStrictEqual(events, ['start 1', 'running 1']);
      assert.deepStrictEqual(errors, []);
      assert.strictEqual(controller.current?.id, 1);
    });

    it('reports a failed start once, cleans up, and does not throw', async () => {
      const { controller, events, errors, logs } = setup({ failStarts: 1 });
      await controller.start();
      assert.deepStrictEqual(events, ['start 1', 'dispose 1']);
      assert.strictEqual(errors.length, 1);
      assert.match(errors[0]!, /could not start \(Connection to server got closed/);
      assert.ok(logs.includes(`error ${errors[0]!}`), 'the message is in the output too');
      assert.strictEqual(controller.current, undefined);
    });

    it('says how to build when the bundle is missing, without creating a client', async () => {
      const { controller, events, errors } = setup({ bundle: false });
      await controller.start();
      assert.deepStrictEqual(events, []);
      assert.strictEqual(errors.length, 1);
      assert.match(errors[0]!, /npm run build/);
    });

    it('restart after a failed start brings up a fresh client', async () => {
      const { controller, events, errors } = setup({ failStarts: 1 });
      await controller.start();
      await controller.restart();
      assert.deepStrictEqual(events, ['start 1', 'dispose 1', 'start 2', 'running 2']);
      assert.strictEqual(errors.length, 1);
      assert.strictEqual(controller.current?.id, 2);
    });

    it('serializes restarts: each stops the previous client before starting the next', async () => {
      const { controller, events } = setup();
      void controller.start();
      await Promise.all([controller.restart(), controller.restart()]);
      assert.deepStrictEqual(events, ['start 1', 'running 1', 'dispose 1', 'start 2', 'running 2', 'dispose 2', 'start 3', 'running 3']);
    });

    it('shutdown stops the client for good, even when dispose fails', async () => {
      const { controller, events, logs } = setup({ failDispose: true });
      await controller.start();
      await controller.shutdown();
      await controller.restart();
      await controller.start();
      assert.deepStrictEqual(events, ['start 1', 'running 1', 'dispose 1']);
      assert.ok(logs.some((l) => l.startsWith('warn stopping the language server: Client is not running')), logs.join('\n'));
      assert.strictEqual(controller.current, undefined);
    });

    it('a client that cannot even be created is reported like a failed start', async () => {
      const errors: string[] = [];
      const controller = new ServerController<FakeClient>({
        serverModule: '/x/server.js',
        bundleExists: () => true,
        createClient: () => { throw new Error('bad options'); },
        showError: (m) => errors.push(m),
        log: { info: () => undefined, warn: () => undefined, error: () => undefined },
      });
      await controller.start();
      assert.strictEqual(errors.length, 1);
      assert.match(errors[0]!, /could not start \(bad options\)/);
      assert.strictEqual(controller.current, undefined);
    });

    it('a throwing showError is logged, not thrown', async () => {
      const logs: string[] = [];
      const controller = new ServerController<FakeClient>({
        serverModule: '/x/server.js',
        bundleExists: () => false,
        createClient: () => { throw new Error('unreachable'); },
        showError: () => { throw new Error('no window'); },
        log: { info: () => undefined, warn: () => undefined, error: (m) => logs.push(m) },
      });
      await controller.start();
      assert.ok(logs.some((l) => l.includes('could not show the error: no window')), logs.join('\n'));
    });
  });
});
