#!/usr/bin/env node
// `npm run start:desktop`: opens examples/ in a desktop VS Code (`code` on the PATH) with this checkout as a
// development extension.
import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ROOT, log, sh } from './common.mjs';

const code = process.env.VSCODE_EXECUTABLE || 'code';
if (spawnSync(code, ['--version'], { stdio: 'ignore' }).status !== 0) {
  log(`No desktop VS Code found (\`${code}\` is not on the PATH; set VSCODE_EXECUTABLE to its path).\n`
    + 'Without one, `npm start` serves Docker Tutor in a local VS Code in the browser.');
  process.exit(1);
}
sh('npm', ['run', '--silent', 'build']);
const child = spawn(code, ['--extensionDevelopmentPath', ROOT, path.join(ROOT, 'examples')], { stdio: 'inherit' });
child.on('exit', (status) => process.exit(status ?? 0));
