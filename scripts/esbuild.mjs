// Bundles the client, the language server, the CLI and the quiz webview into dist/ (one file each), plus the
// parts of the service loaded on first use (server/src/service/lazy.ts) as files of their own.
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
};

/**
 * Loaded on first use: lazy.ts's `require(specifier)` becomes `require('./<file>')`, a file of its own beside
 * the bundle, so that a Compose-only session never parses the Dockerfile engine, the deck or the validator.
 */
const LAZY = [
  { specifier: './dockerfile/support', entry: 'server/src/service/dockerfile/support.ts', file: 'dockerfileService.js' },
  { specifier: './content/studyContent', entry: 'server/src/service/content/studyContent.ts', file: 'studyContent.js' },
  { specifier: '../generated/composeSchemaValidate', entry: 'server/src/generated/composeSchemaValidate.ts', file: 'composeSchema.js', minify: true },
];
/** What only a lazy file may contain: found in an eager bundle, it means someone imported it directly again. */
const LAZY_ONLY = [/^server\/src\/service\/dockerfile\//, /^server\/src\/service\/exercises\//, /^server\/src\/generated\/(cards|exercises|dockerfileDocs|composeSchemaValidate)\.ts$/, /node_modules\/dockerfile-ast\//];

/** @type {import('esbuild').Plugin} */
const lazyFiles = {
  name: 'lazy-files',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (!/[\\/]service[\\/]lazy\.ts$/.test(args.importer)) return undefined;
      const lazy = LAZY.find((l) => l.specifier === args.path);
      return lazy ? { path: `./${lazy.file}`, external: true } : undefined;
    });
  },
};

const service = {
  ...common,
  plugins: [lazyFiles],
  metafile: true,
  // vscode-languageserver pins its own, older patch of the LSP types: one copy (ours, the newer, its ESM build
  // that our own imports get) is enough.
  alias: { 'vscode-languageserver-types': require.resolve('vscode-languageserver-types').replace(/umd([\\/]main\.js)$/, 'esm$1') },
};
const eager = [
  { ...service, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { ...service, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
  // Not shipped to users: the service as bundled above, for `npm run bench` (test/bench/bench.ts).
  { ...service, entryPoints: ['server/src/serviceBundle.ts'], outfile: 'dist/service.js' },
];
const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  ...eager,
  // The generated validator is minified even in development builds: nobody reads it, and half the bytes load faster.
  ...LAZY.map((l) => ({ ...service, entryPoints: [l.entry], outfile: `dist/${l.file}`, ...(l.minify ? { minify: true } : {}) })),
  // The quiz webview runs in a browser sandbox: no Node, one IIFE loaded by nonce.
  { ...common, entryPoints: ['client/src/learn/webview/quiz.ts'], outfile: 'dist/webview/quiz.js', platform: 'browser', format: 'iife', target: 'es2022' },
];

/** The build fails when an eager bundle pulled in what must stay lazy (an import that bypassed lazy.ts). */
function checkLazy(outfile, metafile) {
  const root = process.cwd().replace(/\\/g, '/') + '/';
  const inputs = Object.keys(metafile.inputs).map((i) => i.replace(/\\/g, '/')).map((i) => (i.startsWith(root) ? i.slice(root.length) : i));
  const leaked = inputs.filter((i) => LAZY_ONLY.some((re) => re.test(i)));
  return leaked.length ? [`${outfile} bundles what must load on first use (import it through server/src/service/lazy.ts):\n  ${leaked.slice(0, 10).join('\n  ')}`] : [];
}

// The shell parser's WASM (tree-sitter + the bash grammar, server/wasm/bash-flat.c) is loaded at run time
// from beside the bundle (server/src/shellParser.ts looks next to __dirname first).
mkdirSync('dist', { recursive: true });
copyFileSync('server/wasm/bash-flat.wasm', 'dist/bash-flat.wasm');
copyFileSync('server/wasm/NOTICE.txt', 'dist/bash-flat.wasm.LEGAL.txt');
// The webview loads these through asWebviewUri from dist/webview (its only local resource root).
fs.mkdirSync('dist/webview', { recursive: true });
fs.copyFileSync('node_modules/@vscode-elements/elements/dist/bundled.js', 'dist/webview/elements.js');
fs.copyFileSync('client/media/quiz.css', 'dist/webview/quiz.css');

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  const results = await Promise.all(builds.map((b) => esbuild.build(b)));
  const leaks = builds.flatMap((b, i) => (eager.includes(b) ? checkLazy(b.outfile, results[i].metafile) : []));
  if (leaks.length) {
    console.error(leaks.join('\n'));
    process.exitCode = 1;
  }
}
