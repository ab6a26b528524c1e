/**
 * Values computed from one parse (a model's variable table, a stage's `FROM` chain, a rule's state for one
 * run), kept on the object they are computed from, so they live and die with it.
 *
 * Not in module-level WeakMaps keyed by those objects. In V8 (Node 20 measured), the young-generation collector
 * keeps the value of a WeakMap entry alive even once its key is garbage; only a full collection frees it. So
 * every model parsed since the last full collection, and everything it reaches, was copied at each minor
 * collection and then promoted: on the Dockerfile corpus, 16 of the 39 MB a validation pass allocates
 * outlived a minor collection, and collecting took 27-30 ms of a 140-160 ms pass. With the values kept on
 * their owners, 2.8 MB outlive one and collecting takes 11-13 ms.
 * A WeakMap stays right for keys that outlive many validations (a settings object, a rule list).
 */
export class Derived {
  private values: Map<object, unknown> | undefined;

  /** `compute(owner)`, computed on the first call for this owner and remembered (undefined included). */
  of<O, T>(owner: O, compute: (owner: O) => T): T {
    const values = (this.values ??= new Map());
    const hit = values.get(compute);
    if (hit !== undefined || values.has(compute)) return hit as T;
    const value = compute(owner);
    values.set(compute, value);
    return value;
  }

  /** The value kept under `key`, if any. */
  get(key: object): unknown {
    return this.values?.get(key);
  }

  set(key: object, value: unknown): void {
    (this.values ??= new Map()).set(key, value);
  }
}

/** An object with a `Derived` slot, created with it. */
export interface HasDerived {
  readonly derived: Derived;
}

/**
 * `compute` memoised per owner: the returned function computes it once for each owner and answers from the
 * owner's slot after that. `compute` must depend on nothing but its owner.
 */
export function derived<O extends HasDerived, T>(compute: (owner: O) => T): (owner: O) => T {
  return (owner) => owner.derived.of(owner, compute);
}

/**
 * One value per owner, read and written explicitly, for what `derived` cannot express: a value computed from more
 * than its owner, or kept with the settings it was computed for. The same `get`/`set` as a WeakMap.
 */
export class DerivedSlot<O extends HasDerived, T> {
  get(owner: O): T | undefined {
    return owner.derived.get(this) as T | undefined;
  }

  set(owner: O, value: T): void {
    owner.derived.set(this, value);
  }
}
