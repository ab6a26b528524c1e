// Shared by the local VS Code scripts: pinned versions, paths, an isolated environment, and code-server's lifecycle.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3'; // = VS Code 1.100.3
export const PLAYWRIGHT_VERSION = '1.65.1'; // tested with Debian's chromium; keep the pair pinned
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PREFIX = path.join(ROOT, '.local', 'vscode');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function codeServerDir() {
  return path.join(PREFIX, 'node_modules', 'code-server');
}

export function log(message) {
  process.stderr.write(message + '\n');
}

/** code-server and Chromium both write to $HOME; point everything at a scratch folder. */
export function isolatedEnv(home) {
  return {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    EXTENSIONS_GALLERY: '{}', // no marketplace lookups (there is no network)
  };
}

/** The first free port from `preferred` on 127.0.0.1. */
export async function freePort(preferred) {
  for (let port = preferred; port < preferred + 50; port++) {
    const free = await new Promise((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${preferred}..${preferred + 49}`);
}

function get(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => { req.destroy(); resolve(0); });
  });
}

/** Runs the code-server CLI once (e.g. --install-extension) with the given state folder. */
export function codeServerCli(state, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(codeServerDir(), 'out', 'node', 'entry.js'), ...args,
      '--config', path.join(state, 'config.yaml'), '--user-data-dir', path.join(state, 'user-data'), '--extensions-dir', path.join(state, 'extensions')],
    { env: isolatedEnv(path.join(state, 'home')), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`code-server ${args.join(' ')} exited with ${code}:\n${out}`))));
  });
}

/** A quiet first start: no welcome page, no prompt about the git repository around examples/. Kept once edited. */
function writeDefaultSettings(file) {
  if (fs.existsSync(file)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'git.openRepositoryInParentFolders': 'never',
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
  }, null, 2) + '\n');
}

/**
 * Starts code-server in its own process group (its extension hosts and language servers are children) and
 * resolves once /healthz answers. `stop()` ends the whole group.
 */
export async function startCodeServer({ state, port, logFile, quiet = true }) {
  for (const d of ['home', 'user-data', 'extensions']) fs.mkdirSync(path.join(state, d), { recursive: true });
  writeDefaultSettings(path.join(state, 'user-data', 'User', 'settings.json'));
  const out = logFile ? fs.openSync(logFile, 'w') : 'ignore';
  const started = Date.now();
  const child = spawn(process.execPath, [path.join(codeServerDir(), 'out', 'node', 'entry.js'),
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override',
    '--config', path.join(state, 'config.yaml'), '--user-data-dir', path.join(state, 'user-data'),
    '--extensions-dir', path.join(state, 'extensions')],
  { env: isolatedEnv(path.join(state, 'home')), stdio: ['ignore', quiet ? out : 'inherit', quiet ? out : 'inherit'], detached: true });
  let exited = false;
  child.on('exit', () => { exited = true; });
  const stop = () => {
    if (exited || child.pid === undefined) return;
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
  };
  const url = `http://127.0.0.1:${port}`;
  while ((await get(`${url}/healthz`)) !== 200) {
    if (exited) throw new Error(`code-server exited before it answered${logFile ? `; see ${logFile}` : ''}`);
    if (Date.now() - started > 60_000) { stop(); throw new Error('code-server did not answer /healthz within 60 s'); }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, child, stop, startupMs: Date.now() - started };
}

/** Headless Debian chromium through playwright-core (the devDependency, else the copy setup.mjs installs). */
export async function launchChromium(home) {
  const { chromium } = await import('playwright-core').catch(() => import(path.join(PREFIX, 'node_modules', 'playwright-core', 'index.mjs')));
  fs.mkdirSync(home, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, env: isolatedEnv(home) });
}

/** Runs a command in the project root and fails loudly when it fails. */
export function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

/** Runs setup.mjs (seconds when everything is installed). */
export function ensureSetUp() {
  sh(process.execPath, [path.join(ROOT, 'scripts', 'vscode', 'setup.mjs')]);
}

/** What goes into the VSIX; a VSIX newer than all of it is up to date. */
const VSIX_INPUTS = ['client', 'server', 'snippets', 'syntaxes', 'images', 'package.json', 'README.md', 'CHANGELOG.md', 'LICENSE',
  '.vscodeignore', 'scripts/esbuild.mjs', 'scripts/buildContent.mjs'];

function newestMtime(file) {
  const st = fs.statSync(file, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  if (file.endsWith(`${path.sep}generated`)) return 0; // rewritten by npm run content
  return Math.max(0, ...fs.readdirSync(file).map((f) => newestMtime(path.join(file, f))));
}

/**
 * Builds the VSIX with `npm run package` (unless `reuse` and it is newer than its sources) and returns its
 * path: the file users install is the one we run.
 */
export function packageVsix({ reuse = false } = {}) {
  const { name, version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const vsix = path.join(ROOT, `${name}-${version}.vsix`);
  const fresh = reuse && fs.existsSync(vsix) && fs.statSync(vsix).mtimeMs > Math.max(...VSIX_INPUTS.map((f) => newestMtime(path.join(ROOT, f))));
  if (fresh) {
    log(`${path.basename(vsix)} is newer than its sources; not rebuilding it`);
    return vsix;
  }
  sh('npm', ['run', '--silent', 'package'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (!fs.existsSync(vsix)) throw new Error(`npm run package did not produce ${vsix}`);
  return vsix;
}

/** Unpacks a VSIX (a zip) so its `extension/` folder can be loaded as a development extension. */
export function unpackVsix(vsix, dest) {
  fs.rmSync(dest, { recursive: true, force: true });
  sh('python3', ['-m', 'zipfile', '-e', vsix, dest]);
  return path.join(dest, 'extension');
}

/** A fresh state folder (home, user data, extensions) under .local/vscode/runs/, so no editor is restored. */
export function freshState(name) {
  const dir = path.join(PREFIX, 'runs', name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** `folder` and the extension-test `payload` as the web workbench reads them from its URL. */
export function workbenchUrl(base, folder, payload) {
  let url = `${base}/?folder=${encodeURIComponent(folder).replace(/%2F/g, '/')}`;
  if (payload) {
    const remote = (p) => `vscode-remote://${new URL(base).host}${p}`;
    url += `&payload=${encodeURIComponent(JSON.stringify(Object.entries(payload).map(([k, v]) => [k, remote(v)])))}`;
  }
  return url;
}
