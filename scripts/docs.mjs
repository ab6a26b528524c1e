// Regenerates the README sections that come from code: the rules table (from the rule registry)
// and the settings table (from package.json). Run through `npm run docs`, which compiles first.
// test/unit/readmeRules.test.ts fails when the README is stale.
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { renderRulesTable, renderSettingsTable, replaceSection } = require(path.join(root, 'out/test/util/readmeRules.js'));
const { dockerfileRules } = require(path.join(root, 'out/server/src/service/dockerfile/rules/index.js'));

const readmePath = path.join(root, 'README.md');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const before = fs.readFileSync(readmePath, 'utf8');
let after = replaceSection(before, 'rules', renderRulesTable(dockerfileRules));
after = replaceSection(after, 'settings', renderSettingsTable(manifest));
if (after !== before) fs.writeFileSync(readmePath, after);
console.log(`docs: ${dockerfileRules.length} rule(s); README ${after === before ? 'already up to date' : 'updated'}`);
