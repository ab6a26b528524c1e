import * as assert from 'assert';
import { Derived, DerivedSlot, derived } from '../../server/src/service/derived';
import type { HasDerived } from '../../server/src/service/derived';
import { parseDockerfile } from '../../server/src/service/dockerfile/model';
import { variablesOf } from '../../server/src/service/dockerfile/variables';
import { stageChain } from '../../server/src/service/dockerfile/rules/buildkit/shared';
import { suppressionsOf } from '../../server/src/service/dockerfile/suppression';

interface Owner extends HasDerived {
  readonly name: string;
}

const owner = (name: string): Owner => ({ name, derived: new Derived() });

describe('derived values (kept on their owner)', () => {
  it('computes once per owner and answers from the owner after that', () => {
    let calls = 0;
    const upper = derived((o: Owner) => {
      calls++;
      return { text: o.name.toUpperCase() };
    });
    const a = owner('a');
    const b = owner('b');
    const first = upper(a);
    assert.strictEqual(upper(a), first);
    assert.deepStrictEqual(upper(b), { text: 'B' });
    assert.notStrictEqual(upper(b), first);
    assert.strictEqual(calls, 2);
  });

  it('remembers undefined and false answers too', () => {
    let calls = 0;
    const none = derived((_: Owner) => void calls++);
    const no = derived((_: Owner) => (calls++, false));
    const o = owner('x');
    none(o);
    none(o);
    no(o);
    assert.strictEqual(no(o), false);
    assert.strictEqual(calls, 2);
  });

  it('keeps two derivations of one owner apart, and lets one use the other', () => {
    const length = derived((o: Owner) => o.name.length);
    const twice = derived((o: Owner) => length(o) * 2);
    const o = owner('abc');
    assert.strictEqual(twice(o), 6);
    assert.strictEqual(length(o), 3);
  });

  it('a slot reads back what was set for that owner only', () => {
    const slot = new DerivedSlot<Owner, string[]>();
    const a = owner('a');
    const b = owner('b');
    assert.strictEqual(slot.get(a), undefined);
    const value = ['x'];
    slot.set(a, value);
    assert.strictEqual(slot.get(a), value);
    assert.strictEqual(slot.get(b), undefined);
    assert.strictEqual(new DerivedSlot<Owner, string[]>().get(a), undefined);
  });

  it('a model, its stages and a new parse of the same text each have their own values', () => {
    const text = 'FROM alpine AS base\nARG V=1\nFROM base AS app\nRUN echo $V\n';
    const m1 = parseDockerfile(text);
    const m2 = parseDockerfile(text);
    assert.strictEqual(variablesOf(m1), variablesOf(m1));
    assert.notStrictEqual(variablesOf(m1), variablesOf(m2));
    assert.strictEqual(suppressionsOf(m1), suppressionsOf(m1));
    assert.notStrictEqual(suppressionsOf(m1, true), suppressionsOf(m1, false));
    const app = m1.stages[1]!;
    assert.deepStrictEqual(stageChain(m1, app).map((s) => s.name), ['app', 'base']);
    assert.strictEqual(stageChain(m1, app), stageChain(m1, app));
    assert.deepStrictEqual(stageChain(m1, m1.stages[0]!).map((s) => s.name), ['base']);
  });
});
