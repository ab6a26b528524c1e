// Replaces the vendored compose-spec schema with a newer upstream copy and records its commit.
//
// This machine has no network, so the script takes a file you downloaded yourself:
//   1. Pick a commit of https://github.com/compose-spec/compose-spec and download
//      https://raw.githubusercontent.com/compose-spec/compose-spec/<commit>/schema/compose-spec.json
//   2. node scripts/refreshComposeSchema.mjs <path/to/compose-spec.json> <commit>
//   3. npm run content && npm test   (the corpus test shows whether the new schema changes results)
// The file is copied byte for byte; only the commit line of NOTICE.compose-spec.md is rewritten.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vendorDir = path.join(root, 'server', 'content', 'vendor');
const [source, commit] = process.argv.slice(2);
if (!source || !commit || !/^[0-9a-f]{40}$/.test(commit)) {
  console.error('usage: node scripts/refreshComposeSchema.mjs <compose-spec.json> <40-hex commit>');
  process.exit(2);
}
const text = fs.readFileSync(source, 'utf8');
const schema = JSON.parse(text);
if (!schema.definitions?.service || !schema.properties?.services) {
  console.error(`${source} does not look like compose-spec.json (no definitions.service / properties.services)`);
  process.exit(1);
}
fs.writeFileSync(path.join(vendorDir, 'compose-spec.json'), text);
const noticeFile = path.join(vendorDir, 'NOTICE.compose-spec.md');
const notice = fs.readFileSync(noticeFile, 'utf8')
  .replace(/at commit `[0-9a-f]{40}`/, `at commit \`${commit}\``)
  .replace(/\([\d,]+ characters\)/, `(${text.length.toLocaleString('en-US')} characters)`);
fs.writeFileSync(noticeFile, notice);
console.log(`compose-spec.json updated to ${commit} (${text.length} characters); run npm run content`);
