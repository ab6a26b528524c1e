#!/usr/bin/env node
// Installs a pinned local VS Code (code-server 4.100.3 = VS Code 1.100.3) and playwright-core into
// .local/vscode/, using only the npm registry and Debian packages. Every step is skipped when its output
// already exists, so a second run takes seconds. Why each step exists: ../shared/reference/vscode-offline.md.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CODE_SERVER_VERSION, PLAYWRIGHT_VERSION, PREFIX, codeServerDir, isolatedEnv, log } from './common.mjs';

/** Debian packages, each with a file that proves it is installed. */
const APT = [
  { pkg: 'ripgrep', proof: '/usr/bin/rg' },
  { pkg: 'chromium', proof: '/usr/bin/chromium' },
  { pkg: 'libkrb5-dev', proof: '/usr/bin/krb5-config' },
  { pkg: 'build-essential', proof: '/usr/share/build-essential/list' },
  { pkg: 'python3', proof: '/usr/bin/python3' },
];
/** Native modules of VS Code's server that have no prebuilt linux binary in the npm package. */
const NATIVE = ['node-pty', '@vscode/spdlog', 'kerberos', 'native-watchdog', '@vscode/deviceid'];

const force = process.argv.includes('--force');
const started = Date.now();
let changed = false;

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

function step(name, done, action) {
  if (!force && done()) return;
  const t = Date.now();
  log(`setup: ${name} ...`);
  action();
  if (!done()) throw new Error(`setup: ${name} finished but its output is missing`);
  changed = true;
  log(`setup: ${name} done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

function aptPackages() {
  const missing = APT.filter((a) => !fs.existsSync(a.proof)).map((a) => a.pkg);
  if (missing.length === 0) return;
  const cmd = `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    log(`setup: missing Debian packages: ${missing.join(', ')}. Run as root, then run this again:\n\n  sudo sh -c '${cmd}'\n`);
    process.exit(2);
  }
  step(`apt-get install ${missing.join(' ')}`, () => APT.every((a) => fs.existsSync(a.proof)), () => {
    run('apt-get', ['update']);
    run('apt-get', ['install', '-y', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  });
}

/** Node's headers: without a nodedir node-gyp would download them from nodejs.org. */
function nodeDir() {
  const dir = path.resolve(path.dirname(process.execPath), '..');
  if (!fs.existsSync(path.join(dir, 'include', 'node', 'node_api.h'))) {
    throw new Error(`setup: no node headers in ${dir}/include/node; install the Debian package libnode-dev or a node with headers`);
  }
  return dir;
}

/** npm's bundled node-gyp; installed from the npm registry into the prefix when npm has none. */
function nodeGyp() {
  const npmCli = fs.realpathSync(execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim());
  const bundled = path.resolve(path.dirname(npmCli), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  if (fs.existsSync(bundled)) return bundled;
  const own = path.join(PREFIX, '.node-gyp', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  step('npm install node-gyp', () => fs.existsSync(own), () => {
    run('npm', ['install', '--prefix', path.join(PREFIX, '.node-gyp'), '--no-save', 'node-gyp@12.1.0']);
  });
  return own;
}

function hasBinary(dir) {
  const release = path.join(dir, 'build', 'Release');
  return fs.existsSync(release) && fs.readdirSync(release).some((f) => f.endsWith('.node'));
}

function canLoad(file, cwd) {
  return spawnSync(process.execPath, ['-e', `require(${JSON.stringify(file)})`], { cwd, stdio: 'ignore' }).status === 0;
}

function main() {
  aptPackages();
  const nodedir = nodeDir();
  const gyp = nodeGyp();
  const gypEnv = { ...process.env, npm_config_nodedir: nodedir, npm_config_node_gyp: gyp };
  fs.mkdirSync(PREFIX, { recursive: true });

  const pkgFile = path.join(PREFIX, 'package.json');
  const pkg = { name: 'docker-tutor-local-vscode', private: true, dependencies: { 'code-server': CODE_SERVER_VERSION, 'playwright-core': PLAYWRIGHT_VERSION } };
  if (!fs.existsSync(pkgFile) || fs.readFileSync(pkgFile, 'utf8') !== JSON.stringify(pkg, null, 2) + '\n') {
    fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2) + '\n');
  }
  const installed = (name) => {
    try { return JSON.parse(fs.readFileSync(path.join(PREFIX, 'node_modules', name, 'package.json'), 'utf8')).version; } catch { return undefined; }
  };
  step(`npm install code-server@${CODE_SERVER_VERSION} playwright-core@${PLAYWRIGHT_VERSION}`,
    () => installed('code-server') === CODE_SERVER_VERSION && installed('playwright-core') === PLAYWRIGHT_VERSION,
    // Pinned all the way down: code-server ships npm-shrinkwrap.json files (also in lib/vscode and its extensions)
    // and playwright-core has no dependencies. --ignore-scripts: code-server's postinstall downloads ripgrep
    // from GitHub; the steps below replace it.
    () => run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock'], { cwd: PREFIX, env: gypEnv }));

  // argon2 is loaded at start-up even with --auth none; its install script would fetch a binary from GitHub.
  const argon2 = path.join(PREFIX, 'node_modules', 'argon2');
  step('build argon2 from source', () => canLoad(argon2, PREFIX), () => {
    run(process.execPath, [path.join(PREFIX, 'node_modules', '@mapbox', 'node-pre-gyp', 'bin', 'node-pre-gyp'), 'rebuild', '--build-from-source'], { cwd: argon2, env: gypEnv });
  });

  const vscode = path.join(codeServerDir(), 'lib', 'vscode');
  step('npm install in lib/vscode', () => fs.existsSync(path.join(vscode, 'node_modules', 'node-pty', 'package.json')), () => {
    run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: vscode, env: gypEnv });
  });
  for (const m of NATIVE) {
    const dir = path.join(vscode, 'node_modules', m);
    // Called directly: node-pty's own install script runs npx, which this machine's npmrc refuses.
    step(`build ${m}`, () => hasBinary(dir), () => {
      run(process.execPath, [gyp, 'rebuild', `--directory=${dir}`, `--nodedir=${nodedir}`], { cwd: vscode, env: gypEnv });
    });
  }
  const rg = path.join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
  step('copy Debian ripgrep', () => fs.existsSync(rg), () => {
    fs.mkdirSync(path.dirname(rg), { recursive: true });
    fs.copyFileSync('/usr/bin/rg', rg);
    fs.chmodSync(rg, 0o755);
  });
  // What code-server's postinstall would link.
  const links = [
    [path.join(vscode, 'node_modules.asar'), 'node_modules'],
    [path.join(vscode, 'bin', 'remote-cli', 'code-server'), 'code-linux.sh'],
    [path.join(vscode, 'bin', 'helpers', 'browser.sh'), 'browser-linux.sh'],
  ];
  for (const [link, target] of links) {
    let current;
    try { current = fs.readlinkSync(link); } catch { current = undefined; }
    if (current !== target) {
      fs.rmSync(link, { force: true });
      fs.symlinkSync(target, link);
    }
  }
  const builtins = path.join(vscode, 'extensions');
  step('npm install in lib/vscode/extensions', () => fs.existsSync(path.join(builtins, 'node_modules', 'typescript', 'package.json')), () => {
    run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: builtins, env: gypEnv });
    run(process.execPath, ['postinstall.mjs'], { cwd: builtins, env: gypEnv });
  });

  if (changed || force || process.argv.includes('--verify')) verify(vscode, rg);
  log(`setup: local VS Code ${CODE_SERVER_VERSION} ready in ${path.relative(process.cwd(), PREFIX) || PREFIX} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/** Loads every native module, spawns a pty, runs rg and code-server --version with a throwaway HOME. */
function verify(vscode, rg) {
  const mods = ['node-pty', '@vscode/spdlog', 'kerberos', 'native-watchdog', '@vscode/deviceid', '@parcel/watcher'];
  const script = `for (const m of ${JSON.stringify(mods)}) require(m);
    const p = require('node-pty').spawn('/bin/sh', ['-c', 'echo pty-ok'], {});
    let out = ''; p.onData((d) => { out += d; }); p.onExit(() => { if (!out.includes('pty-ok')) { console.error('pty gave: ' + out); process.exit(1); } });`;
  run(process.execPath, ['-e', script], { cwd: vscode });
  run(rg, ['--version'], { stdio: 'ignore' });
  const scratch = fs.mkdtempSync(path.join(PREFIX, 'verify-'));
  try {
    const out = execFileSync(process.execPath, [path.join(codeServerDir(), 'out', 'node', 'entry.js'), '--version', '--config', path.join(scratch, 'config.yaml')],
      { env: isolatedEnv(scratch), encoding: 'utf8' });
    // Before the version, code-server may log that it wrote the (throwaway) config file.
    const version = out.split('\n').find((l) => l.startsWith(`${CODE_SERVER_VERSION} `));
    if (!version) throw new Error(`code-server --version printed: ${out}`);
    log(`setup: verified (code-server ${version})`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

try {
  main();
} catch (err) {
  log(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
