import * as assert from 'assert';
import { errorText, SerialQueue, startFailureMessage } from '../../client/src/serverLifecycle';

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
});
