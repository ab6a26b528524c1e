// Writes the "What you learn" section from the compiled deck: docs/what-you-learn.md, and the README
// between <!-- deck:start --> and <!-- deck:end -->. Run after `npm run compile`: npm run deck:summary.
// A unit test (test/unit/deck.test.ts) fails when either is stale.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { cards } = require(path.join(root, 'out/server/src/generated/cards.js'));
const { renderDeckSummary } = require(path.join(root, 'out/server/src/service/content/summary.js'));
const { replaceSection } = require(path.join(root, 'out/test/util/readmeRules.js'));

const summary = renderDeckSummary(cards);
const file = path.join(root, 'docs', 'what-you-learn.md');
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, summary);

const readmePath = path.join(root, 'README.md');
const before = fs.readFileSync(readmePath, 'utf8');
const after = replaceSection(before, 'deck', summary.trimEnd());
if (after !== before) fs.writeFileSync(readmePath, after);
console.log(`deck summary: ${path.relative(root, file)} and README (${cards.length} cards)`);
