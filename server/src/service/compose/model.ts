import type { Alias, Document, Node as YamlNode, Pair, Scalar } from 'yaml';
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, YAMLMap, YAMLSeq } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';
import { Derived } from '../derived';

/**
 * The parsed Compose file, built once per document version (the facade caches it) and shared by
 * diagnostics, hover, completion and navigation.
 *
 * Every YAML document of the file is parsed with positions, then converted to plain JS ourselves
 * (not with `toJS`) so that: merge keys `<<` follow YAML 1.1 semantics, `!reset` drops its key,
 * alias expansion is bounded by a budget (an alias bomb costs linear time and is reported), and every
 * converted object remembers the YAML pairs it came from, so a finding on a JS path maps back to the
 * exact key or value range.
 */
export interface ComposeModel {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly textDocument: TextDocument;
  readonly docs: readonly ComposeDoc[];
  /** YAML syntax errors and warnings, and our structural ones (duplicate keys, alias problems). */
  readonly problems: readonly YamlProblem[];
  /** Names defined at the top level across all documents of the file. */
  readonly defs: Definitions;
  range(start: number, end: number): Range;
  nodeRange(node: YamlNode | null | undefined): Range | undefined;
  offsetAt(position: Position): number;
  lineText(line: number): string;
  /** Values other modules compute from this model (see derived.ts). */
  readonly derived: Derived;
}

export type ProblemKind = 'syntax' | 'syntax-warning' | 'duplicate-key' | 'alias';

export interface YamlProblem {
  readonly kind: ProblemKind;
  readonly range: Range;
  readonly message: string;
  /** For duplicate merge keys: the map whose `<<` keys should become one list. */
  readonly mergeMap?: YAMLMap;
  /** For other duplicate keys: the repeated pair (the fix deletes it). */
  readonly duplicatePair?: Pair;
}

export type Section = 'services' | 'networks' | 'volumes' | 'secrets' | 'configs';
export const SECTIONS: readonly Section[] = ['services', 'networks', 'volumes', 'secrets', 'configs'];

export interface Definition {
  readonly name: string;
  readonly section: Section;
  readonly keyNode: Scalar;
  readonly valueNode: YamlNode | null;
  readonly doc: ComposeDoc;
}

export type Definitions = Readonly<Record<Section, ReadonlyMap<string, Definition>>>;

export interface ComposeDoc {
  readonly index: number;
  readonly yaml: Document.Parsed;
  /** The converted value of the document (merges applied, `!reset` removed), or undefined when empty. */
  readonly root: unknown;
  /** Set when alias expansion hit the budget: the root is then partial and schema checks are skipped. */
  readonly aliasOverflow: boolean;
  /** The YAML pair a converted object's key came from (through merges and aliases). */
  pairOf(container: object, key: string): Pair | undefined;
  /** The YAML node of an item of a converted array. */
  itemOf(container: readonly unknown[], index: number): YamlNode | undefined;
  /** The YAML node a converted object or array came from. */
  nodeOf(value: object): YamlNode | undefined;
  /** Values other modules compute from this document (see derived.ts). */
  readonly derived: Derived;
}

const RESET_TAG = '!reset';
const OVERRIDE_TAG = '!override';

/** `!reset` and `!override` on scalars, maps and sequences: accepted, their meaning is applied by us. */
const CUSTOM_TAGS = [
  { tag: RESET_TAG, resolve: (s: string) => s },
  { tag: RESET_TAG, collection: 'map' as const, nodeClass: YAMLMap },
  { tag: RESET_TAG, collection: 'seq' as const, nodeClass: YAMLSeq },
  { tag: OVERRIDE_TAG, resolve: (s: string) => s },
  { tag: OVERRIDE_TAG, collection: 'map' as const, nodeClass: YAMLMap },
  { tag: OVERRIDE_TAG, collection: 'seq' as const, nodeClass: YAMLSeq },
];

/** Upper bound on expanded nodes per document, relative to its size: a real file never comes close. */
const EXPANSION_FACTOR = 50;
const MIN_EXPANSION = 100_000;

class AliasBudgetExceeded extends Error {}

export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && key.value === '<<' && key.type === 'PLAIN';
}

export function keyString(key: unknown): string {
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  if (key === null || key === undefined) return '';
  return String(key);
}

export function parseCompose(text: string, uri: string, version: number): ComposeModel {
  const textDocument = TextDocument.create(uri, 'dockercompose', version, text);
  const range = (start: number, end: number): Range => ({ start: textDocument.positionAt(start), end: textDocument.positionAt(end) });
  const nodeRange = (node: YamlNode | null | undefined): Range | undefined => {
    const r = node?.range;
    return r ? range(r[0], r[1]) : undefined;
  };
  const problems: YamlProblem[] = [];
  const parsed = parseAllDocuments(text, { customTags: CUSTOM_TAGS, uniqueKeys: false, prettyErrors: false, strict: false });
  const yamlDocs: Document.Parsed[] = Array.isArray(parsed) ? parsed : [];
  const docs: ComposeDoc[] = [];
  yamlDocs.forEach((yaml, index) => {
    for (const e of yaml.errors) problems.push({ kind: 'syntax', range: range(e.pos[0], Math.max(e.pos[1], e.pos[0] + 1)), message: cleanYamlMessage(e.message) });
    for (const w of yaml.warnings) problems.push({ kind: 'syntax-warning', range: range(w.pos[0], Math.max(w.pos[1], w.pos[0] + 1)), message: cleanYamlMessage(w.message) });
    findDuplicateKeys(yaml.contents, range, problems);
    docs.push(convertDocument(yaml, index, text.length, range, problems));
  });
  const defs = collectDefinitions(docs);
  let lines: string[] | undefined;
  return {
    uri, version, text, textDocument, docs, problems, defs, range, nodeRange,
    offsetAt: (p) => textDocument.offsetAt(p),
    lineText(line) {
      lines ??= text.split(/\r?\n/);
      return lines[line] ?? '';
    },
    derived: new Derived(),
  };
}

function cleanYamlMessage(message: string): string {
  // yaml appends "at line N, column M" and a code excerpt; the range already says where.
  return message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
}

/** Duplicate keys, including a repeated `<<`: `yaml` accepts the latter silently, Compose rejects it. */
function findDuplicateKeys(root: unknown, range: (s: number, e: number) => Range, problems: YamlProblem[]): void {
  const stack: unknown[] = [root];
  let guard = 0;
  while (stack.length && guard++ < 2_000_000) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Map<string, Scalar | YamlNode>();
      let mergeFixOffered = false;
      for (const pair of node.items) {
        const k = pair.key;
        const name = keyString(k);
        const first = seen.get(name);
        const kr = (k as YamlNode | null)?.range;
        if (first && kr) {
          const fr = first.range;
          const merge = isMergeKey(k);
          problems.push({
            kind: 'duplicate-key',
            range: range(kr[0], kr[1]),
            message: merge
              ? 'This map has two `<<` merge keys. A key may appear only once, so Compose rejects the file; merge several anchors with one list: `<<: [*a, *b]`.'
              : `The key \`${name}\` is already defined${fr ? ` on line ${lineOf(range, fr[0]) + 1}` : ''}. Compose rejects duplicate keys instead of silently keeping one of them.`,
            mergeMap: merge && !mergeFixOffered ? node : undefined,
            duplicatePair: merge ? undefined : pair,
          });
          if (merge) mergeFixOffered = true;
        } else if (k) {
          seen.set(name, k as YamlNode);
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
}

function lineOf(range: (s: number, e: number) => Range, offset: number): number {
  return range(offset, offset).start.line;
}

function convertDocument(yaml: Document.Parsed, index: number, textLength: number, range: (s: number, e: number) => Range, problems: YamlProblem[]): ComposeDoc {
  // Plain Maps, not WeakMaps: they live and die with this document, and weak entries cost the collector more.
  const pairs = new Map<object, Map<string, Pair>>();
  const items = new Map<readonly unknown[], (YamlNode | undefined)[]>();
  const nodes = new Map<object, YamlNode>();
  const memo = new Map<YamlNode, { value: unknown; size: number }>();
  const inProgress = new Set<YamlNode>();
  const limit = Math.max(MIN_EXPANSION, textLength * EXPANSION_FACTOR);
  let size = 0;
  let aliasOverflow = false;
  const RESET = Symbol('reset');
  // `Alias.resolve` walks the whole document per alias; one pass over the anchors is enough.
  const anchors = collectAnchors(yaml.contents);
  const resolveAlias = (alias: Alias): YamlNode | undefined => {
    const list = anchors.get(alias.source);
    const at = alias.range?.[0] ?? 0;
    let found: YamlNode | undefined;
    if (list) for (const a of list) if ((a.range?.[0] ?? 0) < at) found = a;
    return found;
  };

  const convert = (node: unknown): unknown => {
    if (++size > limit) throw new AliasBudgetExceeded();
    if (isAlias(node)) {
      const target = resolveAlias(node);
      if (!target) {
        const r = node.range;
        if (r) problems.push({ kind: 'alias', range: range(r[0], r[1]), message: `The alias \`*${node.source}\` refers to an anchor \`&${node.source}\` that is not defined before it.` });
        return null;
      }
      if (inProgress.has(target)) {
        const r = node.range;
        if (r) problems.push({ kind: 'alias', range: range(r[0], r[1]), message: `The alias \`*${node.source}\` refers to the node that contains it, which would repeat forever.` });
        return null;
      }
      const hit = memo.get(target);
      if (hit) {
        size += hit.size;
        if (size > limit) throw new AliasBudgetExceeded();
        return hit.value;
      }
      return convertAnchored(target);
    }
    const n = node as YamlNode;
    if (n && (n as { anchor?: string }).anchor && !memo.has(n) && !inProgress.has(n)) return convertAnchored(n);
    return convertPlain(node);
  };

  const convertAnchored = (n: YamlNode): unknown => {
    const before = size;
    inProgress.add(n);
    try {
      const value = convertPlain(n);
      memo.set(n, { value, size: size - before });
      return value;
    } finally {
      inProgress.delete(n);
    }
  };

  const convertPlain = (node: unknown): unknown => {
    if (isScalar(node)) {
      if (node.tag === RESET_TAG) return RESET;
      return node.value;
    }
    if (isMap(node)) {
      if (node.tag === RESET_TAG) return RESET;
      const out: Record<string, unknown> = {};
      const where = new Map<string, Pair>();
      if (node.items.some((p) => isMergeKey(p.key))) {
        const merged: { key: string; value: unknown; pair: Pair }[] = [];
        const mergedKeys = new Set<string>();
        for (const pair of node.items) {
          if (!isMergeKey(pair.key)) continue;
          const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
          for (const src of sources) {
            const v = convert(src);
            if (!v || typeof v !== 'object' || Array.isArray(v)) continue;
            const srcPairs = pairs.get(v);
            for (const [k, val] of Object.entries(v)) {
              if (mergedKeys.has(k)) continue; // earlier sources win
              mergedKeys.add(k);
              merged.push({ key: k, value: val, pair: srcPairs?.get(k) ?? pair });
            }
          }
        }
        for (const m of merged) {
          out[m.key] = m.value;
          where.set(m.key, m.pair);
        }
      }
      for (const pair of node.items) {
        if (isMergeKey(pair.key)) continue;
        const k = keyString(pair.key);
        const v = convert(pair.value);
        if (v === RESET) {
          delete out[k];
          where.delete(k);
          continue;
        }
        out[k] = v === undefined ? null : v;
        where.set(k, pair);
      }
      pairs.set(out, where);
      nodes.set(out, node);
      return out;
    }
    if (isSeq(node)) {
      if (node.tag === RESET_TAG) return RESET;
      const out: unknown[] = [];
      const its: (YamlNode | undefined)[] = [];
      for (const item of node.items) {
        const v = convert(item);
        if (v === RESET) continue;
        out.push(v === undefined ? null : v);
        its.push(isAlias(item) ? (resolveAlias(item) ?? (item as YamlNode)) : (item as YamlNode));
      }
      items.set(out, its);
      nodes.set(out, node);
      return out;
    }
    if (isPair(node)) return null;
    return node === undefined ? null : node;
  };

  let root: unknown;
  try {
    const v = convert(yaml.contents);
    root = v === RESET ? null : v;
  } catch (e) {
    if (!(e instanceof AliasBudgetExceeded)) throw e;
    aliasOverflow = true;
    root = undefined;
    const first = firstAlias(yaml.contents);
    const r = first?.range ?? yaml.contents?.range ?? [0, 1];
    problems.push({
      kind: 'alias',
      range: range(r[0], r[1]),
      message: `Expanding the aliases of this document would create more than ${limit.toLocaleString('en-US')} values (an "alias bomb"). Checks that need the expanded file are skipped; Compose itself refuses such files.`,
    });
  }

  return {
    index,
    yaml,
    root,
    aliasOverflow,
    pairOf: (c, k) => pairs.get(c)?.get(k),
    itemOf: (c, i) => items.get(c)?.[i],
    nodeOf: (v) => nodes.get(v),
    derived: new Derived(),
  };
}

/** Anchored nodes by name, in document order (an alias refers to the closest anchor before it). */
function collectAnchors(root: unknown): Map<string, YamlNode[]> {
  const out = new Map<string, YamlNode[]>();
  const stack: unknown[] = [root];
  const found: YamlNode[] = [];
  while (stack.length) {
    const n = stack.pop();
    if (!n || isAlias(n)) continue;
    if ((n as { anchor?: string }).anchor) found.push(n as YamlNode);
    if (isMap(n)) for (const p of n.items) stack.push(p.key, p.value);
    else if (isSeq(n)) stack.push(...n.items);
  }
  found.sort((a, b) => (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0));
  for (const n of found) {
    const name = (n as { anchor?: string }).anchor!;
    let list = out.get(name);
    if (!list) out.set(name, (list = []));
    list.push(n);
  }
  return out;
}

function firstAlias(root: unknown): YamlNode | undefined {
  const stack: unknown[] = [root];
  while (stack.length) {
    const n = stack.shift();
    if (isAlias(n)) return n;
    if (isMap(n)) for (const p of n.items) stack.push(p.key, p.value);
    else if (isSeq(n)) stack.push(...n.items);
  }
  return undefined;
}

function collectDefinitions(docs: readonly ComposeDoc[]): Definitions {
  const defs = Object.fromEntries(SECTIONS.map((s) => [s, new Map<string, Definition>()])) as Record<Section, Map<string, Definition>>;
  for (const doc of docs) {
    const root = doc.root;
    if (!isObject(root)) continue;
    for (const section of SECTIONS) {
      const sec = root[section];
      if (!isObject(sec)) continue;
      for (const name of Object.keys(sec)) {
        if (name.startsWith('x-')) continue;
        const pair = doc.pairOf(sec, name);
        if (!pair || !isScalar(pair.key)) continue;
        if (!defs[section].has(name)) defs[section].set(name, { name, section, keyNode: pair.key, valueNode: (pair.value as YamlNode | null) ?? null, doc });
      }
    }
  }
  return defs;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
