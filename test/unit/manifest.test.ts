import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/service/settings';
import { FAMILIES, LEVELS } from '../../server/src/service/types';
import { ROOT } from '../util/text';

interface Property { readonly type?: string; readonly scope?: string; readonly default?: unknown; readonly enum?: readonly string[]; readonly properties?: Record<string, Property>; readonly additionalProperties?: Property | boolean }
interface Manifest {
  readonly name: string;
  readonly displayName: string;
  readonly publisher: string;
  readonly icon?: string;
  readonly main: string;
  readonly activationEvents: readonly string[];
  readonly contributes: {
    readonly languages?: unknown;
    readonly configuration: { readonly title: string; readonly properties: Record<string, Property> };
    readonly commands: readonly { command: string; title: string; category?: string }[];
    readonly snippets: readonly { language: string; path: string }[];
    readonly grammars: readonly { path: string }[];
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const props = manifest.contributes.configuration.properties;

function clientSources(): string {
  const dir = path.join(ROOT, 'client', 'src');
  return fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
}

/** `.vscodeignore` semantics, enough for our allowlist: later lines win, `!` re-includes, `**` crosses folders. */
function shipped(file: string, ignore: string): boolean {
  let included = true;
  for (const raw of ignore.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    const glob = negate ? line.slice(1) : line;
    const re = new RegExp('^' + glob.split('**').map((part) => part.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')).join('.*') + '$');
    if (re.test(file)) included = negate;
  }
  return included;
}

describe('package.json (extension manifest)', () => {
  it('keeps the identity and activates on the built-in languages without contributing them', () => {
    assert.strictEqual(manifest.name, 'docker-tutor');
    assert.strictEqual(manifest.publisher, 'docker-tutor');
    assert.strictEqual(manifest.displayName, 'Docker Tutor');
    assert.ok(manifest.activationEvents.includes('onLanguage:dockerfile'));
    assert.ok(manifest.activationEvents.includes('onLanguage:dockercompose'));
    assert.strictEqual(manifest.contributes.languages, undefined);
  });

  it('settings match what the server reads (section dockerTutor, diagnostics.{rules,families,trustedRegistries})', () => {
    assert.strictEqual(manifest.contributes.configuration.title, 'Docker Tutor');
    assert.deepStrictEqual(Object.keys(props).sort(), [
      'dockerTutor.compose.files', 'dockerTutor.diagnostics.families', 'dockerTutor.diagnostics.rules', 'dockerTutor.diagnostics.trustedRegistries', 'dockerTutor.trace.server',
    ]);
    for (const key of ['rules', 'families', 'trustedRegistries']) assert.strictEqual(props[`dockerTutor.diagnostics.${key}`]!.scope, 'resource', key);
    const rules = props['dockerTutor.diagnostics.rules']!;
    assert.deepStrictEqual((rules.additionalProperties as Property).enum, LEVELS);
    const families = props['dockerTutor.diagnostics.families']!;
    assert.deepStrictEqual(Object.keys(families.properties ?? {}), [...FAMILIES]);
    for (const f of FAMILIES) assert.strictEqual(families.properties![f]!.default, true, f);
    assert.deepStrictEqual(props['dockerTutor.trace.server']!.enum, ['off', 'messages', 'verbose']);
    // The defaults, read the way server.ts reads them, are well-formed settings that change nothing.
    const defaults = normalizeSettings({
      rules: rules.default,
      families: families.default,
      trustedRegistries: props['dockerTutor.diagnostics.trustedRegistries']!.default,
    });
    assert.deepStrictEqual(defaults, { ...DEFAULT_SETTINGS, families: { syntax: true, buildkit: true, 'best-practice': true }, trustedRegistries: [] });
    const server = fs.readFileSync(path.join(ROOT, 'server', 'src', 'server.ts'), 'utf8');
    assert.match(server, /section: 'dockerTutor'/);
    for (const key of ['rules', 'families', 'trustedRegistries']) assert.ok(server.includes(`diag.${key}`), `server.ts no longer reads diagnostics.${key}`);
  });

  it('every contributed command is registered by the client, and the reverse', () => {
    const source = clientSources();
    const registered = [...source.matchAll(/registerCommand\(\s*'([^']+)'/g)].map((m) => m[1]!).sort();
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepStrictEqual(registered, contributed);
    for (const c of manifest.contributes.commands) {
      assert.match(c.command, /^dockerTutor\.[a-z]+\.[a-z][A-Za-z]*$/);
      assert.strictEqual(c.category, 'Docker Tutor', c.command);
      assert.ok(c.title.length > 0 && !c.title.startsWith('Docker Tutor'), `${c.command}: the category already prefixes the title`);
    }
    assert.ok(contributed.includes('dockerTutor.server.restart') && contributed.includes('dockerTutor.output.show'));
  });

  it('the icon is a 128×128 PNG', () => {
    assert.ok(manifest.icon);
    const png = fs.readFileSync(path.join(ROOT, manifest.icon));
    assert.strictEqual(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepStrictEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });

  it('.vscodeignore ships every file the manifest points at, and no sources', () => {
    const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
    const needed = [
      manifest.main.replace(/^\.\//, ''), 'dist/server.js', manifest.icon!, 'package.json', 'README.md', 'CHANGELOG.md', 'LICENSE',
      ...manifest.contributes.snippets.map((s) => s.path.replace(/^\.\//, '')),
      ...manifest.contributes.grammars.map((g) => g.path.replace(/^\.\//, '')),
    ];
    for (const f of needed) {
      assert.ok(fs.existsSync(path.join(ROOT, f)) || f.startsWith('dist/'), `${f} does not exist`);
      assert.ok(shipped(f, ignore), `${f} would be left out of the VSIX`);
    }
    for (const f of ['client/src/extension.ts', 'server/src/server.ts', 'test/unit/manifest.test.ts', 'node_modules/yaml/package.json', 'out/client/src/extension.js', 'examples/Dockerfile']) {
      assert.ok(!shipped(f, ignore), `${f} would be shipped`);
    }
  });
});
