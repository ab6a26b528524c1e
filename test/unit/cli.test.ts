import * as assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import Ajv from 'ajv';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { composeRules } from '../../server/src/service/compose/rules';
import { dockerfileRules } from '../../server/src/service/dockerfile/rules';
import { isolatedEnv } from '../util/isolatedEnv';
import { ROOT } from '../util/text';

/**
 * The bundled CLI (`bin/docker-tutor.js` -> `dist/cli.js`, built by `npm run build`) run as a child
 * process, as a user or a CI job runs it. Fixtures: `test/fixtures/cli/`.
 */
const BIN = path.join(ROOT, 'bin', 'docker-tutor.js');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'cli');

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: readonly string[], options: { cwd?: string; input?: string | Buffer; env?: NodeJS.ProcessEnv } = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? FIXTURES,
    env: options.env ?? isolatedEnv(),
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A stack trace on stderr is a bug: bad input gets one clear line. */
function assertNoStack(r: Run): void {
  assert.doesNotMatch(r.stderr, /^\s+at .+\(.+:\d+:\d+\)$/m, `stack trace on stderr:\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /(TypeError|ReferenceError|RangeError):/, r.stderr);
}

interface JsonFinding {
  file: string; line: number; column: number; endLine: number; endColumn: number;
  severity: string; rule: string; aliases: string[]; message: string;
}

function json(r: Run): JsonFinding[] {
  return JSON.parse(r.stdout) as JsonFinding[];
}

const MAINTAINER_ALIASES = [...(dockerfileRules.find((r) => r.id === 'dockerfile/maintainer-deprecated')?.aliases ?? [])];

let tmp: string;

describe('CLI (bundled)', function () {
  this.timeout(120_000);

  before(() => {
    assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: run `npm run build` (npm test does)');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-tutor-cli-'));
  });
  after(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  describe('text format', () => {
    it('prints `file:line:col severity rule message` per finding and exits 1 on an error', () => {
      const r = cli(['lint', 'bad.Dockerfile']);
      assert.strictEqual(r.status, 1, r.stderr);
      const lines = r.stdout.trimEnd().split('\n');
      assert.strictEqual(lines.length, 2, r.stdout);
      assert.match(lines[0]!, /^bad\.Dockerfile:3:1 warning dockerfile\/maintainer-deprecated MAINTAINER is deprecated/);
      assert.match(lines[1]!, /^bad\.Dockerfile:4:1 error dockerfile\/unknown-instruction "RUNN" is not a Dockerfile instruction.* Did you mean RUN\?$/);
      assert.match(r.stderr, /2 problems \(1 error, 1 warning\) in 1 file/);
    });

    it('prints nothing on stdout and exits 0 on a clean file', () => {
      const r = cli(['lint', 'clean.Dockerfile']);
      assert.strictEqual(r.status, 0, r.stderr);
      assert.strictEqual(r.stdout, '');
    });

    it('counts columns on CRLF files as editors do', () => {
      const r = cli(['lint', '--format', 'json', 'crlf.Dockerfile']);
      assert.deepStrictEqual(json(r).map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.rule}`), [
        '2:1-2:11 dockerfile/maintainer-deprecated',
        '3:1-3:6 dockerfile/unknown-instruction',
      ]);
    });
  });

  describe('json format', () => {
    it('is an array of {file, line, column, endLine, endColumn, severity, rule, aliases, message}', () => {
      const r = cli(['lint', '--format=json', 'bad.Dockerfile']);
      assert.strictEqual(r.status, 1);
      const findings = json(r);
      assert.deepStrictEqual(findings.map((f) => Object.keys(f)), findings.map(() => ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'rule', 'aliases', 'message']));
      assert.deepStrictEqual(findings.map(({ message: _m, ...rest }) => rest), [
        { file: 'bad.Dockerfile', line: 3, column: 1, endLine: 3, endColumn: 11, severity: 'warning', rule: 'dockerfile/maintainer-deprecated', aliases: MAINTAINER_ALIASES },
        { file: 'bad.Dockerfile', line: 4, column: 1, endLine: 4, endColumn: 5, severity: 'error', rule: 'dockerfile/unknown-instruction', aliases: [] },
      ]);
      assert.ok(MAINTAINER_ALIASES.includes('DL4000'), 'the MAINTAINER rule carries its hadolint alias');
    });

    it('is an empty array for a clean file', () => {
      const r = cli(['lint', '-f', 'json', 'clean.Dockerfile']);
      assert.strictEqual(r.status, 0);
      assert.deepStrictEqual(json(r), []);
    });
  });

  describe('sarif format', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    // The schema names these formats; ajv leaves format checking to plugins we do not ship, so check them here.
    ajv.addFormat('uri', (s: string) => {
      try {
        return new URL(s).protocol.length > 1;
      } catch {
        return false;
      }
    });
    ajv.addFormat('uri-reference', (s: string) => !/[\s<>"{}|\\^`]/.test(s) && !/%(?![0-9A-Fa-f]{2})/.test(s));
    ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
    const validate = ajv.compile(schema);

    function sarif(r: Run): Log {
      const log = JSON.parse(r.stdout) as Log;
      assert.ok(validate(log), `SARIF does not match the 2.1.0 schema: ${ajv.errorsText(validate.errors, { separator: '\n' })}`);
      return log;
    }

    it('the schema check itself rejects a malformed log', () => {
      assert.strictEqual(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false, 'driver.name is required');
      assert.strictEqual(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'info' }] }] }), false, 'info is not a SARIF level');
    });

    it('validates against SARIF 2.1.0 and carries rule metadata, levels and 1-based regions', () => {
      const r = cli(['lint', '--format', 'sarif', 'bad.Dockerfile', 'warning.Dockerfile']);
      assert.strictEqual(r.status, 1);
      const log = sarif(r);
      const run = log.runs[0]!;
      assert.strictEqual(run.tool.driver.name, 'docker-tutor');
      const rules = run.tool.driver.rules ?? [];
      const registered = [...dockerfileRules, ...composeRules];
      assert.deepStrictEqual(rules.map((x) => x.id), registered.map((x) => x.id), 'every registered rule is described');
      for (const rule of rules as ReportingDescriptor[]) {
        const meta = registered.find((x) => x.id === rule.id)!;
        assert.strictEqual(rule.shortDescription?.text, meta.title);
        assert.strictEqual(rule.helpUri, meta.explain.docsUrl);
        const expected = meta.defaultLevel === 'off' ? undefined : meta.defaultLevel === 'error' ? 'error' : meta.defaultLevel === 'warning' ? 'warning' : 'note';
        assert.strictEqual(rule.defaultConfiguration?.level, expected, rule.id);
      }
      const results = run.results as Result[];
      assert.strictEqual(results.length, 3);
      for (const res of results) {
        assert.strictEqual(rules[res.ruleIndex!]!.id, res.ruleId, 'ruleIndex points at the rule');
        const loc = res.locations![0]!.physicalLocation!;
        assert.strictEqual(loc.artifactLocation!.uriBaseId, '%SRCROOT%');
        assert.ok(run.originalUriBaseIds?.['%SRCROOT%']?.uri === pathToFileURL(FIXTURES + path.sep).href);
      }
      const first = results[0]!;
      assert.strictEqual(first.ruleId, 'dockerfile/maintainer-deprecated');
      assert.strictEqual(first.level, 'warning');
      assert.deepStrictEqual(first.locations![0]!.physicalLocation!.region, { startLine: 3, startColumn: 1, endLine: 3, endColumn: 11 });
      assert.strictEqual(first.locations![0]!.physicalLocation!.artifactLocation!.uri, 'bad.Dockerfile');
      assert.strictEqual(results[1]!.level, 'error');
      assert.strictEqual(results[2]!.locations![0]!.physicalLocation!.artifactLocation!.uri, 'warning.Dockerfile');
      assert.strictEqual(run.invocations?.[0]?.executionSuccessful, true);
    });

    it('maps info and hint to note, and encodes unusual file names', () => {
      const dir = path.join(tmp, 'sarif names');
      fs.mkdirSync(dir, { recursive: true });
      fs.copyFileSync(path.join(FIXTURES, 'bad.Dockerfile'), path.join(dir, 'my #1.Dockerfile'));
      const config = path.join(tmp, 'levels.json');
      fs.writeFileSync(config, JSON.stringify({ rules: { 'maintainer-deprecated': 'hint', 'dockerfile/unknown-instruction': 'info' } }));
      const r = cli(['lint', '-f', 'sarif', '-c', config, '.'], { cwd: dir });
      assert.strictEqual(r.status, 0, 'nothing at error level any more');
      const results = sarif(r).runs[0]!.results!;
      assert.deepStrictEqual(results.map((x) => x.level), ['note', 'note']);
      assert.strictEqual(results[0]!.locations![0]!.physicalLocation!.artifactLocation!.uri, 'my%20%231.Dockerfile');
    });

    it('is valid with no results, and lists the checked files as artifacts', () => {
      const r = cli(['lint', '-f', 'sarif', 'clean.Dockerfile']);
      assert.strictEqual(r.status, 0);
      const run = sarif(r).runs[0]!;
      assert.deepStrictEqual(run.results, []);
      assert.deepStrictEqual(run.artifacts?.map((a) => a.location?.uri), ['clean.Dockerfile']);
    });

    it('reports unreadable files as tool notifications and still validates', () => {
      const r = cli(['lint', '-f', 'sarif', 'bad.Dockerfile', 'does-not-exist']);
      assert.strictEqual(r.status, 2);
      const inv = sarif(r).runs[0]!.invocations![0]!;
      assert.strictEqual(inv.executionSuccessful, false);
      assert.match(inv.toolExecutionNotifications?.[0]?.message.text ?? '', /does-not-exist: no such file or directory/);
    });
  });

  describe('compose files', () => {
    // test/fixtures/cli/compose/compose.yaml: one finding per line below, nothing else.
    const EXPECTED = [
      { line: 1, column: 1, endColumn: 8, severity: 'warning', rule: 'compose/obsolete-version' },
      { line: 4, column: 12, endColumn: 24, severity: 'info', rule: 'compose/image-latest' },
      { line: 8, column: 9, endColumn: 16, severity: 'error', rule: 'compose/undefined-network' },
      { line: 12, column: 7, endColumn: 24, severity: 'info', rule: 'compose/secret-in-environment' },
    ];
    const FILE = path.join('compose', 'compose.yaml');

    it('text: one line per finding, found by walking the folder, exit 1 on the undefined network', () => {
      const r = cli(['lint', 'compose']);
      assertNoStack(r);
      assert.strictEqual(r.status, 1);
      const lines = r.stdout.trimEnd().split('\n');
      assert.deepStrictEqual(lines.map((l) => l.split(' ').slice(0, 3).join(' ')), EXPECTED.map((e) => `${FILE}:${e.line}:${e.column} ${e.severity} ${e.rule}`));
      assert.match(lines[2]!, /`backend`.*did you mean `back-end`/);
      assert.match(r.stderr, /4 problems \(1 error, 1 warning, 2 info\) in 1 file checked/);
    });

    it('json: positions, severities, and aliases from the compose registry', () => {
      const r = cli(['lint', '-f', 'json', FILE]);
      assert.strictEqual(r.status, 1);
      const found = json(r);
      assert.deepStrictEqual(found.map((f) => ({ line: f.line, column: f.column, endColumn: f.endColumn, severity: f.severity, rule: f.rule })), EXPECTED);
      for (const f of found) {
        assert.strictEqual(f.file, FILE);
        assert.strictEqual(f.endLine, f.line);
        assert.deepStrictEqual(f.aliases, [...composeRules.find((x) => x.id === f.rule)!.aliases]);
      }
    });

    it('sarif: compose rules described from their registry, results point at them', () => {
      const r = cli(['lint', '-f', 'sarif', 'compose']);
      assert.strictEqual(r.status, 1);
      const run = (JSON.parse(r.stdout) as Log).runs[0]!;
      const rules = run.tool.driver.rules ?? [];
      const results = run.results ?? [];
      assert.deepStrictEqual(results.map((x) => x.ruleId), EXPECTED.map((e) => e.rule));
      for (const res of results) {
        const described = rules[res.ruleIndex!]!;
        const meta = composeRules.find((x) => x.id === res.ruleId)!;
        assert.strictEqual(described.id, res.ruleId);
        assert.strictEqual(described.shortDescription?.text, meta.title, 'the title, not the bare id');
        assert.notStrictEqual(meta.title, meta.id);
        assert.strictEqual(described.helpUri, meta.explain.docsUrl);
        assert.deepStrictEqual((described.properties as { family?: string }).family, meta.family);
      }
      assert.deepStrictEqual(results.map((x) => x.level), ['warning', 'note', 'error', 'note']);
      assert.strictEqual(results[2]!.locations![0]!.physicalLocation!.artifactLocation!.uri, 'compose/compose.yaml');
    });

    it('a folder walk picks compose.yaml, compose.*.yaml and docker-compose*.yml, and no other YAML', () => {
      const dir = path.join(tmp, 'compose names');
      fs.mkdirSync(dir, { recursive: true });
      const picked = ['compose.ci.yml', 'compose.yaml', 'compose.yml', 'docker-compose-test.yml', 'docker-compose.prod.yaml', 'docker-compose.yml'];
      const skipped = ['composer.yaml', 'my-compose.yaml', 'compose.json', 'docker-compose.txt', 'values.yaml'];
      const text = fs.readFileSync(path.join(FIXTURES, FILE), 'utf8');
      for (const name of [...picked, ...skipped]) fs.writeFileSync(path.join(dir, name), text);
      const r = cli(['lint', '-f', 'json', '.'], { cwd: dir });
      assert.strictEqual(r.status, 1);
      const found = json(r);
      assert.deepStrictEqual([...new Set(found.map((f) => f.file))], picked);
      for (const name of picked) assert.deepStrictEqual(found.filter((f) => f.file === name).map((f) => f.rule), EXPECTED.map((e) => e.rule), name);
    });
  });

  describe('exit status and --failure-threshold', () => {
    const table: { args: string[]; file: string; status: number }[] = [
      { args: [], file: 'warning.Dockerfile', status: 0 },
      { args: ['--failure-threshold', 'warning'], file: 'warning.Dockerfile', status: 1 },
      { args: ['-t', 'info'], file: 'warning.Dockerfile', status: 1 },
      { args: ['--failure-threshold=hint'], file: 'warning.Dockerfile', status: 1 },
      { args: ['--failure-threshold', 'error'], file: 'bad.Dockerfile', status: 1 },
      { args: ['--failure-threshold', 'none'], file: 'bad.Dockerfile', status: 0 },
      { args: ['--failure-threshold', 'hint'], file: 'clean.Dockerfile', status: 0 },
    ];
    for (const t of table) {
      it(`${[...t.args, t.file].join(' ')} -> ${t.status}`, () => {
        const r = cli(['lint', ...t.args, t.file]);
        assert.strictEqual(r.status, t.status, r.stdout + r.stderr);
        if (t.file !== 'clean.Dockerfile') assert.notStrictEqual(r.stdout, '', 'findings are printed whatever the threshold');
      });
    }
  });

  describe('hadolint configuration', () => {
    const HADOLINT = path.join(FIXTURES, 'hadolint');
    // A home without hadolint files, so a config on the machine running the tests cannot leak in.
    let env: NodeJS.ProcessEnv;
    before(() => {
      const home = path.join(tmp, 'home');
      fs.mkdirSync(home, { recursive: true });
      env = { ...process.env, HOME: home, USERPROFILE: home, XDG_CONFIG_HOME: path.join(home, '.config') };
    });
    const inDir = (dir: string, args: readonly string[]): Run => cli(args, { cwd: path.join(HADOLINT, dir), env });

    it('finds .hadolint.yaml above the linted file and applies `ignored`', () => {
      const r = inDir('ignore', ['lint', '-f', 'json', '.']);
      assert.deepStrictEqual(json(r), [], r.stderr);
      assert.strictEqual(r.status, 0);
    });
    it('applies failure-threshold from a discovered .hadolint.yml, and the flag wins over it', () => {
      const r = inDir('threshold', ['lint', '-f', 'json', '.']);
      assert.deepStrictEqual(json(r).map((f) => `${f.severity} ${f.rule}`), ['warning dockerfile/maintainer-deprecated']);
      assert.strictEqual(r.status, 1, 'a warning fails at failure-threshold: warning');
      assert.strictEqual(inDir('threshold', ['lint', '-t', 'error', '.']).status, 0);
    });
    it('no-fail keeps the exit status at 0 despite an error finding', () => {
      const r = inDir('nofail', ['lint', '-f', 'json', '.']);
      assert.ok(json(r).some((f) => f.severity === 'error'), r.stdout);
      assert.strictEqual(r.status, 0);
    });
    it('our own --config wins over a discovered .hadolint.yaml', () => {
      const r = inDir('ignore', ['lint', '-f', 'json', '-c', '../native-maintainer-warning.json', '.']);
      assert.deepStrictEqual(json(r).map((f) => `${f.severity} ${f.rule}`), ['warning dockerfile/maintainer-deprecated']);
    });
    it('reads a hadolint file given with --config, recognised by its keys, instead of discovery', () => {
      // threshold/ has failure-threshold: warning; the explicit file says error and ignores DL4000.
      const r = inDir('threshold', ['lint', '-f', 'json', '-c', '../team-rules.yaml', '.']);
      assert.deepStrictEqual(json(r), []);
      assert.strictEqual(r.status, 0);
      const direct = cli(['lint', '-f', 'json', '-c', 'hadolint/ignore/.hadolint.yaml', 'warning.Dockerfile'], { env });
      assert.deepStrictEqual(json(direct), [], 'ignored: [DL4000] applies by file name too');
    });
    const broken: { dir: string; message: RegExp }[] = [
      { dir: 'broken', message: /^docker-tutor: config \.hadolint\.yaml:\d+:\d+: YAML error: / },
      { dir: 'wrongtype', message: /^docker-tutor: config \.hadolint\.yaml:1:10: ignored must be a list$/m },
    ];
    for (const b of broken) {
      it(`exits 2 with one file:line:col message for a bad discovered config (${b.dir})`, () => {
        const r = inDir(b.dir, ['lint', '.']);
        assert.strictEqual(r.status, 2);
        assert.strictEqual(r.stdout, '', 'a file under a broken config is not linted');
        assert.match(r.stderr, b.message);
        assert.strictEqual(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
        assertNoStack(r);
      });
    }
    it('exits 2 for a bad hadolint file given with --config', () => {
      const r = cli(['lint', '-c', 'hadolint/wrongtype/.hadolint.yaml', 'warning.Dockerfile'], { env });
      assert.strictEqual(r.status, 2);
      assert.match(r.stderr, /config hadolint\/wrongtype\/\.hadolint\.yaml:1:10: ignored must be a list/);
      assertNoStack(r);
    });
  });

  describe('--config', () => {
    it('turns a rule off by its hadolint alias (YAML)', () => {
      const r = cli(['lint', '-f', 'json', '--config', 'config/maintainer-off.yaml', 'bad.Dockerfile']);
      assert.deepStrictEqual(json(r).map((f) => f.rule), ['dockerfile/unknown-instruction']);
      assert.strictEqual(r.status, 1);
    });
    it('switches a family off', () => {
      const r = cli(['lint', '-f', 'json', '-c', 'config/syntax-family-off.yaml', 'bad.Dockerfile']);
      assert.deepStrictEqual(json(r).map((f) => f.rule), ['dockerfile/maintainer-deprecated']);
      assert.strictEqual(r.status, 0);
    });
    it('takes failureThreshold from the file, and the flag wins over it', () => {
      assert.strictEqual(cli(['lint', '-c', 'config/threshold-warning.json', 'warning.Dockerfile']).status, 1);
      assert.strictEqual(cli(['lint', '-c', 'config/threshold-warning.json', '-t', 'error', 'warning.Dockerfile']).status, 0);
    });
    it('warns about a rule name it does not know but still runs', () => {
      const r = cli(['lint', '-c', 'config/unknown-rule.yaml', 'clean.Dockerfile']);
      assert.strictEqual(r.status, 0);
      assert.match(r.stderr, /warning: .*"DL9999" matches no known rule/);
    });
    const bad: { file: string; message: RegExp }[] = [
      { file: 'config/bad-level.yaml', message: /config config\/bad-level\.yaml: rule "dockerfile\/maintainer-deprecated": level must be one of .* \(got "loud"\)/ },
      { file: 'config/broken.json', message: /config config\/broken\.json: not valid JSON/ },
      { file: 'config/missing.yaml', message: /config config\/missing\.yaml: no such file or directory/ },
      { file: 'config', message: /config config: a directory/ },
    ];
    for (const b of bad) {
      it(`exits 2 with a clear message for ${b.file}`, () => {
        const r = cli(['lint', '-c', b.file, 'bad.Dockerfile']);
        assert.strictEqual(r.status, 2);
        assert.strictEqual(r.stdout, '', 'nothing is linted with a broken config');
        assert.match(r.stderr, b.message);
        assertNoStack(r);
      });
    }
    it('rejects invalid YAML and wrong shapes', () => {
      const cases: [string, string, RegExp][] = [
        ['bad.yaml', 'rules: [unclosed', /not valid YAML: .* at line 1, column \d+$/m],
        ['list.yaml', '- rules', /top level must be a mapping/],
        ['family.json', '{"families": {"lint": false}}', /unknown family "lint"/],
        ['threshold.json', '{"failureThreshold": "fatal"}', /"failureThreshold" must be one of/],
      ];
      for (const [name, text, message] of cases) {
        const file = path.join(tmp, name);
        fs.writeFileSync(file, text);
        const r = cli(['lint', '-c', file, 'bad.Dockerfile']);
        assert.strictEqual(r.status, 2, name);
        assert.match(r.stderr, message, name);
        assertNoStack(r);
      }
    });
  });

  describe('standard input', () => {
    it('lints "-" as a Dockerfile named "-"', () => {
      const r = cli(['lint', '-f', 'json', '-'], { input: 'FROM alpine:3.20\nMAINTAINER me\n' });
      assert.strictEqual(r.status, 0);
      assert.deepStrictEqual(json(r).map((f) => `${f.file}:${f.line} ${f.rule}`), ['-:2 dockerfile/maintainer-deprecated']);
    });
    it('reports under --stdin-filename and picks the kind by that name', () => {
      const yaml = 'services:\n  web:\n    image: nginx\n';
      const asDockerfile = cli(['lint', '-f', 'json', '--stdin-filename', 'sub/Dockerfile', '-'], { input: yaml });
      assert.strictEqual(asDockerfile.status, 1);
      assert.ok(json(asDockerfile).every((f) => f.file === 'sub/Dockerfile'));
      assert.ok(json(asDockerfile).some((f) => f.rule === 'dockerfile/unknown-instruction'));
      assert.ok(json(asDockerfile).length > 0);
      const asCompose = cli(['lint', '-f', 'json', '--stdin-filename', 'compose.yaml', '-'], { input: yaml });
      assert.ok(json(asCompose).every((f) => !f.rule.startsWith('dockerfile/')), 'a compose file is not linted as a Dockerfile');
    });
    it('mixes stdin and files', () => {
      const r = cli(['lint', '-f', 'json', 'warning.Dockerfile', '-'], { input: 'FROM a:1\nFORM b\n' });
      assert.deepStrictEqual(json(r).map((f) => f.file), ['warning.Dockerfile', '-']);
      assert.strictEqual(r.status, 1);
    });
  });

  describe('folders', () => {
    it('finds Dockerfiles, Containerfiles and Compose files recursively, skipping node_modules and .git', () => {
      const root = path.join(tmp, 'tree');
      fs.cpSync(path.join(FIXTURES, 'tree'), root, { recursive: true });
      for (const skipped of ['node_modules/pkg', '.git/hooks']) {
        fs.mkdirSync(path.join(root, skipped), { recursive: true });
        fs.writeFileSync(path.join(root, skipped, 'Dockerfile'), 'MAINTAINER skipped\n');
      }
      // A dash after the name counts as the editor counts it (Dockerfile-windows); notes beside a Dockerfile do not.
      fs.writeFileSync(path.join(root, 'app', 'Dockerfile-windows'), 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCMD ["cmd"]\n');
      fs.writeFileSync(path.join(root, 'app', 'Dockerfile-windows.md'), '# notes\n');
      const r = cli(['lint', '-f', 'sarif', '.'], { cwd: root });
      const run = (JSON.parse(r.stdout) as Log).runs[0]!;
      assert.deepStrictEqual(run.artifacts?.map((a) => a.location?.uri), [
        'app/Dockerfile',
        'app/Dockerfile-windows',
        'app/Dockerfile.dev',
        'compose.prod.yaml',
        'compose.yaml',
        'docker-compose.override.yml',
        'services/api/api.Dockerfile',
        'services/worker/Containerfile',
        'services/worker/tools.containerfile',
      ]);
      assert.strictEqual(r.status, 1, 'tools.containerfile has an unknown instruction');
    });
    it('reports paths joined to the folder given', () => {
      const r = cli(['lint', '-f', 'json', 'tree/services']);
      assert.deepStrictEqual([...new Set(json(r).map((f) => f.file))], [
        path.join('tree', 'services', 'api', 'api.Dockerfile'),
        path.join('tree', 'services', 'worker', 'Containerfile'),
        path.join('tree', 'services', 'worker', 'tools.containerfile'),
      ]);
    });
    it('says so when a folder holds nothing to lint', () => {
      const empty = path.join(tmp, 'empty');
      fs.mkdirSync(empty, { recursive: true });
      const r = cli(['lint', empty]);
      assert.strictEqual(r.status, 0);
      assert.match(r.stderr, /no Dockerfile or Compose file found/);
    });
  });

  describe('usage and I/O errors', () => {
    const usage: { args: string[]; message: RegExp }[] = [
      { args: ['lint', '--frobnicate', 'bad.Dockerfile'], message: /unknown option '--frobnicate'/ },
      { args: ['lint'], message: /no PATH given/ },
      { args: ['lint', '--format', 'xml', 'bad.Dockerfile'], message: /'--format' must be one of text, json, sarif \(got 'xml'\)/ },
      { args: ['lint', 'bad.Dockerfile', '--config'], message: /'--config' needs a value/ },
      { args: ['lint', '-t', 'fatal', 'bad.Dockerfile'], message: /must be one of error, warning, info, hint, none/ },
      { args: ['lint', '-', '-'], message: /standard input .* only once/ },
      { args: ['frobnicate'], message: /unknown command 'frobnicate'/ },
      { args: [], message: /usage: docker-tutor lint/ },
    ];
    for (const u of usage) {
      it(`${u.args.join(' ') || '(no arguments)'} -> 2`, () => {
        const r = cli(u.args);
        assert.strictEqual(r.status, 2);
        assert.match(r.stderr, u.message);
        assertNoStack(r);
      });
    }

    it('a missing path is an error, but the other files are still reported', () => {
      const r = cli(['lint', 'nope/Dockerfile', 'bad.Dockerfile']);
      assert.strictEqual(r.status, 2);
      assert.match(r.stderr, /nope\/Dockerfile: no such file or directory/);
      assert.match(r.stdout, /^bad\.Dockerfile:3:1 /m);
      assertNoStack(r);
    });

    it('refuses a binary file with a clear message', () => {
      const file = path.join(tmp, 'Dockerfile');
      fs.writeFileSync(file, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x46, 0x52, 0x4f, 0x4d]));
      const r = cli(['lint', file]);
      assert.strictEqual(r.status, 2);
      assert.match(r.stderr, /looks like a binary file/);
      assertNoStack(r);
    });

    it('refuses a file over the size limit without reading it all', () => {
      const file = path.join(tmp, 'huge.Dockerfile');
      const fd = fs.openSync(file, 'w');
      fs.ftruncateSync(fd, 17 * 1024 * 1024);
      fs.closeSync(fd);
      const r = cli(['lint', file]);
      assert.strictEqual(r.status, 2);
      assert.match(r.stderr, /too large to lint \(17\.0 MB; the limit is 16 MB\)/);
      assertNoStack(r);
    });

    it('stops quietly when the reader closes the pipe early (| head)', async () => {
      const file = path.join(tmp, 'many.Dockerfile');
      fs.writeFileSync(file, fs.readFileSync(path.join(FIXTURES, 'bad.Dockerfile'), 'utf8').repeat(3000));
      const child = spawn(process.execPath, [BIN, 'lint', '-f', 'json', file], { cwd: FIXTURES, env: isolatedEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (c: string) => (stderr += c));
      child.stdout.once('data', () => child.stdout.destroy());
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      assert.doesNotMatch(stderr, /EPIPE|Unhandled/, stderr);
      assert.ok(code === 0 || code === 1, `exit status ${String(code)}`);
    });

    it('reads UTF-16 files with a byte order mark', () => {
      const file = path.join(tmp, 'utf16.Dockerfile');
      fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('FROM alpine:3.20\r\nMAINTAINER me\r\n', 'utf16le')]));
      const r = cli(['lint', '-f', 'json', file]);
      assert.deepStrictEqual(json(r).map((f) => `${f.line}:${f.column} ${f.rule}`), ['2:1 dockerfile/maintainer-deprecated']);
    });
  });

  describe('--help and --version', () => {
    it('docker-tutor --help', () => {
      const r = cli(['--help']);
      assert.strictEqual(r.status, 0);
      assert.match(r.stdout, /docker-tutor lint \[options\] PATH\.\.\./);
      assert.match(r.stdout, /docker-tutor lsp --stdio/);
    });
    it('docker-tutor lint --help lists every option', () => {
      const r = cli(['lint', '--help']);
      assert.strictEqual(r.status, 0);
      for (const opt of ['--format', '--config', '--failure-threshold', '--stdin-filename', '--help']) assert.ok(r.stdout.includes(opt), opt);
    });
    it('docker-tutor --version prints the package version', () => {
      const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
      const r = cli(['--version']);
      assert.strictEqual(r.status, 0);
      assert.strictEqual(r.stdout.trim(), pkg.version);
    });
  });
});
