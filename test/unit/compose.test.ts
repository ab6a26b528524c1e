import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service';
import { parseCompose } from '../../server/src/service/compose/model';
import { isValidDuration, parsePort, parseVolume, scanInterpolations } from '../../server/src/service/compose/syntax';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { composeRules } from '../../server/src/service/compose/rules';
import { FAMILIES, LEVELS } from '../../server/src/service/types';
import { composeKeys } from '../../server/src/generated/composeKeys';
import { schemaForPath } from '../../server/src/service/compose/schemaInfo';
import { applyEdits, caret, doc, formatRange, ROOT } from '../util/text';

const URI = 'file:///project/compose.yaml';
const service = () => createLanguageService();
const compose = (text: string, version = 1) => doc(text, URI, 'dockercompose', version);
const codes = (text: string) => service().validate(compose(text), 'compose').map((d) => `${String(d.code)} ${formatRange(d.range)}`);
const messages = (text: string, code: string) => service().validate(compose(text), 'compose').filter((d) => d.code === code).map((d) => (typeof d.message === 'string' ? d.message : d.message.value));
const hoverText = (h: Hover | null): string => (h ? (h.contents as MarkupContent).value : '');
function hoverAt(source: string): string {
  const { text, position } = caret(source);
  return hoverText(service().hover(compose(text), 'compose', position));
}

describe('compose model', () => {
  it('applies merge keys with YAML 1.1 priority: own keys win, earlier sources win over later ones', () => {
    const m = parseCompose('x-a: &a {image: a, restart: always}\nx-b: &b {image: b, user: bob}\nservices:\n  web:\n    <<: [*a, *b]\n    restart: "no"\n', URI, 1);
    const web = (m.docs[0]!.root as { services: { web: Record<string, unknown> } }).services.web;
    assert.deepStrictEqual(web, { image: 'a', user: 'bob', restart: 'no' });
  });

  it('accepts !reset and !override and applies !reset by dropping the key', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    ports: !reset []\n    environment: !override\n      A: "1"\n';
    const m = parseCompose(text, URI, 1);
    const web = (m.docs[0]!.root as { services: { web: Record<string, unknown> } }).services.web;
    assert.deepStrictEqual(web, { image: 'nginx:1.27', environment: { A: '1' } });
    assert.deepStrictEqual(codes(text), []);
  });

  it('parses every document of a multi-document file and shares definitions across them', () => {
    const text = 'services:\n  db:\n    image: postgres:17\n---\nservices:\n  web:\n    image: nginx:1.27\n    depends_on: [db]\n';
    const m = parseCompose(text, URI, 1);
    assert.strictEqual(m.docs.length, 2);
    assert.deepStrictEqual([...m.defs.services.keys()], ['db', 'web']);
    assert.deepStrictEqual(codes(text).filter((c) => c.startsWith('compose/undefined')), []);
  });

  it('bounds alias expansion: a billion-laughs file finishes fast with one clear diagnostic', () => {
    const lines = ['x-0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i <= 12; i++) lines.push(`x-${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    lines.push('services:', '  web:', '    image: nginx:1.27', '    command: *a12');
    const started = Date.now();
    const diags = service().validate(compose(lines.join('\n') + '\n'), 'compose');
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 2000, `took ${elapsed} ms`);
    const alias = diags.filter((d) => d.code === 'compose/alias');
    assert.strictEqual(alias.length, 1);
    assert.match(String(alias[0]!.message), /alias bomb/);
  });

  it('reports duplicate keys, including a second `<<`, which yaml itself accepts', () => {
    const text = 'x-a: &a {restart: always}\nx-b: &b {user: bob}\nservices:\n  web:\n    image: nginx:1.27\n    <<: *a\n    <<: *b\n    image: nginx:1.26\n';
    assert.deepStrictEqual(codes(text).filter((c) => c.startsWith('compose/duplicate-key')), ['compose/duplicate-key 7:5-7:7', 'compose/duplicate-key 8:5-8:10']);
  });

  it('never throws on odd input', () => {
    for (const text of ['', '---\n', 'services:', 'services: 3', '- a\n- b', 'services:\n  web: [1, 2]', ':::', 'services:\n  web:\n    ports: [{}]\n    volumes: [{type: volume}]\n    depends_on: {a: null}', '{"services": {"a": {"image": "x"}}}', 'a: &x *x', '? [a]\n: b']) {
      assert.doesNotThrow(() => service().validate(compose(text), 'compose'), text);
      assert.doesNotThrow(() => service().documentSymbols(compose(text), 'compose'), text);
    }
  });
});

describe('compose schema diagnostics', () => {
  it('names the unknown key and suggests the closest property, on the key range', () => {
    const text = 'services:\n  web:\n    imagee: nginx:1.27\n';
    // Without `image`, the service also has nothing to run: both are true.
    assert.deepStrictEqual(codes(text), ['compose/missing-image-or-build 2:3-2:6', 'compose/unknown-key 3:5-3:11']);
    assert.match(messages(text, 'compose/unknown-key')[0]!, /`imagee` is not a service property — did you mean `image`\?/);
  });

  it('never calls an interpolated value wrong-typed', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    use_api_socket: ${USE_SOCKET}\n    deploy:\n      replicas: ${REPLICAS:-2}\n    depends_on:\n      db:\n        condition: service_started\n        required: ${DB_REQUIRED}\n  db:\n    image: postgres:17\n';
    assert.deepStrictEqual(codes(text), []);
  });

  it('keeps only the most specific error of a oneOf (the shape the user chose)', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - target: 80\n        publishd: "8080"\n';
    assert.deepStrictEqual(codes(text), ['compose/unknown-key 6:9-6:17']);
    assert.match(messages(text, 'compose/unknown-key')[0]!, /did you mean `published`/);
  });

  it('ignores x- extension fields everywhere', () => {
    assert.deepStrictEqual(codes('x-anything:\n  whatever: [1, {a: 2}]\nservices:\n  web:\n    image: nginx:1.27\n    x-meta: {owner: me}\n'), []);
  });
});

describe('compose settings and suppressions', () => {
  const text = 'version: "3"\nservices:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
  it('applies per-rule levels and families like the Dockerfile rules', () => {
    const s = service();
    const d = s.validate(compose(text), 'compose', { settings: { rules: { 'compose/privileged': 'error', 'obsolete-version': 'off' }, families: {} } });
    assert.deepStrictEqual(d.map((x) => `${String(x.code)} ${x.severity}`), ['compose/privileged 1']);
    const none = s.validate(compose(text), 'compose', { settings: { rules: {}, families: { syntax: false, 'best-practice': false } } });
    assert.deepStrictEqual(none, []);
  });
  it('honours `# docker-tutor ignore=` above a line or block and `global ignore=`', () => {
    const above = 'services:\n  web:\n    image: nginx:1.27\n    # docker-tutor ignore=compose/privileged\n    privileged: true\n';
    assert.deepStrictEqual(codes(above), []);
    const block = 'services:\n  # docker-tutor ignore=privileged\n  web:\n    image: nginx:1.27\n    privileged: true\n  other:\n    image: nginx:1.27\n    privileged: true\n';
    assert.deepStrictEqual(codes(block), ['compose/privileged 8:5-8:15']);
    assert.deepStrictEqual(codes('# docker-tutor global ignore=compose/obsolete-version\n' + text), ['compose/privileged 6:5-6:15']);
  });
  it('offers the rule fix and an ignore action as code actions carrying edits', () => {
    const s = service();
    const d = compose('services:\n  web:\n    image: nginx:1.27\n    restart: no\n');
    const diags = s.validate(d, 'compose');
    const actions = s.codeActions(d, 'compose', diags[0]!.range, diags, undefined, { settings: DEFAULT_SETTINGS });
    assert.deepStrictEqual(actions.map((a) => a.title), ['Change to "no"', 'Learn why: Which restart policies does Docker offer?', 'Ignore compose/restart-no-unquoted here', 'Ignore compose/restart-no-unquoted in this file']);
    const silenced = applyEdits(d.getText(), actions[2]!.edit!.changes![URI]!);
    assert.deepStrictEqual(codes(silenced), []);
    const edits = actions[0]!.edit!.changes![URI]!;
    assert.strictEqual(applyEdits(d.getText(), edits), 'services:\n  web:\n    image: nginx:1.27\n    restart: "no"\n');
  });
});

describe('compose value syntax', () => {
  it('parses ports', () => {
    assert.deepStrictEqual(parsePort('127.0.0.1:8080:80/udp'), { hostIp: '127.0.0.1', published: '8080', target: '80', protocol: 'udp' });
    assert.deepStrictEqual(parsePort('[::1]:53:53'), { hostIp: '::1', published: '53', target: '53', protocol: undefined });
    assert.deepStrictEqual(parsePort('3000'), { hostIp: undefined, published: undefined, target: '3000', protocol: undefined });
    assert.ok('error' in parsePort('8080:'));
    assert.ok('error' in parsePort('65536'));
  });
  it('parses volumes, telling named volumes from bind mounts', () => {
    assert.deepStrictEqual(parseVolume('data:/var/lib/data:ro'), { source: 'data', target: '/var/lib/data', mode: 'ro', kind: 'named' });
    assert.strictEqual((parseVolume('./src:/app') as { kind: string }).kind, 'bind');
    assert.strictEqual((parseVolume('C:\\data:/data') as { source: string }).source, 'C:\\data');
    assert.strictEqual((parseVolume('/tmp/cache') as { kind: string }).kind, 'anonymous');
  });
  it('checks durations and interpolation like Compose', () => {
    for (const ok of ['10s', '1m30s', '500ms', '1.5h', '0']) assert.ok(isValidDuration(ok), ok);
    for (const bad of ['10', '5secs', 's', '']) assert.ok(!isValidDuration(bad), bad);
    assert.deepStrictEqual(scanInterpolations('$$HOME ${A:-x} $B').map((i) => [i.name, i.operator, i.argument]), [['A', ':-', 'x'], ['B', undefined, undefined]]);
    assert.ok(scanInterpolations('${A').every((i) => i.error));
    assert.ok(scanInterpolations('${A:x}').every((i) => i.error));
  });
  it('reports a duration string with a bad unit (no fix offered)', () => {
    const text = 'services:\n  db:\n    image: postgres:17\n    healthcheck:\n      test: ["CMD", "true"]\n      timeout: 5secs\n';
    assert.deepStrictEqual(codes(text), ['compose/invalid-duration 6:16-6:21']);
  });
});

describe('compose hover', () => {
  it('explains keys the study material covers in our own words, with the docs link', () => {
    const h = hoverAt('services:\n  web:\n    image: nginx:1.27\n    po|rts:\n      - "8080:80"\n');
    assert.match(h, /Publish container ports on the host/);
    assert.match(h, /docs\.docker\.com\/reference\/compose-file\/services\/#ports/);
  });
  it('falls back to the schema description, type and allowed values', () => {
    const h = hoverAt('services:\n  web:\n    image: nginx:1.27\n    cgr|oup: host\n');
    assert.match(h, /cgroup namespace/);
    assert.match(h, /Allowed: `host`, `private`/);
  });
  it('breaks a port mapping down', () => {
    const h = hoverAt('services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:80|80:80/tcp"\n');
    assert.match(h, /host IP: `127\.0\.0\.1`/);
    assert.match(h, /host port: `8080`/);
    assert.match(h, /container port: `80`/);
  });
  it('tells a named volume from a bind mount', () => {
    assert.match(hoverAt('services:\n  db:\n    image: postgres:17\n    volumes:\n      - d|b:/var/lib/postgresql/data\nvolumes:\n  db:\n'), /Named volume/);
    assert.match(hoverAt('services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./si|te:/usr/share/nginx/html:ro\n'), /Bind mount[\s\S]*read-only/);
  });
  it('explains ${VAR:-default} and shows octal modes', () => {
    assert.match(hoverAt('services:\n  web:\n    image: nginx:${TA|G:-1.27}\n'), /`1\.27` when `TAG` is unset or empty/);
    assert.match(hoverAt('services:\n  web:\n    image: nginx:1.27\n    secrets:\n      - source: s\n        mode: 04|40\nsecrets:\n  s:\n    file: ./s.txt\n'), /`0440` \(octal\) = `r--r-----`/);
  });
  it('says where a definition is used, on its own name (services, volumes, anchors)', () => {
    assert.match(hoverAt('services:\n  web:\n    image: nginx:1.27\n    depends_on: [db]\n  d|b:\n    image: postgres:17\n'), /\*\*Service\*\* `db`[\s\S]*host name `db`[\s\S]*Used once \(line 4\)/);
    assert.match(hoverAt('x-env: &e|nv\n  TZ: UTC\nservices:\n  web:\n    image: nginx:1.27\n    environment: *env\n'), /\*\*Anchor\*\* `env`[\s\S]*Used once \(line 6\)/);
  });
  it('previews the definition a reference points to', () => {
    const h = hoverAt('services:\n  web:\n    image: nginx:1.27\n    depends_on: [d|b]\n  db:\n    image: postgres:17\n    restart: always\n');
    assert.match(h, /service\*\* `db`/);
    assert.match(h, /image: postgres:17/);
  });
});

describe('compose navigation and completion', () => {
  const text = 'x-env: &env\n  TZ: UTC\nservices:\n  web:\n    image: nginx:1.27\n    environment: *env\n    depends_on: [api]\n    networks: [front]\n  api:\n    image: ghcr.io/acme/api:2.1\n    networks:\n      - front\nnetworks:\n  front:\n';
  it('goes to the definition of a service, network and anchor', () => {
    const s = service();
    const d = compose(text);
    const at = (line: number, character: number) => s.definition(d, 'compose', { line, character }).map((l) => formatRange(l.range));
    assert.deepStrictEqual(at(6, 18), ['9:3-9:6']);
    assert.deepStrictEqual(at(7, 16), ['14:3-14:8']);
    assert.deepStrictEqual(at(5, 19), ['1:9-1:12']);
  });
  it('finds references, highlights and renames every occurrence', () => {
    const s = service();
    const d = compose(text);
    assert.deepStrictEqual(s.references(d, 'compose', { line: 13, character: 3 }, true).map((l) => formatRange(l.range)), ['14:3-14:8', '8:16-8:21', '12:9-12:14']);
    assert.strictEqual(s.documentHighlight(d, 'compose', { line: 13, character: 3 }).length, 3);
    const edit = s.rename(d, 'compose', { line: 8, character: 3 }, 'backend');
    const renamed = applyEdits(text, edit!.changes![URI]!);
    assert.match(renamed, /depends_on: \[backend\]/);
    assert.match(renamed, /\n {2}backend:\n/);
    assert.strictEqual(s.rename(d, 'compose', { line: 8, character: 3 }, 'bad name'), null);
  });
  it('outlines services, networks and the other sections', () => {
    const symbols = service().documentSymbols(compose(text), 'compose');
    assert.deepStrictEqual(symbols.map((s) => s.name), ['x-env', 'services', 'networks']);
    assert.deepStrictEqual(symbols[1]!.children!.map((c) => `${c.name} ${c.detail}`), ['web nginx:1.27', 'api ghcr.io/acme/api:2.1']);
  });
  it('completes service keys from the schema, enum values and defined names', () => {
    const s = service();
    const complete = (source: string) => {
      const { text: t, position } = caret(source);
      return s.completion(compose(t), 'compose', position).items.map((i) => i.label);
    };
    const keys = complete('services:\n  web:\n    image: nginx:1.27\n    |\n');
    for (const k of ['healthcheck', 'depends_on', 'restart', 'ports']) assert.ok(keys.includes(k), k);
    assert.ok(!keys.includes('image'), 'keys already present are not offered again');
    assert.deepStrictEqual(complete('services:\n  web:\n    image: nginx:1.27\n    cgroup: |\n'), ['host', 'private']);
    assert.ok(complete('services:\n  web:\n    image: nginx:1.27\n    restart: |\n').includes('unless-stopped'));
    assert.deepStrictEqual(complete('services:\n  web:\n    image: nginx:1.27\n    depends_on:\n      - |\n  db:\n    image: postgres:17\n'), ['db']);
    assert.deepStrictEqual(complete('services:\n  web:\n    image: nginx:1.27\n    depends_on:\n      db:\n        condition: |\n  db:\n    image: postgres:17\n'), ['service_started', 'service_healthy', 'service_completed_successfully']);
  });
});

describe('compose rule registry and content', () => {
  it('has unique kebab-case ids with valid metadata', () => {
    const ids = composeRules.map((r) => r.id);
    assert.strictEqual(new Set(ids).size, ids.length, 'duplicate rule id');
    for (const r of composeRules) {
      assert.match(r.id, /^compose\/[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(LEVELS.includes(r.defaultLevel) && FAMILIES.includes(r.family), r.id);
      assert.ok(r.title.length > 0 && r.explain.docsUrl.startsWith('https://docs.docker.com/'), r.id);
    }
  });
  it('keys every hover text by a path the schema knows', () => {
    for (const pattern of Object.keys(composeKeys)) {
      const path = pattern.split('.').map((p) => (p === '*' ? 'web' : p));
      assert.ok(schemaForPath(path), `${pattern} is not a Compose key`);
    }
  });
});

describe('compose robustness', () => {
  it('never throws, whatever the edit: random deletions and insertions in a realistic file', () => {
    const base = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'rules', 'compose', 'secret-in-environment', 'good.yaml'), 'utf8') +
      'x-a: &a {restart: always}\n' + fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'rules', 'compose', 'undefined-service', 'good.yaml'), 'utf8').replace(/^services:\n/, '');
    const s = service();
    const pieces = ['<<: *a', '&b', '*b', '!reset', ': ', '- ', '"', "'", '${', '$$', '{', '}', '[', ']', '\n  ', '\t', '#', '---\n', '? ', '|\n', 'null', '0440', '22:22'];
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.nat(base.length), fc.nat(12), fc.constantFrom(...pieces)), { minLength: 1, maxLength: 6 }),
      fc.nat(400),
      (edits, at) => {
        let text = base;
        for (const [pos, del, ins] of edits) {
          const p = Math.min(pos, text.length);
          text = text.slice(0, p) + ins + text.slice(p + del);
        }
        const d = compose(text, 2);
        const lines = text.split('\n');
        const line = at % Math.max(1, lines.length);
        const position = { line, character: Math.min(at % 17, (lines[line] ?? '').length) };
        const diags = s.validate(d, 'compose');
        s.codeActions(d, 'compose', { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } }, diags, undefined);
        s.hover(d, 'compose', position);
        s.completion(d, 'compose', position);
        s.references(d, 'compose', position, true);
        s.documentSymbols(d, 'compose');
      },
    ), { numRuns: 150 });
  });
});

describe('compose files that build on others', () => {
  it('does not call names undefined when they may come from an included or base file', () => {
    const text = 'include:\n  - ./db/compose.yaml\nservices:\n  web:\n    image: nginx:1.27\n    depends_on: [db]\n    networks: [backend]\n';
    assert.deepStrictEqual(codes(text), []);
    const override = 'services:\n  web:\n    ports: ["127.0.0.1:8080:80"]\n    depends_on: [db]\n';
    assert.deepStrictEqual(service().validate(doc(override, 'file:///p/compose.override.yaml', 'dockercompose'), 'compose').map((d) => d.code), []);
    assert.deepStrictEqual(codes(override).sort(), ['compose/missing-image-or-build 2:3-2:6', 'compose/undefined-service 4:18-4:20']);
  });
});

describe('compose hover with the .env file', () => {
  it('shows the value a variable gets from the .env file beside the compose file', () => {
    const files = {
      readText: (p: string) => (p === '/proj/.env' ? '# comment\nTAG=1.27-alpine\nexport PORT="8080"\n' : undefined),
      exists: (p: string) => p === '/proj/.env',
    };
    const s = createLanguageService({ files });
    const { text, position } = caret('services:\n  web:\n    image: nginx:${T|AG:-latest}\n    ports: ["${PORT}:80", "${OTHER}:81"]\n');
    const h = hoverText(s.hover(doc(text, 'file:///proj/compose.yaml', 'dockercompose'), 'compose', position));
    assert.match(h, /In `\.env`: `TAG=1\.27-alpine`/);
    const h2 = hoverText(s.hover(doc(text, 'file:///proj/compose.yaml', 'dockercompose'), 'compose', { line: 3, character: 27 }));
    assert.match(h2, /`OTHER` is not set there/);
  });
});
