// Writes docs/what-you-learn.md (the README's "What you learn" section) from the compiled deck.
// Run after `npm run compile`: node scripts/deckSummary.mjs. A unit test fails when the file is stale.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { cards } = require(path.join(root, 'out/server/src/generated/cards.js'));
const { renderDeckSummary } = require(path.join(root, 'out/server/src/service/content/summary.js'));

const file = path.join(root, 'docs', 'what-you-learn.md');
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, renderDeckSummary(cards));
console.log(`deck summary: ${path.relative(root, file)} (${cards.length} cards)`);
