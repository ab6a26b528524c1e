/**
 * The bash grammar (tree-sitter-bash) behind every shell rule. Chosen over mvdan/sh (GopherJS `mvdan-sh`:
 * synchronous but a 1.5 MB script that takes longer to load and walk; `sh-syntax`: async per parse, ~20x
 * slower per RUN) because it starts fastest, parses as fast as the others and is error-tolerant, so a
 * half-typed RUN still yields its complete commands.
 *
 * It runs as our own build (server/wasm/bash-flat.c): tree-sitter's runtime and the grammar in one
 * WebAssembly module that returns each parse as a flat array of nodes. Through web-tree-sitter's
 * TreeCursor, every step of the walk and every read of a node was a call into WebAssembly, and those calls
 * cost about as much as the parse. A test checks that this build lists the same trees as web-tree-sitter.
 *
 * Loading is asynchronous, parsing is not: the host (server, CLI, tests) awaits `initShellParser` once at
 * start-up with the module's bytes (the service itself reads no files); until then `withShellTree` returns
 * undefined and the shell rules stay silent rather than guess.
 */

/** What the module exports (server/wasm/bash-flat.c). */
interface FlatExports {
  readonly memory: WebAssembly.Memory;
  _initialize(): void;
  flat_init(): number;
  flat_input(units: number): number;
  flat_parse(units: number): number;
  flat_records(): number;
  flat_symbol_count(): number;
  flat_symbol_name(id: number): number;
  flat_symbol_type(id: number): number;
}

/** Numbers per node in the module's output. */
const RECORD = 4;
const SYMBOL = 0xffff;
const HAS_ERROR = 0x10000;

/** Node type names and named-ness by symbol id, read once from the grammar. */
export interface ShellNodeTypes {
  /** Type name by id. Ids past the end (the error symbol, 65535) are `ERROR` nodes, which are named. */
  readonly names: readonly (string | undefined)[];
  /** 1 when nodes of that type are named. */
  readonly named: Uint8Array;
}

export interface ShellParserWasm {
  /** `bash-flat.wasm`, built from server/wasm/bash-flat.c. */
  readonly module: Uint8Array;
}

let compiled: WebAssembly.Module | undefined;
let wasm: FlatExports | undefined;
let nodeTypes: ShellNodeTypes | undefined;
let pending: Promise<void> | undefined;

/**
 * The module's system imports (WASI): the C library links them, the parser never needs them. The clock reads
 * 0 (no parse timeout is set); files cannot be written.
 */
function imports(memory: () => WebAssembly.Memory): WebAssembly.Imports {
  const EBADF = 8;
  return {
    wasi_snapshot_preview1: {
      clock_time_get: (_id: number, _precision: bigint, out: number) => {
        new DataView(memory().buffer).setBigUint64(out, 0n, true);
        return 0;
      },
      fd_close: () => EBADF,
      fd_seek: () => EBADF,
      fd_write: () => EBADF,
    },
  };
}

function instantiate(module: WebAssembly.Module): FlatExports {
  const holder: { exports?: FlatExports } = {};
  const instance = new WebAssembly.Instance(module, imports(() => holder.exports!.memory));
  const exports = (holder.exports = instance.exports as unknown as FlatExports);
  exports._initialize();
  if (!exports.flat_init()) throw new Error('the bash grammar does not match the tree-sitter runtime it was built with');
  return exports;
}

function typeTables(e: FlatExports): ShellNodeTypes {
  const count = e.flat_symbol_count();
  const names: (string | undefined)[] = [];
  const named = new Uint8Array(count);
  const bytes = new Uint8Array(e.memory.buffer);
  const decoder = new TextDecoder();
  for (let id = 0; id < count; id++) {
    const type = e.flat_symbol_type(id);
    // Hidden and auxiliary symbols never appear in a tree; like web-tree-sitter, keep no name for them.
    if (type < 2) {
      const start = e.flat_symbol_name(id);
      let end = start;
      while (bytes[end] !== 0) end++;
      names.push(decoder.decode(bytes.subarray(start, end)));
    } else names.push(undefined);
    named[id] = type === 0 ? 1 : 0;
  }
  return { names, named };
}

export function initShellParser(files: ShellParserWasm): Promise<void> {
  pending ??= (async () => {
    const module = await WebAssembly.compile(files.module);
    const e = instantiate(module);
    nodeTypes = typeTables(e);
    compiled = module;
    wasm = e;
  })();
  return pending;
}

export function isShellParserReady(): boolean {
  return wasm !== undefined;
}

export function shellNodeTypes(): ShellNodeTypes | undefined {
  return nodeTypes;
}

/**
 * A cursor over one parse's records, with the part of web-tree-sitter's TreeCursor the walk uses. Each move
 * and read is an array access.
 */
export class ShellCursor {
  private at = 0;
  private readonly parents: number[] = [];

  constructor(private readonly records: Uint32Array) {}

  get nodeTypeId(): number {
    return this.records[this.at * RECORD]! & SYMBOL;
  }

  get hasError(): boolean {
    return (this.records[this.at * RECORD]! & HAS_ERROR) !== 0;
  }

  get startIndex(): number {
    return this.records[this.at * RECORD + 1]!;
  }

  get endIndex(): number {
    return this.records[this.at * RECORD + 2]!;
  }

  gotoFirstChild(): boolean {
    if (this.records[this.at * RECORD + 3]! === this.at + 1) return false;
    this.parents.push(this.at);
    this.at++;
    return true;
  }

  gotoNextSibling(): boolean {
    const parent = this.parents[this.parents.length - 1];
    if (parent === undefined) return false;
    const next = this.records[this.at * RECORD + 3]!;
    if (next >= this.records[parent * RECORD + 3]!) return false;
    this.at = next;
    return true;
  }

  gotoParent(): boolean {
    const parent = this.parents.pop();
    if (parent === undefined) return false;
    this.at = parent;
    return true;
  }
}

/**
 * Parses `source` and hands a cursor on its root to `read`. The cursor reads the module's memory, so it is
 * only valid during `read`. Undefined before `initShellParser`, and when the parse fails (memory exhausted,
 * or a fault in the module, which is then started afresh): the shell rules then skip this text.
 */
export function withShellTree<T>(source: string, read: (root: ShellCursor) => T): T | undefined {
  const e = wasm;
  if (!e) return undefined;
  let count: number;
  try {
    const at = e.flat_input(source.length);
    if (at === 0) return undefined;
    const units = new Uint16Array(e.memory.buffer, at, source.length);
    for (let i = 0; i < source.length; i++) units[i] = source.charCodeAt(i);
    count = e.flat_parse(source.length);
  } catch {
    // A trap leaves the module's memory in an unknown state: start a fresh instance for the next parse.
    wasm = compiled && instantiate(compiled);
    return undefined;
  }
  if (count <= 0) return undefined;
  return read(new ShellCursor(new Uint32Array(e.memory.buffer, e.flat_records(), count * RECORD)));
}
