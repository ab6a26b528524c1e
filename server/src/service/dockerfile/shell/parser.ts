import { Language, Parser } from 'web-tree-sitter';
import type { Node, Tree } from 'web-tree-sitter';

/**
 * The bash grammar (tree-sitter-bash, WASM) behind every shell rule. Chosen over mvdan/sh
 * (GopherJS `mvdan-sh`: synchronous but a 1.5 MB script that takes longer to load and walk; `sh-syntax`:
 * async per parse, ~20x slower per RUN) because it starts fastest, parses as fast as the others and
 * is error-tolerant, so a half-typed RUN still yields its complete commands.
 *
 * Loading WASM is asynchronous, parsing is not: the host (server, CLI, tests) awaits `initShellParser`
 * once at start-up with the two `.wasm` files' bytes (the service itself reads no files); until then
 * `parseShell` returns undefined and the shell rules stay silent rather than guess.
 */
let parser: Parser | undefined;
let pending: Promise<void> | undefined;

/**
 * What `TreeCursor.nodeType` and `nodeIsNamed` would answer, by `nodeTypeId`: each of those getters is a
 * call into WASM, so the walk asks for the id once per node and looks both up here.
 */
export interface ShellNodeTypes {
  /** Type name by id. Ids past the end (the error symbol, 65535) are `ERROR` nodes, which are named. */
  readonly names: readonly (string | undefined)[];
  /** 1 when nodes of that type are named. */
  readonly named: Uint8Array;
}

let nodeTypes: ShellNodeTypes | undefined;

function typeTables(language: Language): ShellNodeTypes {
  const count = language.nodeTypeCount;
  const names: (string | undefined)[] = [];
  const named = new Uint8Array(count);
  for (let id = 0; id < count; id++) {
    // `nodeType` answers 'ERROR' for the ids web-tree-sitter keeps no name for (hidden symbols).
    names.push(language.types[id] || 'ERROR');
    named[id] = language.nodeTypeIsNamed(id) ? 1 : 0;
  }
  return { names, named };
}

export function shellNodeTypes(): ShellNodeTypes | undefined {
  return nodeTypes;
}

export interface ShellParserWasm {
  /** `web-tree-sitter.wasm`, the tree-sitter runtime. */
  readonly runtime: Uint8Array;
  /** `tree-sitter-bash.wasm`, the grammar. */
  readonly bash: Uint8Array;
}

export function initShellParser(wasm: ShellParserWasm): Promise<void> {
  pending ??= (async () => {
    await Parser.init({ wasmBinary: wasm.runtime } as object);
    const bash = await Language.load(wasm.bash);
    const p = new Parser();
    p.setLanguage(bash);
    nodeTypes = typeTables(bash);
    parser = p;
  })();
  return pending;
}

export function isShellParserReady(): boolean {
  return parser !== undefined;
}

/** Parses `source` and hands the root to `read`; the tree is freed afterwards (it lives in WASM memory). */
export function withShellTree<T>(source: string, read: (root: Node) => T): T | undefined {
  if (!parser) return undefined;
  let tree: Tree | null = null;
  try {
    tree = parser.parse(source);
    return tree ? read(tree.rootNode) : undefined;
  } finally {
    tree?.delete();
  }
}
