import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_SETTINGS, LABEL_TYPES, normalizeSettings } from '../../server/src/service/settings';
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
    readonly viewsContainers?: { readonly activitybar?: readonly { id: string; icon: string }[] };
    readonly views?: Record<string, readonly { id: string; icon?: string }[]>;
    readonly walkthroughs?: readonly { steps: readonly { media: { markdown?: string; image?: string }; completionEvents?: readonly string[] }[] }[];
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const props = manifest.contributes.configuration.properties;
const DIAGNOSTIC_KEYS = ['rules', 'families', 'trustedRegistries', 'labelSchema', 'strictLabels', 'disableIgnorePragma'];

function clientSources(): string {
  const dir = path.join(ROOT, 'client', 'src');
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
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

  it('settings match what the server reads (section dockerTutor, diagnostics.{rules,families,trustedRegistries,labelSchema,strictLabels,disableIgnorePragma})', () => {
    assert.strictEqual(manifest.contributes.configuration.title, 'Docker Tutor');
    assert.deepStrictEqual(Object.keys(props).sort(), [
      'dockerTutor.compose.files', 'dockerTutor.diagnostics.disableIgnorePragma', 'dockerTutor.diagnostics.families', 'dockerTutor.diagnostics.labelSchema',
      'dockerTutor.diagnostics.rules', 'dockerTutor.diagnostics.strictLabels', 'dockerTutor.diagnostics.trustedRegistries',
      'dockerTutor.quiz.newCardsPerDay', 'dockerTutor.trace.server',
    ]);
    for (const key of DIAGNOSTIC_KEYS) assert.strictEqual(props[`dockerTutor.diagnostics.${key}`]!.scope, 'resource', key);
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
      labelSchema: props['dockerTutor.diagnostics.labelSchema']!.default,
      strictLabels: props['dockerTutor.diagnostics.strictLabels']!.default,
      disableIgnorePragma: props['dockerTutor.diagnostics.disableIgnorePragma']!.default,
    });
    assert.deepStrictEqual(defaults, {
      ...DEFAULT_SETTINGS, families: { syntax: true, buildkit: true, 'best-practice': true }, trustedRegistries: [], labelSchema: {}, strictLabels: false, disableIgnorePragma: false,
    });
    const labelTypes = (props['dockerTutor.diagnostics.labelSchema']!.additionalProperties as Property).enum;
    assert.deepStrictEqual([...(labelTypes ?? [])].sort(), [...LABEL_TYPES].sort());
    const server = fs.readFileSync(path.join(ROOT, 'server', 'src', 'server.ts'), 'utf8');
    assert.match(server, /section: 'dockerTutor'/);
    for (const key of DIAGNOSTIC_KEYS) assert.ok(server.includes(`diag.${key}`), `server.ts no longer reads diagnostics.${key}`);
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

  it('walkthrough steps complete on a command that exists or on a context key the client sets', () => {
    const source = clientSources();
    const commandIds = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const w of manifest.contributes.walkthroughs ?? []) {
      for (const step of w.steps) {
        assert.ok(step.completionEvents?.length, 'a step without completion events is never ticked');
        for (const ev of step.completionEvents ?? []) {
          const [kind, arg] = ev.split(':');
          if (kind === 'onCommand') assert.ok(commandIds.has(arg!), ev);
          else if (kind === 'onContext') assert.ok(source.includes(`'setContext', '${arg}'`), `${ev}: the client never sets it`);
          else assert.fail(`unexpected completion event ${ev}`);
        }
      }
    }
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
      ...(manifest.contributes.viewsContainers?.activitybar ?? []).map((v) => v.icon),
      ...Object.values(manifest.contributes.views ?? {}).flat().flatMap((v) => (v.icon ? [v.icon] : [])),
      ...(manifest.contributes.walkthroughs ?? []).flatMap((w) => w.steps.map((st) => st.media.markdown ?? st.media.image ?? '')),
      // The quiz webview's resources (scripts/esbuild.mjs).
      'dist/webview/quiz.js', 'dist/webview/elements.js', 'dist/webview/quiz.css',
    ];
    for (const f of needed) {
      assert.ok(fs.existsSync(path.join(ROOT, f)) || f.startsWith('dist/'), `${f} does not exist`);
      assert.ok(shipped(f, ignore), `${f} would be left out of the VSIX`);
    }
    // What the bundles load beside themselves (server/src/service/lazy.ts), found in the bundles themselves.
    const lazy = new Set<string>();
    const scan = (bundle: string): void => {
      for (const m of fs.readFileSync(path.join(ROOT, bundle), 'utf8').matchAll(/require\("\.\/([\w.-]+\.js)"\)/g)) {
        const f = `dist/${m[1]!}`;
        if (lazy.has(f)) continue;
        lazy.add(f);
        scan(f);
      }
    };
    scan('dist/server.js');
    scan('dist/cli.js');
    assert.ok(lazy.has('dist/dockerfileService.js'), `the server loads the Dockerfile support on first use: ${[...lazy].join(', ')}`);
    for (const f of lazy) {
      assert.ok(fs.existsSync(path.join(ROOT, f)), `${f} is required by a bundle but was not built`);
      assert.ok(shipped(f, ignore), `${f} is required by a bundle but would be left out of the VSIX`);
    }
    for (const f of ['client/src/extension.ts', 'server/src/server.ts', 'test/unit/manifest.test.ts', 'node_modules/yaml/package.json', 'out/client/src/extension.js', 'examples/Dockerfile']) {
      assert.ok(!shipped(f, ignore), `${f} would be shipped`);
    }
  });
});
