#!/usr/bin/env node
// `npm start`: builds the VSIX, installs it into the local VS Code (code-server, set up on first run) and
// serves it on 127.0.0.1 with examples/ open, until Ctrl+C.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CODE_SERVER_VERSION, ROOT, PREFIX, codeServerCli, ensureSetUp, freePort, log, packageVsix, startCodeServer, workbenchUrl } from './common.mjs';

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

async function main() {
  const t0 = Date.now();
  ensureSetUp();
  const vsix = packageVsix({ reuse: !process.argv.includes('--rebuild') });
  // Kept between runs, so settings made in the browser survive a restart.
  const state = path.join(PREFIX, 'start');
  fs.mkdirSync(path.join(state, 'home'), { recursive: true });
  const stamp = path.join(state, 'installed-vsix.json');
  const st = fs.statSync(vsix);
  const id = JSON.stringify({ size: st.size, mtime: st.mtimeMs });
  if (!fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== id) {
    await codeServerCli(state, ['--install-extension', vsix, '--force']);
    fs.writeFileSync(stamp, id);
    log(`installed ${path.relative(ROOT, vsix)}`);
  }
  const port = await freePort(Number(arg('--port') ?? process.env.PORT ?? 8089));
  const logFile = path.join(state, 'code-server.log');
  const server = await startCodeServer({ state, port, logFile });
  const url = workbenchUrl(server.url, path.join(ROOT, arg('--folder') ?? 'examples'));
  log(`\nDocker Tutor in VS Code (code-server ${CODE_SERVER_VERSION}): ${url}\n(server up in ${(server.startupMs / 1000).toFixed(1)} s, ready ${((Date.now() - t0) / 1000).toFixed(1)} s after npm start; log: ${path.relative(ROOT, logFile)})\nPress Ctrl+C to stop.`);
  process.stdout.write(url + '\n');

  let stopping = false;
  const stop = (code) => {
    if (stopping) return;
    stopping = true;
    server.stop();
    // Let the group receive SIGTERM before we go; the extension host and language server exit with it.
    setTimeout(() => process.exit(code), 300);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => stop(0));
  server.child.on('exit', (code, signal) => {
    if (stopping) return;
    log(`code-server stopped unexpectedly (${code ?? signal}); see ${logFile}`);
    stop(1);
  });
}

main().catch((err) => {
  log(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
