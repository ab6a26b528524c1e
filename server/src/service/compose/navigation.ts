import type { Node as YamlNode } from 'yaml';
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { DocumentHighlight, DocumentSymbol, Location, Position, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import { DocumentHighlightKind, SymbolKind } from 'vscode-languageserver-types';
import { comparePositions } from '../text';
import { DerivedSlot } from '../derived';
import type { ComposeModel, Section } from './model';
import { isObject, keyString, SECTIONS } from './model';
import { resourceRefs, serviceRefs } from './rules/semantic';

export type EntityKind = Section | 'anchor';

/** A named thing of the file with its declaration and every place that names it. */
export interface Entity {
  readonly kind: EntityKind;
  readonly name: string;
  /** Range of the name in its declaration (without `&` for anchors). */
  readonly decl?: Range;
  readonly refs: Range[];
}

const cache = new DerivedSlot<ComposeModel, Entity[]>();

export function entitiesOf(model: ComposeModel): Entity[] {
  let hit = cache.get(model);
  if (hit) return hit;
  const byKey = new Map<string, Entity & { refs: Range[] }>();
  const get = (kind: EntityKind, name: string): Entity & { refs: Range[] } => {
    const k = `${kind}\u0000${name}`;
    let e = byKey.get(k);
    if (!e) byKey.set(k, (e = { kind, name, refs: [] }));
    return e;
  };
  for (const section of SECTIONS) {
    for (const def of model.defs[section].values()) {
      const r = model.nodeRange(def.keyNode);
      if (r) byKey.set(`${section}\u0000${def.name}`, { kind: section, name: def.name, decl: nameRange(model, def.keyNode, def.name) ?? r, refs: [] });
    }
  }
  for (const doc of model.docs) {
    if (!isObject(doc.root)) continue;
    for (const ref of serviceRefs(model, doc)) get('services', ref.name).refs.push(ref.nameRange);
    for (const ref of resourceRefs(model, doc)) get(ref.section, ref.name).refs.push(ref.nameRange);
  }
  for (const doc of model.docs) {
    const stack: unknown[] = [doc.yaml.contents];
    while (stack.length) {
      const n = stack.pop();
      if (isAlias(n)) {
        const r = n.range;
        if (r) get('anchor', n.source).refs.push(model.range(r[0] + 1, r[0] + 1 + n.source.length));
        continue;
      }
      const anchor = (n as { anchor?: string } | null)?.anchor;
      const nr = (n as YamlNode | null)?.range;
      if (anchor && nr) {
        const at = model.text.lastIndexOf(`&${anchor}`, nr[0]);
        if (at >= 0) {
          const e = get('anchor', anchor);
          if (!e.decl) byKey.set(`anchor\u0000${anchor}`, { ...e, decl: model.range(at + 1, at + 1 + anchor.length) });
        }
      }
      if (isMap(n)) for (const p of n.items) stack.push(p.key, p.value);
      else if (isSeq(n)) stack.push(...n.items);
    }
  }
  hit = [...byKey.values()];
  cache.set(model, hit);
  return hit;
}

/** The range of `name` inside a scalar (skipping a quote). */
function nameRange(model: ComposeModel, node: YamlNode, name: string): Range | undefined {
  const r = node.range;
  if (!r) return undefined;
  const src = model.text.slice(r[0], r[1]);
  const i = src.indexOf(name);
  return i < 0 ? undefined : model.range(r[0] + i, r[0] + i + name.length);
}

const contains = (r: Range, p: Position) => comparePositions(r.start, p) <= 0 && comparePositions(p, r.end) <= 0;

export function entityAt(model: ComposeModel, position: Position): { entity: Entity; range: Range } | undefined {
  for (const e of entitiesOf(model)) {
    if (e.decl && contains(e.decl, position)) return { entity: e, range: e.decl };
    for (const r of e.refs) if (contains(r, position)) return { entity: e, range: r };
  }
  return undefined;
}

export function definitionAt(model: ComposeModel, position: Position): Location[] {
  const hit = entityAt(model, position);
  return hit?.entity.decl ? [{ uri: model.uri, range: hit.entity.decl }] : [];
}

export function referencesAt(model: ComposeModel, position: Position, includeDeclaration: boolean): Location[] {
  const hit = entityAt(model, position);
  if (!hit) return [];
  const ranges = [...(includeDeclaration && hit.entity.decl ? [hit.entity.decl] : []), ...hit.entity.refs];
  return ranges.map((range) => ({ uri: model.uri, range }));
}

export function highlightsAt(model: ComposeModel, position: Position): DocumentHighlight[] {
  const hit = entityAt(model, position);
  if (!hit) return [];
  const out: DocumentHighlight[] = [];
  if (hit.entity.decl) out.push({ range: hit.entity.decl, kind: DocumentHighlightKind.Write });
  for (const r of hit.entity.refs) out.push({ range: r, kind: DocumentHighlightKind.Read });
  return out;
}

export function prepareRenameAt(model: ComposeModel, position: Position): Range | null {
  const hit = entityAt(model, position);
  return hit && hit.entity.decl ? hit.range : null;
}

const VALID_NAME = /^[a-zA-Z0-9._-]+$/;

export function renameAt(model: ComposeModel, position: Position, newName: string): WorkspaceEdit | null {
  const hit = entityAt(model, position);
  if (!hit || !hit.entity.decl || !VALID_NAME.test(newName)) return null;
  const edits = [hit.entity.decl, ...hit.entity.refs].map((range) => ({ range, newText: newName }));
  return { changes: { [model.uri]: edits } };
}

const SYMBOL_KIND: Record<Section, SymbolKind> = {
  services: SymbolKind.Class,
  networks: SymbolKind.Interface,
  volumes: SymbolKind.Struct,
  secrets: SymbolKind.Key,
  configs: SymbolKind.Object,
};

/** Outline: one node per top-level section with its entries (services, networks, volumes, secrets, configs). */
export function symbolsOf(model: ComposeModel): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const doc of model.docs) {
    const root = doc.yaml.contents;
    if (!isMap(root)) continue;
    for (const pair of root.items) {
      const name = keyString(pair.key);
      if (!isScalar(pair.key)) continue;
      const keyR = model.nodeRange(pair.key);
      const valueEnd = (pair.value as YamlNode | null)?.range?.[1] ?? pair.key.range?.[1] ?? 0;
      if (!keyR) continue;
      const full = { start: keyR.start, end: model.textDocument.positionAt(valueEnd) };
      const section = (SECTIONS as readonly string[]).includes(name) ? (name as Section) : undefined;
      const children: DocumentSymbol[] = [];
      if (section && isMap(pair.value)) {
        for (const p of pair.value.items) {
          const kr = model.nodeRange(p.key as YamlNode);
          if (!kr || !isScalar(p.key)) continue;
          const end = (p.value as YamlNode | null)?.range?.[1] ?? p.key.range![1];
          const svc = p.value;
          let detail: string | undefined;
          if (section === 'services' && isMap(svc)) {
            const img = svc.items.find((x) => keyString(x.key) === 'image');
            detail = img && isScalar(img.value) ? String(img.value.value) : svc.items.some((x) => keyString(x.key) === 'build') ? 'build' : undefined;
          }
          children.push({ name: keyString(p.key), detail, kind: SYMBOL_KIND[section], range: { start: kr.start, end: model.textDocument.positionAt(end) }, selectionRange: kr });
        }
      }
      out.push({ name, kind: section ? SymbolKind.Namespace : SymbolKind.Property, range: full, selectionRange: keyR, children });
    }
  }
  return out;
}
