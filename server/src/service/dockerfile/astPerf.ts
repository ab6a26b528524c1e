import { Instruction } from 'dockerfile-ast';
import type { Argument } from 'dockerfile-ast';

/**
 * Works around a performance bug in dockerfile-ast 0.7.1: `Instruction.prototype.getRawArguments`
 * re-scans the instruction's whole text and builds new Argument objects on every call, and the
 * library calls it several times per instruction during its own parse (flags, JSON form, variables,
 * heredocs, FROM/ONBUILD getters). An instruction's text never changes after the parse, so the
 * result is remembered per instance. Callers get a fresh array each time because the library's
 * own `ModifiableInstruction.getArguments` shifts flags off the array it receives.
 *
 * The shipped bundles (dist/) hold their own copy of dockerfile-ast, so this changes only our copy
 * there; under tsc output (tests) it patches node_modules' copy, with identical results
 * (test/unit/astPerf.test.ts compares against an unpatched parse on the whole corpus).
 */
const PATCHED = Symbol.for('docker-tutor.astPerf');
const MEMO = Symbol('docker-tutor.rawArguments');

type RawArgs = (this: Instruction) => Argument[];

export function installAstPerf(): void {
  const proto = Instruction.prototype as unknown as Record<PropertyKey, unknown> & { getRawArguments: RawArgs };
  if (proto[PATCHED]) return;
  const original = proto.getRawArguments;
  // A symbol-keyed field on the instance: cheaper than a WeakMap lookup on this hot path, invisible to the library.
  proto.getRawArguments = function getRawArguments(this: Instruction & { [MEMO]?: Argument[] }): Argument[] {
    let args = this[MEMO];
    if (!args) {
      args = original.call(this);
      this[MEMO] = args;
    }
    return args.slice();
  };
  proto[PATCHED] = original;
}

/** True when `installAstPerf` ran on this copy of dockerfile-ast (the benchmark checks which copy it patched). */
export function astPerfInstalled(instructionClass: { prototype: object } = Instruction): boolean {
  return (instructionClass.prototype as Record<PropertyKey, unknown>)[PATCHED] !== undefined;
}

/** Removes the memoisation again (tests compare patched and unpatched output in one process). */
export function uninstallAstPerf(): void {
  const proto = Instruction.prototype as unknown as Record<PropertyKey, unknown> & { getRawArguments: RawArgs };
  const original = proto[PATCHED] as RawArgs | undefined;
  if (!original) return;
  proto.getRawArguments = original;
  delete proto[PATCHED];
  // Instances parsed while memoised keep their remembered arguments; only new parses are affected.
}
