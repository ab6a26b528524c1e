// Bundles the client, the language server, the CLI and the quiz webview into dist/ (one file each).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'linked',
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
  // The quiz webview runs in a browser sandbox: no Node, one IIFE loaded by nonce.
  { ...common, entryPoints: ['client/src/learn/webview/quiz.ts'], outfile: 'dist/webview/quiz.js', platform: 'browser', format: 'iife', target: 'es2022' },
];

// The webview loads these through asWebviewUri from dist/webview (its only local resource root).
fs.mkdirSync('dist/webview', { recursive: true });
fs.copyFileSync('node_modules/@vscode-elements/elements/dist/bundled.js', 'dist/webview/elements.js');
fs.copyFileSync('client/media/quiz.css', 'dist/webview/quiz.css');

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
