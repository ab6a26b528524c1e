import { Argument, Instruction } from 'dockerfile-ast';
import { Parser } from 'dockerfile-ast/lib/parser';
import { Dockerfile as DockerfileClass } from 'dockerfile-ast/lib/dockerfile';
import { Util } from 'dockerfile-ast/lib/util';
import { indexWithin } from '../text';
import type { Position, Range } from 'vscode-languageserver-types';

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
 *
 * The one computation per instruction is `rawArguments` below, the library's own scan with the same
 * states and the same results, minus its cost: it grew each argument one character at a time
 * (`arg = arg + char`) and validated every range it built.
 *
 * A second bug: the parser's `processArguments` builds a whole throw-away instruction for every
 * instruction with arguments, only to look for heredocs in it, and then builds the real one. Our copy
 * builds it only when the instruction's text has a `<` at all (no `<<` marker is possible without one).
 *
 * A third: `Dockerfile.organizeComments` recomputes every stage's range for every comment (comments x
 * stages ranges, each a new object); a stage's range depends only on its instructions, so ours computes
 * each one once.
 *
 * A fourth: `getRawArgumentsContent`, which every JSON-capable instruction calls while it is constructed,
 * turned offsets into positions and back; ours slices the text at the offsets our arguments keep.
 */
const PATCHED = Symbol.for('docker-tutor.astPerf');
const MEMO = Symbol('docker-tutor.rawArguments');

/** The methods our copy replaces, each with the library's own kept by name under `PATCHED` on its prototype. */
function patches(): { proto: Record<PropertyKey, unknown>; name: string; replacement: unknown }[] {
  return [
    { proto: Instruction.prototype as unknown as Record<PropertyKey, unknown>, name: 'getRawArguments', replacement: getRawArguments },
    { proto: Instruction.prototype as unknown as Record<PropertyKey, unknown>, name: 'getRawArgumentsContent', replacement: getRawArgumentsContent },
    { proto: Parser.prototype as unknown as Record<PropertyKey, unknown>, name: 'processArguments', replacement: processArguments },
    { proto: DockerfileClass.prototype as unknown as Record<PropertyKey, unknown>, name: 'organizeComments', replacement: organizeComments },
  ];
}

export function installAstPerf(): void {
  if (astPerfInstalled()) return;
  for (const { proto, name, replacement } of patches()) {
    const saved = (proto[PATCHED] ??= {}) as Record<string, unknown>;
    saved[name] = proto[name];
    proto[name] = replacement;
  }
}

/** The library's own method `name` of `proto`, kept by `installAstPerf`. */
function original(proto: object, name: string): (...args: unknown[]) => unknown {
  return ((proto as Record<PropertyKey, unknown>)[PATCHED] as Record<string, (...args: unknown[]) => unknown>)[name]!;
}

/** A symbol-keyed field on the instance: cheaper than a WeakMap lookup on this hot path, invisible to the library. */
function getRawArguments(this: Instruction & { [MEMO]?: Argument[] }): Argument[] {
  let args = this[MEMO];
  if (!args) {
    args = rawArguments(this as unknown as Internals);
    this[MEMO] = args;
  }
  return args.slice();
}

/**
 * dockerfile-ast 0.7.1's `Instruction.getRawArgumentsContent`: the text from the first argument's start to the
 * last one's end. The library made a range of the two arguments' positions and turned it back into offsets;
 * our arguments keep their offsets. Every RUN, CMD and ENTRYPOINT (any JSON-capable instruction) asks for it
 * while it is constructed.
 */
function getRawArgumentsContent(this: Instruction & { readonly document: Internals['document'] }): string | null {
  const args = this.getArguments();
  if (args.length === 0) return null;
  const first = args[0];
  const last = args[args.length - 1];
  if (first instanceof PlacedArgument && last instanceof PlacedArgument) return this.document.getText().substring(first.startOffset, last.endOffset);
  return original(Instruction.prototype, 'getRawArgumentsContent').call(this) as string | null;
}

/** What `organizeComments` uses of dockerfile-ast's `Dockerfile` and `ImageTemplate` (private members). */
interface Template {
  getRange(): Range;
  addComment(comment: unknown): void;
}
interface DockerfileInternals {
  readonly initialInstructions: Template;
  readonly buildStages: readonly Template[];
  getComments(): readonly { getRange(): Range }[];
  organizeComments(): void;
}

/**
 * dockerfile-ast 0.7.1's `Dockerfile.organizeComments`: a comment goes to the instructions before the first
 * FROM when its end is inside their range, else to every stage whose range holds its start. An
 * `ImageTemplate`'s range is that of its instructions, which adding comments does not change.
 */
function organizeComments(this: DockerfileInternals): void {
  const comments = this.getComments();
  if (comments.length === 0) return;
  const initial = this.initialInstructions;
  const initialRange = initial.getRange();
  const stages = this.buildStages;
  const stageRanges = stages.map((s) => s.getRange());
  for (const comment of comments) {
    const range = comment.getRange();
    if (Util.isInsideRange(range.end, initialRange)) {
      initial.addComment(comment);
      continue;
    }
    for (let k = 0; k < stages.length; k++) {
      if (Util.isInsideRange(range.start, stageRanges[k]!)) stages[k]!.addComment(comment);
    }
  }
}

/** What `processArguments` uses of dockerfile-ast's `Parser` (private members). */
interface ParserInternals {
  buffer: string;
  escapeChar: string;
  processArguments(dockerfile: unknown, instruction: string, instructionEnd: number, start: number, offset: number): number;
  processHeredocs(instruction: Instruction, offset: number): number;
  processComment(dockerfile: unknown, start: number): number;
  createInstruction(dockerfile: unknown, instruction: string, start: number, instructionEnd: number, end: number): Instruction;
}

/**
 * dockerfile-ast 0.7.1's `Parser.processArguments`, state for state: scans to the end of the instruction
 * (past escaped newlines, recording comment lines inside it) and returns that offset, or the end of the
 * heredocs the instruction opens. The heredoc check needs an instruction object; it is built only when a
 * `<` lies between the instruction's start and the line end, as a `<<` marker needs one.
 */
function processArguments(this: ParserInternals, dockerfile: unknown, instruction: string, instructionEnd: number, start: number, offset: number): number {
  const buffer = this.buffer;
  const n = buffer.length;
  let escaped = false;
  argumentsCheck: for (let i = offset + 1; i < n; i++) {
    const char = buffer[i];
    switch (char) {
      case '\r':
      case '\n':
        if (escaped) continue;
        if (indexWithin(buffer, '<', start, i) < 0) return i;
        return this.processHeredocs(this.createInstruction(dockerfile, instruction, start, instructionEnd, i), i);
      case this.escapeChar: {
        const next = buffer.charAt(i + 1);
        if (next === '\n' || next === '\r') {
          escaped = true;
          i++;
        } else if (next === ' ' || next === '\t') {
          for (let j = i + 2; j < n; j++) {
            switch (buffer[j]) {
              case ' ':
              case '\t':
                break;
              case '\r':
              case '\n':
                escaped = true;
                i = j;
                continue argumentsCheck;
              default:
                i = j;
                continue argumentsCheck;
            }
          }
          return n;
        }
        continue;
      }
      case '#':
        if (escaped) {
          i = this.processComment(dockerfile, i);
          continue argumentsCheck;
        }
        break;
      case ' ':
      case '\t':
        break;
      default:
        if (escaped) escaped = false;
        break;
    }
  }
  return n;
}

/** What `rawArguments` reads of an instruction: fields of dockerfile-ast's `Line`/`Instruction`. */
interface Internals {
  readonly document: { getText(): string; offsetAt(p: Position): number; positionAt(offset: number): Position };
  readonly range: Range;
  readonly escapeChar: string;
  getInstructionRange(): Range;
}

/**
 * An argument whose range is computed on first use: most words of a RUN are never asked for theirs
 * (the library reads the first and the last), and two positions and a range per word were a tenth
 * of what a validation allocated.
 */
class PlacedArgument extends Argument {
  constructor(value: string, private readonly doc: Internals['document'], readonly startOffset: number, readonly endOffset: number) {
    super(value, undefined as unknown as Range);
  }

  override getRange(): Range {
    const self = this as unknown as { range: Range | undefined };
    return (self.range ??= { start: this.doc.positionAt(this.startOffset), end: this.doc.positionAt(this.endOffset) });
  }

  override isAfter(position: Position): boolean {
    this.getRange();
    return super.isAfter(position);
  }

  override isBefore(position: Position): boolean {
    this.getRange();
    return super.isBefore(position);
  }
}

/**
 * dockerfile-ast 0.7.1's `Instruction.getRawArguments`, state for state: the arguments after the keyword,
 * with escaped newlines (and blanks before them) and comment lines inside continuations removed. The
 * characters of a word are taken as slices of the text (`run` marks the ones not yet appended) instead
 * of being appended one by one; anything else that touches the word first appends them.
 */
export function rawArguments(self: Internals): Argument[] {
  const args: Argument[] = [];
  const doc = self.document;
  const range = self.getInstructionRange();
  const extra = doc.offsetAt(range.end) - doc.offsetAt(range.start);
  const text = doc.getText();
  const fullArgs = text.substring(doc.offsetAt(self.range.start), doc.offsetAt(self.range.end)).substring(extra);
  const offset = doc.offsetAt(range.start) + extra;
  const escapeChar = self.escapeChar;
  const esc = escapeChar.charCodeAt(0);
  const n = fullArgs.length;
  let start = false;
  let comment = false;
  let found = -1;
  // A blank or tab that is part of an escaped newline sequence was seen.
  let escapedWhitespaceDetected = false;
  // Inside an escaped newline sequence.
  let escaping = false;
  let escapeMarker = -1;
  let escapedArg = '';
  // Characters fullArgs[runStart, runEnd) belong at the end of escapedArg but are not appended yet.
  let runStart = 0;
  let runEnd = 0;
  const word = (): string => {
    if (runEnd > runStart) {
      escapedArg += fullArgs.slice(runStart, runEnd);
      runStart = runEnd;
    }
    return escapedArg;
  };
  const push = (end: number): void => {
    args.push(new PlacedArgument(word(), doc, offset + found, offset + end));
  };
  // A character that is not a blank ends an escaped newline sequence; blanks before the escape ended the word there.
  const leaveEscape = (): void => {
    if (escapedWhitespaceDetected && escapeMarker !== -1) {
      push(escapeMarker);
      escapedArg = '';
      runStart = runEnd = 0;
      found = -1;
    }
    escapedWhitespaceDetected = false;
    escaping = false;
    escapeMarker = -1;
  };
  for (let i = 0; i < n; i++) {
    const char = fullArgs[i]!;
    if (char === ' ' || char === '\t' || char === '\r' || char === '\n') {
      if (escaping) {
        escapedWhitespaceDetected = true;
        if (char === '\r' || char === '\n') {
          // At a newline, blanks seen before it no longer count.
          escapedWhitespaceDetected = false;
          if (comment) {
            comment = false;
            start = true;
          }
        }
        continue;
      } else if (found !== -1) {
        push(escapeMarker === -1 ? i : escapeMarker);
        escapeMarker = -1;
        escapedArg = '';
        runStart = runEnd = 0;
        found = -1;
      }
    } else if (char === escapeChar) {
      const next = fullArgs.charAt(i + 1);
      if (next === ' ' || next === '\t') {
        whitespaceCheck: for (let j = i + 2; j < n; j++) {
          switch (fullArgs[j]) {
            case ' ':
            case '\t':
              continue;
            case '\r':
            case '\n':
              if (fullArgs[j] === '\r') j++;
              comment = false;
              escaping = true;
              start = true;
              if (found !== -1) escapeMarker = i;
              i = j;
              break whitespaceCheck;
            default:
              escapeMarker = i;
              if (found === -1) i = j - 1;
              break whitespaceCheck;
          }
        }
      } else if (next === '\r') {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i += 2;
      } else if (next === '\n') {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i++;
      } else {
        leaveEscape();
        if (next === '$') escapedArg = word() + char + next;
        else if (next === '') break; // end of the text
        else escapedArg = word() + next;
        if (found === -1) found = i;
        i++;
      }
    } else if (!comment) {
      if (start && char === '#') {
        comment = true;
      } else {
        leaveEscape();
        // Append fullArgs[i]: extend the pending run when it ends here, else start a new one.
        if (runEnd !== i) {
          word();
          runStart = i;
        }
        if (found === -1) found = i;
        // The characters up to the next blank or escape take this same branch (start is false from here on,
        // so `#` is plain) and change nothing but the run: take them at once.
        let j = i + 1;
        for (; j < n; j++) {
          const c = fullArgs.charCodeAt(j);
          if (c === 32 || c === 9 || c === 13 || c === 10 || c === esc) break;
        }
        runEnd = j;
        i = j - 1;
      }
      // A character that is not a blank resets `start`.
      start = false;
    }
  }
  if (found !== -1) push(escapeMarker === -1 ? n : escapeMarker);
  return args;
}

/** True when `installAstPerf` ran on this copy of dockerfile-ast (the benchmark checks which copy it patched). */
export function astPerfInstalled(instructionClass: { prototype: object } = Instruction): boolean {
  return (instructionClass.prototype as Record<PropertyKey, unknown>)[PATCHED] !== undefined;
}

/** Removes the patches again (tests compare patched and unpatched output in one process). */
export function uninstallAstPerf(): void {
  for (const { proto, name } of patches()) {
    const saved = proto[PATCHED] as Record<string, unknown> | undefined;
    if (!saved || !(name in saved)) continue;
    proto[name] = saved[name];
    delete saved[name];
    if (Object.keys(saved).length === 0) delete proto[PATCHED];
  }
  // Instances parsed while memoised keep their remembered arguments; only new parses are affected.
}
