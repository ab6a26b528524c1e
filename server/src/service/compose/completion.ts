import type { CompletionItem, CompletionList, Position } from 'vscode-languageserver-types';
import { CompletionItemKind, MarkupKind } from 'vscode-languageserver-types';
import type { ComposeModel, Section } from './model';
import { describe, enumValues, propertyNames, propertySchema, schemaForPath, typesOf } from './schemaInfo';

const KEY_LINE = /^(\s*)(-\s+)?("[^"]*"|'[^']*'|[^\s#:'"][^#:]*?)\s*:(?:\s|$)/;

/**
 * The key path of a position from the indentation of the lines above (the document being typed is often
 * not valid YAML yet, so the AST cannot be trusted). List items appear as index 0.
 */
export function pathAbove(model: ComposeModel, line: number, indent: number): (string | number)[] {
  const path: (string | number)[] = [];
  let cur = indent;
  for (let l = line - 1; l >= 0 && cur > 0; l--) {
    const t = model.lineText(l);
    if (!t.trim() || /^\s*#/.test(t)) continue;
    const ind = /^\s*/.exec(t)![0].length;
    if (ind >= cur) continue;
    const m = KEY_LINE.exec(t);
    const dash = /^\s*-\s+/.exec(t);
    if (dash) {
      const keyCol = dash[0].length;
      if (m && keyCol < cur) path.unshift(m[3]!.replace(/^["']|["']$/g, ''));
      path.unshift(0);
      cur = ind;
      continue;
    }
    if (!m) break;
    path.unshift(m[3]!.replace(/^["']|["']$/g, ''));
    cur = ind;
  }
  return path;
}

const NAME_LISTS: Record<string, Section> = {
  depends_on: 'services', links: 'services', volumes_from: 'services', extends: 'services',
  networks: 'networks', secrets: 'secrets', configs: 'configs',
};

function namesFor(model: ComposeModel, section: Section, exclude?: string): CompletionItem[] {
  return [...model.defs[section].keys()].filter((n) => n !== exclude).map((name) => ({
    label: name,
    kind: section === 'services' ? CompletionItemKind.Module : CompletionItemKind.Reference,
    detail: `${section.slice(0, -1)} defined in this file`,
  }));
}

/** Keys already written in the block the cursor is in (same indentation, no shallower line in between). */
function siblingKeys(model: ComposeModel, line: number, indent: number): Set<string> {
  const keys = new Set<string>();
  const scan = (from: number, step: 1 | -1) => {
    for (let l = from; l >= 0 && l < model.textDocument.lineCount; l += step) {
      const t = model.lineText(l);
      if (!t.trim() || /^\s*#/.test(t)) continue;
      const m = KEY_LINE.exec(t);
      const col = m ? m[1]!.length + (m[2]?.length ?? 0) : /^\s*/.exec(t)![0].length;
      if (col < indent || (m?.[2] && col === indent && step === 1)) break;
      if (m && col === indent) keys.add(m[3]!);
      if (m?.[2] && col === indent && step === -1) break;
    }
  };
  scan(line - 1, -1);
  scan(line + 1, 1);
  return keys;
}

export function completionAt(model: ComposeModel, position: Position): CompletionList {
  const items: CompletionItem[] = [];
  const lineText = model.lineText(position.line);
  const before = lineText.slice(0, position.character);
  const valueMatch = /^(\s*)(-\s+)?([\w.-]+):\s+["']?([^"'\s]*)$/.exec(before);
  const itemMatch = /^(\s*)-\s+["']?([\w.-]*)$/.exec(before);
  const keyMatch = /^(\s*)(-\s+)?([\w.-]*)$/.exec(before);

  if (valueMatch) {
    const indent = valueMatch[1]!.length + (valueMatch[2]?.length ?? 0);
    const path = [...pathAbove(model, position.line, indent), ...(valueMatch[2] ? [] : []), valueMatch[3]!];
    const key = valueMatch[3]!;
    const schema = schemaForPath(path);
    for (const v of enumValues(schema)) items.push({ label: v, kind: CompletionItemKind.EnumMember });
    if (key === 'restart' && path[0] === 'services') {
      for (const v of ['"no"', 'always', 'on-failure', 'unless-stopped']) items.push({ label: v, kind: CompletionItemKind.EnumMember, detail: 'restart policy' });
    }
    const types = typesOf(schema);
    if (types.includes('boolean')) for (const v of ['true', 'false']) items.push({ label: v, kind: CompletionItemKind.Value });
    if (key === 'network_mode') for (const v of ['host', 'none', 'bridge', ...[...model.defs.services.keys()].map((s) => `service:${s}`)]) items.push({ label: v, kind: CompletionItemKind.Value });
    if (key === 'extends' || (key === 'service' && path[path.length - 2] === 'extends')) items.push(...namesFor(model, 'services', typeof path[1] === 'string' ? path[1] : undefined));
    return { isIncomplete: false, items };
  }

  if (itemMatch) {
    const indent = itemMatch[1]!.length;
    const path = pathAbove(model, position.line, indent + 1);
    const parent = path[path.length - 1];
    const section = typeof parent === 'string' ? NAME_LISTS[parent] : undefined;
    if (section && path[0] === 'services') items.push(...namesFor(model, section, section === 'services' && typeof path[1] === 'string' ? path[1] : undefined));
    if (parent === 'volumes' && path[0] === 'services' && path.length === 3) {
      items.push(...namesFor(model, 'volumes').map((i) => ({ ...i, insertText: `${i.label}:`, detail: 'named volume (then the path in the container)' })));
    }
    if (items.length) return { isIncomplete: false, items };
  }

  if (keyMatch) {
    const indent = keyMatch[1]!.length + (keyMatch[2]?.length ?? 0);
    const path = [...pathAbove(model, position.line, indent), ...(keyMatch[2] ? [0] : [])];
    // `depends_on:` / `networks:` as maps take the names of defined things as keys.
    const parent = path[path.length - 1];
    if (path[0] === 'services' && path.length === 3 && typeof parent === 'string' && NAME_LISTS[parent] && parent !== 'extends') {
      items.push(...namesFor(model, NAME_LISTS[parent]!, typeof path[1] === 'string' ? path[1] : undefined).map((i) => ({ ...i, insertText: `${i.label}:` })));
    }
    if (path.length === 1 && path[0] === 'services') return { isIncomplete: false, items };
    const schema = schemaForPath(path);
    const present = siblingKeys(model, position.line, indent);
    for (const name of propertyNames(schema)) {
      if (present.has(name)) continue;
      const sub = propertySchema(schema, name);
      const types = typesOf(sub);
      const d = describe(sub);
      items.push({
        label: name,
        kind: CompletionItemKind.Property,
        detail: types.length ? types.join(' | ') : undefined,
        documentation: d ? { kind: MarkupKind.Markdown, value: d } : undefined,
        insertText: `${name}: `,
        tags: sub?.deprecated ? [1] : undefined,
      });
    }
  }
  return { isIncomplete: false, items };
}
