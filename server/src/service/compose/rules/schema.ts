import type { Node as YamlNode } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import { suggest } from '../suggest';
import { composeSchemaValidator } from '../../lazy';
import { DerivedSlot } from '../../derived';
import { wholeLines } from './edits';
import type { ComposeDoc, ComposeModel } from '../model';
import { isObject } from '../model';
import { enumValues, propertyNames, schemaAt, schemaForPath } from '../schemaInfo';
import type { ComposeRule, ComposeRuleContext } from './types';
import { COMPOSE_DOCS, firstLineRange, fixesFromData } from './types';

interface AjvError {
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly keyword: string;
  readonly params: Record<string, unknown>;
  readonly message?: string;
}

type SchemaKind = 'unknown-key' | 'invalid-type' | 'invalid-value' | 'out-of-range' | 'duplicate-item' | 'missing-required';

export interface SchemaProblem {
  readonly kind: SchemaKind;
  readonly range: Range;
  readonly message: string;
  readonly replacement?: { range: Range; text: string; title: string };
}

/** Fields whose value is a duration: a bare number there is reported by `compose/invalid-duration`, with a fix. */
export const DURATION_KEYS = new Set(['interval', 'timeout', 'start_period', 'start_interval', 'stop_grace_period', 'delay', 'window', 'monitor']);

const cache = new DerivedSlot<ComposeDoc, SchemaProblem[]>();

/** Validates a document once against the compiled compose-spec schema and keeps the most specific error per path. */
export function schemaProblems(model: ComposeModel, doc: ComposeDoc): SchemaProblem[] {
  let hit = cache.get(doc);
  if (hit) return hit;
  hit = [];
  cache.set(doc, hit);
  if (doc.aliasOverflow || doc.root === undefined || doc.root === null) return hit;
  const validate = composeSchemaValidator().validate as unknown as ((data: unknown) => boolean) & { errors?: AjvError[] | null };
  let ok: boolean;
  try {
    ok = validate(doc.root);
  } catch {
    return hit;
  }
  if (ok || !validate.errors) return hit;
  for (const p of selectMostSpecific(validate.errors, doc.root)) {
    const problem = toProblem(model, doc, p);
    if (problem) hit.push(problem);
  }
  return hit;
}

interface Located {
  readonly error: AjvError;
  readonly path: string[];
  readonly value: unknown;
  readonly types?: string[];
}

/** Path segments with list indexes as numbers (what the schema walker expects). */
function typedPath(root: unknown, path: readonly string[]): (string | number)[] {
  const out: (string | number)[] = [];
  let v = root;
  for (const seg of path) {
    if (Array.isArray(v)) {
      out.push(Number(seg));
      v = v[Number(seg)];
    } else {
      out.push(seg);
      v = isObject(v) ? v[seg] : undefined;
    }
  }
  return out;
}

function parsePointer(p: string): string[] {
  return p ? p.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')) : [];
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let v = root;
  for (const seg of path) {
    if (Array.isArray(v)) v = v[Number(seg)];
    else if (isObject(v)) v = v[seg];
    else return undefined;
  }
  return v;
}

const startsWith = (a: readonly string[], b: readonly string[]): boolean => b.length <= a.length && b.every((s, i) => a[i] === s);

/**
 * compose-go style: one error per path, the most specific one. Alternatives of a `oneOf` that
 * failed only because the value has another shape are dropped when a deeper or more precise
 * error explains the problem; plain type alternatives at one path merge into "must be a X or a Y".
 */
function selectMostSpecific(errors: readonly AjvError[], root: unknown): Located[] {
  const located: Located[] = [];
  const interpolated: string[][] = [];
  for (const error of errors) {
    const path = parsePointer(error.instancePath);
    const value = valueAt(root, path);
    // Interpolated values are checked after substitution by Compose: never call them wrong-typed.
    if (typeof value === 'string' && value.includes('$') && error.keyword !== 'additionalProperties' && error.keyword !== 'required') {
      interpolated.push(path);
      continue;
    }
    if (error.keyword === 'type' && typeof value === 'number' && DURATION_KEYS.has(path[path.length - 1] ?? '')) continue;
    located.push({ error, path, value });
  }
  // Errors from a `$ref`'d branch carry the definition's schemaPath, so a branch is also recognised by
  // a failed `oneOf`/`anyOf` at the same or an enclosing path.
  const choicePaths = [...located, ...errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').map((error) => ({ error, path: parsePointer(error.instancePath), value: undefined }))]
    .filter((l) => l.error.keyword === 'oneOf' || l.error.keyword === 'anyOf').map((l) => l.path);
  const isAlternative = (l: Located) => /\/(oneOf|anyOf)\/\d+\//.test(l.error.schemaPath) || l.error.keyword === 'oneOf' || l.error.keyword === 'anyOf' || choicePaths.some((p) => startsWith(l.path, p));
  const kept = located.filter((l) => {
    // The branch that holds an interpolated value is the one the user chose: its siblings' errors are noise.
    if (isAlternative(l) && interpolated.some((p) => startsWith(p, l.path))) return false;
    if (l.error.keyword === 'oneOf' || l.error.keyword === 'anyOf') {
      return !located.some((o) => o !== l && startsWith(o.path, l.path) && o.error.keyword !== 'oneOf' && o.error.keyword !== 'anyOf');
    }
    if (l.error.keyword !== 'type' || !isAlternative(l)) return true;
    return !located.some((o) => o !== l && startsWith(o.path, l.path) && (o.path.length > l.path.length || (o.error.keyword !== 'type' && o.error.keyword !== 'oneOf' && o.error.keyword !== 'anyOf')));
  });
  // Merge type alternatives at the same path.
  const out: Located[] = [];
  const typeAt = new Map<string, Located & { types: string[] }>();
  const seen = new Set<string>();
  for (const l of kept) {
    const key = l.path.join('\u0000');
    if (l.error.keyword === 'type') {
      const t = l.error.params.type;
      const types = Array.isArray(t) ? t.map(String) : [String(t)];
      const prev = typeAt.get(key);
      if (prev) {
        for (const x of types) if (!prev.types.includes(x)) prev.types.push(x);
        continue;
      }
      const merged = { ...l, types: [...types] };
      typeAt.set(key, merged);
      out.push(merged);
      continue;
    }
    if (l.error.keyword === 'oneOf' || l.error.keyword === 'anyOf') {
      if (typeAt.has(key)) continue;
    }
    const sig = `${key}\u0000${l.error.keyword}\u0000${JSON.stringify(l.error.params)}`;
    if (seen.has(sig)) continue;
    seen.add(sig);
    out.push(l);
  }
  return out;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string', number: 'a number', integer: 'a whole number', boolean: 'a boolean (true/false)',
  object: 'a mapping', array: 'a list', null: 'empty',
};

function typeWord(v: unknown): string {
  if (v === null) return 'empty (null)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'boolean') return `the boolean ${String(v)}`;
  if (typeof v === 'number') return `the number ${String(v)}`;
  return `the string "${String(v)}"`;
}

function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

export function dottedPath(path: readonly string[]): string {
  return path.map((p) => (/^\d+$/.test(p) ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[');
}

/** What the parent of a key is, in words: "a service property", "a top-level Compose key", "allowed under `build`". */
function ownerWords(path: readonly string[]): string {
  if (path.length === 0) return 'a top-level Compose key';
  if (path.length === 2 && path[0] === 'services') return 'a service property';
  if (path.length === 2 && ['networks', 'volumes', 'secrets', 'configs'].includes(path[0]!)) return `a property of a top-level ${path[0]!.slice(0, -1)}`;
  const last = [...path].reverse().find((p) => !/^\d+$/.test(p));
  return `allowed under \`${last ?? path[0]}\``;
}

function rangeForPath(model: ComposeModel, doc: ComposeDoc, path: readonly string[], which: 'key' | 'value'): Range | undefined {
  let container: unknown = doc.root;
  let node: YamlNode | undefined;
  let keyNode: YamlNode | undefined;
  for (const seg of path) {
    if (Array.isArray(container)) {
      const i = Number(seg);
      node = doc.itemOf(container, i);
      keyNode = undefined;
      container = container[i];
    } else if (isObject(container)) {
      const pair = doc.pairOf(container, seg);
      node = (pair?.value as YamlNode | null) ?? undefined;
      keyNode = (pair?.key as YamlNode | null) ?? undefined;
      container = container[seg];
      if (!pair) break;
    } else break;
  }
  if (which === 'key' && keyNode) return model.nodeRange(keyNode);
  if (node?.range && node.range[1] > node.range[0]) return firstLineRange(model, node);
  return model.nodeRange(keyNode) ?? (doc.yaml.contents ? model.nodeRange(doc.yaml.contents as YamlNode) : undefined);
}

function toProblem(model: ComposeModel, doc: ComposeDoc, l: Located): SchemaProblem | undefined {
  const { error, path, value } = l;
  const where = dottedPath(path) || 'the top level';
  switch (error.keyword) {
    case 'additionalProperties': {
      const prop = String(error.params.additionalProperty);
      const range = rangeForPath(model, doc, [...path, prop], 'key');
      if (!range) return undefined;
      const candidates = propertyNames(schemaForPath(typedPath(doc.root, path)));
      const guess = suggest(prop, candidates.length ? candidates : propertyNames(schemaAt(error.schemaPath.replace(/\/additionalProperties$/, ''))));
      const isService = path.length === 1 && path[0] === 'services';
      const message = isService
        ? `\`${prop}\` is not a valid service name: names may use only letters, digits, \`.\`, \`_\` and \`-\`.`
        : `\`${prop}\` is not ${ownerWords(path)}${guess ? ` — did you mean \`${guess}\`?` : '.'} Compose rejects the whole file on an unknown key (custom data belongs under a key starting with \`x-\`).`;
      return { kind: 'unknown-key', range, message, replacement: guess ? { range, text: guess, title: `Change to \`${guess}\`` } : undefined };
    }
    case 'required': {
      const missing = String(error.params.missingProperty);
      const range = rangeForPath(model, doc, path, 'key');
      if (!range) return undefined;
      return { kind: 'missing-required', range, message: `\`${where}\` needs \`${missing}\`: Compose cannot use this entry without it.` };
    }
    case 'type': {
      const range = rangeForPath(model, doc, path, 'value');
      if (!range) return undefined;
      const types = (l.types ?? []).filter((t, _, all) => !(t === 'integer' && all.includes('number')));
      const last = path[path.length - 1] ?? '';
      const expected = listWords(types.map((t) => TYPE_WORDS[t] ?? t));
      const message = value === null && path.length === 2 && path[0] === 'services'
        ? `The service \`${last}\` is empty: a service must be a mapping of properties (at least \`image\` or \`build\`).`
        : `\`${where}\` must be ${expected}, but it is ${typeWord(value)}.`;
      return { kind: 'invalid-type', range, message };
    }
    case 'enum': {
      const range = rangeForPath(model, doc, path, 'value');
      if (!range) return undefined;
      const allowed = (error.params.allowedValues as unknown[] | undefined)?.map(String) ?? enumValues(schemaAt(error.schemaPath.replace(/\/enum$/, '')));
      const guess = typeof value === 'string' ? suggest(value, allowed) : undefined;
      return {
        kind: 'invalid-value', range,
        message: `\`${String(value)}\` is not a valid value for \`${where}\`; allowed: ${allowed.map((a) => `\`${a}\``).join(', ')}${guess ? ` — did you mean \`${guess}\`?` : '.'}`,
        replacement: guess ? { range, text: guess, title: `Change to \`${guess}\`` } : undefined,
      };
    }
    case 'uniqueItems': {
      // Ajv names the pair in either order: point at the later copy, keep the first.
      const i = Math.max(Number(error.params.i), Number(error.params.j));
      const first = Math.min(Number(error.params.i), Number(error.params.j));
      const range = rangeForPath(model, doc, [...path, String(i)], 'value');
      if (!range) return undefined;
      const del = deleteItem(model, doc, path, i);
      return {
        kind: 'duplicate-item', range,
        message: `\`${where}\` lists the same entry twice (items ${first + 1} and ${i + 1}); Compose requires every entry to be unique.`,
        replacement: del ? { range: del, text: '', title: 'Remove the repeated entry' } : undefined,
      };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const range = rangeForPath(model, doc, path, 'value');
      if (!range) return undefined;
      const limit = String(error.params.limit);
      return { kind: 'out-of-range', range, message: `\`${where}\` must be ${error.keyword.includes('inimum') ? 'at least' : 'at most'} ${limit}, but it is ${String(value)}.` };
    }
    case 'pattern': {
      const range = rangeForPath(model, doc, path, 'value');
      if (!range) return undefined;
      return { kind: 'invalid-value', range, message: `\`${String(value)}\` is not a valid value for \`${where}\` (expected a value matching ${String(error.params.pattern)}).` };
    }
    case 'oneOf':
    case 'anyOf': {
      const range = rangeForPath(model, doc, path, 'value');
      if (!range) return undefined;
      return { kind: 'invalid-type', range, message: `\`${where}\` does not have any of the shapes Compose accepts here.` };
    }
    default: {
      const range = rangeForPath(model, doc, path, 'value');
      if (!range) return undefined;
      return { kind: 'invalid-value', range, message: `\`${where}\` ${error.message ?? 'is not valid'}.` };
    }
  }
}

/** The whole line of a block-sequence item, to delete it. */
function deleteItem(model: ComposeModel, doc: ComposeDoc, path: readonly string[], index: number): Range | undefined {
  const list = valueAt(doc.root, path);
  if (!Array.isArray(list)) return undefined;
  const node = doc.itemOf(list, index);
  const seqNode = doc.nodeOf(list);
  if (!node?.range || !seqNode || (seqNode as { flow?: boolean }).flow) return undefined;
  const line = model.textDocument.positionAt(node.range[0]).line;
  return wholeLines(model, line, line);
}

function schemaRule(kind: SchemaKind, title: string, withFix: boolean): ComposeRule {
  return {
    id: `compose/${kind}`,
    aliases: [],
    family: 'syntax',
    defaultLevel: 'error',
    title,
    explain: { docsUrl: COMPOSE_DOCS('services') },
    check(ctx: ComposeRuleContext) {
      for (const p of schemaProblems(ctx.model, ctx.doc)) {
        if (p.kind !== kind) continue;
        const fixes = p.replacement ? [{ title: p.replacement.title, edits: [{ range: p.replacement.range, newText: p.replacement.text }], isPreferred: true }] : undefined;
        ctx.report({ range: p.range, message: p.message, data: fixes ? { fixes } : undefined });
      }
    },
    fix: withFix ? fixesFromData : undefined,
  };
}

export const schemaRules: ComposeRule[] = [
  schemaRule('unknown-key', 'Key not allowed by the Compose specification', true),
  schemaRule('invalid-type', 'Value of the wrong type for its key', false),
  schemaRule('invalid-value', 'Value outside the allowed set', true),
  schemaRule('out-of-range', 'Number below the minimum or above the maximum', false),
  schemaRule('duplicate-item', 'The same entry twice in a list that must be unique', true),
  schemaRule('missing-required', 'Required property missing', false),
];
