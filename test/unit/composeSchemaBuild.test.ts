import * as assert from 'assert';
import Ajv from 'ajv';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { validate as generated } from '../../server/src/generated/composeSchemaValidate';
import { filesUnder, ROOT, SHARED } from '../util/text';

/**
 * scripts/buildComposeSchema.mjs compiles the compose-spec schema without its annotations (descriptions,
 * titles) to keep the validator small. That must not change a single error the compose/schema rule reads:
 * here the generated validator and Ajv compiling the vendored schema as it is (same options) must agree
 * on every Compose file we have and on deterministic mutations of them (dropped, renamed and retyped keys).
 */
type Validate = ((data: unknown) => boolean) & { errors?: unknown };

function composeFiles(): string[] {
  const yaml = (name: string): boolean => /\.ya?ml$/.test(name);
  return [...filesUnder(path.join(ROOT, 'test', 'fixtures', 'rules', 'compose'), yaml), ...filesUnder(path.join(SHARED, 'corpus', 'compose'), yaml)].sort();
}

const ODD_VALUES: readonly unknown[] = [null, 1, -5, 1.5, true, 'x', '', '10s', 70000, [], ['a', 'a'], [1], ['A=b'], {}, { foo: 1 }, { a: null }];

/** A copy of `v` with some keys dropped, renamed or given an odd value; `next` is the deterministic choice source. */
function mutate(v: unknown, next: () => number): unknown {
  if (Array.isArray(v)) return v.map((x) => (next() < 0.15 ? ODD_VALUES[Math.floor(next() * ODD_VALUES.length)] : mutate(x, next)));
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const r = next();
    if (r < 0.05) continue;
    if (r < 0.1) out[`${k}x`] = x;
    else out[k] = r < 0.2 ? ODD_VALUES[Math.floor(next() * ODD_VALUES.length)] : mutate(x, next);
  }
  return out;
}

describe('compose schema validator (generated)', () => {
  it('reports exactly what Ajv reports for the full vendored schema', function () {
    this.timeout(120_000);
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'server', 'content', 'vendor', 'compose-spec.json'), 'utf8')) as Record<string, unknown>;
    delete schema.$schema;
    const reference = new Ajv({ allErrors: true, strict: false, validateSchema: false, code: { optimize: 1 } }).compile(schema) as Validate;
    const ours = generated as unknown as Validate;
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    let compared = 0;
    let invalid = 0;
    for (const file of composeFiles()) {
      for (const d of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
        let data: unknown;
        try {
          data = d.toJS({ maxAliasCount: 1000 });
        } catch {
          continue;
        }
        for (let i = 0; i < 20; i++) {
          const input = i === 0 ? data : mutate(data, next);
          const expected = reference(input);
          assert.strictEqual(ours(input), expected, `${file} (variant ${i})`);
          assert.deepStrictEqual(ours.errors ?? null, reference.errors ?? null, `${file} (variant ${i})`);
          compared++;
          if (!expected) invalid++;
        }
      }
    }
    // The comparison only means something if it saw many inputs, valid and invalid.
    assert.ok(compared > 1000 && invalid > compared / 4 && invalid < compared, `${compared} inputs, ${invalid} invalid`);
  });
});
