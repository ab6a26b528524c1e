#!/usr/bin/env node
'use strict';
// Thin launcher for the bundled CLI (run `npm run build` first).
const { main } = require('../dist/cli.js');
Promise.resolve(main(process.argv.slice(2))).then((code) => {
  if (code >= 0) process.exitCode = code;
});
