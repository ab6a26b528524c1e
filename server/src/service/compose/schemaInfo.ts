import { composeSchema } from '../../generated/composeSchemaData';

/** The subset of JSON Schema draft-07 the compose-spec schema uses. */
export interface SchemaNode {
  readonly $id?: string;
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly title?: string;
  readonly description?: string;
  readonly deprecated?: boolean;
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly uniqueItems?: boolean;
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly patternProperties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: boolean | SchemaNode;
  readonly items?: SchemaNode;
  readonly oneOf?: readonly SchemaNode[];
  readonly anyOf?: readonly SchemaNode[];
  readonly definitions?: Readonly<Record<string, SchemaNode>>;
}

export const SCHEMA: SchemaNode = composeSchema;

export function deref(node: SchemaNode | undefined): SchemaNode | undefined {
  let n = node;
  for (let i = 0; n?.$ref && i < 10; i++) {
    const m = /^#\/definitions\/(.+)$/.exec(n.$ref);
    n = m ? SCHEMA.definitions?.[m[1]!] : undefined;
  }
  return n;
}

/** The schema node at an Ajv `schemaPath` (`#/definitions/service/properties/build/oneOf/1`). */
export function schemaAt(pointer: string): SchemaNode | undefined {
  const parts = pointer.replace(/^#\/?/, '').split('/').filter(Boolean).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let n: unknown = SCHEMA;
  for (const p of parts) {
    if (!n || typeof n !== 'object') return undefined;
    n = (n as Record<string, unknown>)[p];
    if (n && typeof n === 'object' && '$ref' in n && parts.indexOf(p) < parts.length - 1) n = deref(n as SchemaNode);
  }
  return n as SchemaNode | undefined;
}

/** Every alternative of a node (`oneOf`/`anyOf` flattened, `$ref` followed). */
export function alternatives(node: SchemaNode | undefined): SchemaNode[] {
  const n = deref(node);
  if (!n) return [];
  const alts = n.oneOf ?? n.anyOf;
  if (!alts) return [n];
  return alts.flatMap((a) => alternatives(a));
}

/** The schema of a property of an object node, trying each alternative. */
export function propertySchema(node: SchemaNode | undefined, key: string): SchemaNode | undefined {
  for (const alt of alternatives(node)) {
    const direct = alt.properties?.[key];
    if (direct) return direct;
    if (alt.patternProperties) {
      for (const [pattern, sub] of Object.entries(alt.patternProperties)) {
        if (pattern === '^x-') continue;
        try {
          if (new RegExp(pattern).test(key)) return sub;
        } catch {
          // A pattern JavaScript cannot compile never matches.
        }
      }
    }
  }
  return undefined;
}

export function itemSchema(node: SchemaNode | undefined): SchemaNode | undefined {
  for (const alt of alternatives(node)) if (alt.items) return alt.items;
  return undefined;
}

/** The schema for a path of keys/indexes from the root (undefined where the schema says nothing). */
export function schemaForPath(path: readonly (string | number)[]): SchemaNode | undefined {
  let n: SchemaNode | undefined = SCHEMA;
  for (const seg of path) {
    if (!n) return undefined;
    n = typeof seg === 'number' ? itemSchema(n) : propertySchema(n, seg);
  }
  return n;
}

/** Named properties an object node allows (for did-you-mean and completion). */
export function propertyNames(node: SchemaNode | undefined): string[] {
  const names = new Set<string>();
  for (const alt of alternatives(node)) for (const k of Object.keys(alt.properties ?? {})) names.add(k);
  return [...names];
}

export function enumValues(node: SchemaNode | undefined): string[] {
  const values = new Set<string>();
  for (const alt of alternatives(node)) for (const v of alt.enum ?? []) values.add(String(v));
  return [...values];
}

/** The description to show: the property's own, else its definition's. */
export function describe(node: SchemaNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.description) return node.description;
  return deref(node)?.description;
}

export function typesOf(node: SchemaNode | undefined): string[] {
  const out = new Set<string>();
  for (const alt of alternatives(node)) {
    const t = alt.type;
    if (typeof t === 'string') out.add(t);
    else if (t) for (const x of t) out.add(x);
  }
  return [...out];
}
