import type { Node as YamlNode, Pair } from 'yaml';
import { isMap, isSeq } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import type { Finding, Fix, RuleMeta } from '../../types';
import type { Settings } from '../../settings';
import { DerivedSlot } from '../../derived';
import type { FileAccess } from '../../dockerfile/rules/types';
import type { ComposeDoc, ComposeModel } from '../model';
import { isObject } from '../model';

export interface ComposeRuleContext {
  readonly model: ComposeModel;
  readonly doc: ComposeDoc;
  readonly settings: Settings;
  /** Absolute path of the compose file when it lives on disk. */
  readonly fsPath: string | undefined;
  readonly files: FileAccess | undefined;
  report(finding: Finding): void;
}

/** A Compose rule: data plus a function run once per YAML document of the file. */
export interface ComposeRule extends RuleMeta {
  check(ctx: ComposeRuleContext): void;
  fix?(model: ComposeModel, finding: Finding): Fix[];
}

/** What a finding carries so that its rule's `fix` can hand the edits back without recomputing. */
export interface FixData {
  readonly fixes?: readonly Fix[];
}

/** The `fix` of rules that compute their edits when they report (most Compose fixes are local). */
export function fixesFromData(_model: ComposeModel, finding: Finding): Fix[] {
  const d = finding.data as FixData | undefined;
  return d?.fixes ? [...d.fixes] : [];
}

export const COMPOSE_DOCS = (section: string, anchor?: string): string =>
  `https://docs.docker.com/reference/compose-file/${section}/${anchor ? `#${anchor}` : ''}`;

const servicesCache = new DerivedSlot<ComposeDoc, [string, Record<string, unknown>][]>();

/** Services of a document as `[name, definition]`, skipping `x-` entries and non-maps (computed once per document). */
export function servicesOf(doc: ComposeDoc): readonly [string, Record<string, unknown>][] {
  let hit = servicesCache.get(doc);
  if (!hit) servicesCache.set(doc, (hit = computeServices(doc)));
  return hit;
}

function computeServices(doc: ComposeDoc): [string, Record<string, unknown>][] {
  const root = doc.root;
  if (!isObject(root) || !isObject(root.services)) return [];
  const out: [string, Record<string, unknown>][] = [];
  for (const [name, svc] of Object.entries(root.services)) {
    if (name.startsWith('x-') || !isObject(svc)) continue;
    out.push([name, svc]);
  }
  return out;
}

export function topLevel(doc: ComposeDoc, section: string): Record<string, unknown> | undefined {
  const root = doc.root;
  if (!isObject(root)) return undefined;
  const s = root[section];
  return isObject(s) ? s : undefined;
}

/** Range helpers that map converted values back to the YAML text. */
export function keyRange(model: ComposeModel, doc: ComposeDoc, container: object, key: string): Range | undefined {
  const pair = doc.pairOf(container, key);
  return model.nodeRange(pair?.key as YamlNode | undefined);
}

export function valueNode(doc: ComposeDoc, container: object, key: string): YamlNode | undefined {
  const pair: Pair | undefined = doc.pairOf(container, key);
  const v = pair?.value as YamlNode | null | undefined;
  return v ?? undefined;
}

/** The value's range, or the key's when the value is empty. */
export function valueRange(model: ComposeModel, doc: ComposeDoc, container: object, key: string): Range | undefined {
  const pair = doc.pairOf(container, key);
  if (!pair) return undefined;
  const v = pair.value as YamlNode | null;
  return (v && v.range && v.range[1] > v.range[0] ? firstLineRange(model, v) : undefined) ?? model.nodeRange(pair.key as YamlNode);
}

export function itemRange(model: ComposeModel, doc: ComposeDoc, container: readonly unknown[], index: number): Range | undefined {
  const node = doc.itemOf(container, index);
  return node ? firstLineRange(model, node) : undefined;
}

/** A node's range, cut at the end of its first line for block collections (a squiggle over a whole block says nothing). */
export function firstLineRange(model: ComposeModel, node: YamlNode): Range | undefined {
  const r = node.range;
  if (!r) return undefined;
  let end = r[1];
  if ((isMap(node) || isSeq(node)) && !node.flow) {
    const nl = model.text.indexOf('\n', r[0]);
    if (nl >= 0 && nl < end) end = nl;
    while (end > r[0] && /\s/.test(model.text[end - 1]!)) end--;
  }
  return model.range(r[0], end);
}

/** Source text of a node (what the user typed, quotes included). */
export function sourceOf(model: ComposeModel, node: YamlNode | undefined): string {
  const r = node?.range;
  return r ? model.text.slice(r[0], r[1]) : '';
}

/** The whole lines a key/value pair spans, to delete it (with its trailing newline). */
export function pairLines(model: ComposeModel, pair: Pair): Range | undefined {
  const k = (pair.key as YamlNode | null)?.range;
  const v = (pair.value as YamlNode | null)?.range;
  if (!k) return undefined;
  const start = model.textDocument.positionAt(k[0]);
  const endOffset = v ? Math.max(v[1], k[1]) : k[1];
  let end = model.textDocument.positionAt(endOffset);
  // A block value's range ends after its last line break already.
  // (Clamped: on the last line of a file without a final newline the text ends first.)
  if (end.character !== 0 || endOffset === k[1]) end = model.textDocument.positionAt(model.textDocument.offsetAt({ line: end.line + 1, character: 0 }));
  return { start: { line: start.line, character: 0 }, end };
}

export function hasInterpolation(v: unknown): boolean {
  return typeof v === 'string' && v.includes('$');
}
