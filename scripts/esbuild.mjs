// Bundles the client, the language server, the CLI and the quiz webview into dist/ (one file each).
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';

const require = createRequire(import.meta.url);
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
  // web-tree-sitter's ESM build needs import.meta.url, which a CJS bundle lacks: bundle its CJS build.
  alias: { 'web-tree-sitter': require.resolve('web-tree-sitter') },
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
  // The quiz webview runs in a browser sandbox: no Node, one IIFE loaded by nonce.
  { ...common, entryPoints: ['client/src/learn/webview/quiz.ts'], outfile: 'dist/webview/quiz.js', platform: 'browser', format: 'iife', target: 'es2022' },
  // Not shipped to users: the service as bundled above, for `npm run bench` (test/bench/bench.ts).
  { ...common, entryPoints: ['server/src/serviceBundle.ts'], outfile: 'dist/service.js' },
];

// The shell parser's WASM (runtime + bash grammar) is loaded at run time from beside the bundle
// (server/src/shellParser.ts looks next to __dirname first).
mkdirSync('dist', { recursive: true });
for (const [request, name] of [['web-tree-sitter/web-tree-sitter.wasm', 'web-tree-sitter.wasm'], ['tree-sitter-bash/tree-sitter-bash.wasm', 'tree-sitter-bash.wasm']]) {
  copyFileSync(require.resolve(request), `dist/${name}`);
}
// The webview loads these through asWebviewUri from dist/webview (its only local resource root).
fs.mkdirSync('dist/webview', { recursive: true });
fs.copyFileSync('node_modules/@vscode-elements/elements/dist/bundled.js', 'dist/webview/elements.js');
fs.copyFileSync('client/media/quiz.css', 'dist/webview/quiz.css');

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
