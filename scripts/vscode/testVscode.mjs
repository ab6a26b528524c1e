#!/usr/bin/env node
// `npm run test:vscode`: runs test/integration's mocha suites inside a real VS Code extension host.
// Desktop VS Code through @vscode/test-electron when VSCODE_EXECUTABLE is set or --desktop is given (that one
// may download VS Code); otherwise the local code-server from setup.mjs, driven by headless Chromium.
// The exit status is the suites' result.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import {
  ROOT, ensureSetUp, freePort, freshState, launchChromium, log, packageVsix, sh, startCodeServer, unpackVsix, workbenchUrl,
} from './common.mjs';

const START_MARKER = '-- Docker Tutor extension tests --'; // as in test/integration/index.ts

const WORKSPACE = path.join(ROOT, 'test', 'integration', 'workspace');
const TESTS = path.join(ROOT, 'out', 'integration', 'index.js');
const TIMEOUT_MS = Number(process.env.DOCKER_TUTOR_TEST_TIMEOUT ?? 300_000);

function compileTests() {
  sh(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', path.join(ROOT, 'test', 'integration')]);
}

async function desktop() {
  sh('npm', ['run', '--silent', 'build']);
  compileTests();
  const { runTests } = await import('@vscode/test-electron');
  const code = await runTests({
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: TESTS,
    launchArgs: [WORKSPACE, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  }).then(() => 0, (err) => { log(String(err)); return 1; });
  return code;
}

async function browser() {
  const t0 = Date.now();
  ensureSetUp();
  const vsix = packageVsix({ reuse: !process.argv.includes('--rebuild') });
  compileTests();
  const state = freshState('test');
  const extension = unpackVsix(vsix, path.join(state, 'vsix'));
  const built = Date.now();
  const port = await freePort(Number(process.env.PORT ?? 8090));
  const server = await startCodeServer({ state, port, logFile: path.join(state, 'code-server.log') });
  let browserInstance;
  const output = [];
  try {
    browserInstance = await launchChromium(path.join(state, 'chromium-home'));
    const page = await browserInstance.newPage();
    let settle;
    const exit = new Promise((resolve) => { settle = resolve; });
    await page.exposeFunction('codeAutomationExit', (code) => settle(Number(code)));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      output.push(line);
      if (process.env.DOCKER_TUTOR_TEST_VERBOSE) log(`[${type}] ${line}`);
    });
    const loaded = Date.now();
    await page.goto(workbenchUrl(server.url, WORKSPACE, { extensionDevelopmentPath: extension, extensionTestsPath: TESTS }));
    const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), TIMEOUT_MS).unref());
    const code = await Promise.race([exit, timeout]);
    const start = output.indexOf(START_MARKER);
    const mocha = output.slice(start >= 0 ? start + 1 : 0).join('\n');
    if (code === 'timeout') {
      log(`test:vscode: no result after ${TIMEOUT_MS / 1000} s; extension host output so far:\n${mocha}\ncode-server log: ${path.join(state, 'code-server.log')}`);
      return 1;
    }
    process.stdout.write(mocha + '\n'); // mocha's spec reporter, from the extension host
    log(`test:vscode: ${code === 0 ? 'passed' : 'FAILED'} (build+setup ${s(built - t0)}, code-server up in ${s(server.startupMs)}, workbench + tests ${s(Date.now() - loaded)}, total ${s(Date.now() - t0)})`);
    const activation = activationTimes(state);
    if (activation) log(`test:vscode: ${activation}`);
    return code;
  } finally {
    await browserInstance?.close().catch(() => undefined);
    server.stop();
  }
}

/** From the extension host's logs: when VS Code activated the extension, and when its language server was up. */
function activationTimes(state) {
  const logs = path.join(state, 'user-data', 'logs');
  if (!fs.existsSync(logs)) return undefined;
  const stamp = (l) => (l ? Date.parse(l.slice(0, 23).replace(' ', 'T')) : NaN);
  let activated;
  let ready;
  for (const f of fs.readdirSync(logs, { recursive: true }).map(String).filter((f) => f.endsWith('.log'))) {
    const lines = fs.readFileSync(path.join(logs, f), 'utf8').split('\n');
    activated ??= lines.find((l) => l.includes('_doActivateExtension docker-tutor.docker-tutor'));
    if (f.endsWith(`${path.sep}Docker Tutor.log`)) ready ??= lines.find((l) => l.includes('language server started'));
  }
  if (!activated) return undefined;
  const event = /activationEvent: '([^']+)'/.exec(activated)?.[1] ?? '?';
  const ms = stamp(ready) - stamp(activated);
  return `activated on ${event}; language server started ${Number.isNaN(ms) ? '(not logged)' : s(ms)} later (extension host log)`;
}

const s = (ms) => `${(ms / 1000).toFixed(1)} s`;

const useDesktop = process.argv.includes('--desktop') || !!process.env.VSCODE_EXECUTABLE;
(useDesktop ? desktop() : browser()).then((code) => process.exit(code), (err) => {
  log(`test:vscode: ${err instanceof Error ? (process.env.DOCKER_TUTOR_TEST_VERBOSE ? err.stack : err.message) : String(err)}`);
  process.exit(1);
});
