// The `dockerTutor.compose.files` setting as document-selector patterns. No `vscode` import: unit-tested in Node.

/** VS Code already gives these the `dockercompose` language; the setting adds to them. */
export const BUILT_IN_COMPOSE_NAMES = ['compose.yaml', 'compose.yml', 'compose.*.yaml', 'compose.*.yml', 'docker-compose*.yml', 'docker-compose*.yaml'];

/** Settings hold a handful of patterns; more is a mistake we should not turn into a huge selector. */
const MAX_PATTERNS = 100;

/**
 * The setting's globs as patterns matched against a file's whole path, the way VS Code matches a
 * document selector's `pattern`: a glob written relative (`stack.yml`, `deploy/*.yml`) matches in any
 * folder (`**\/stack.yml`); an absolute one or one starting with `**` is kept. Non-strings and blanks are dropped.
 */
export function composeFilePatterns(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  const out: string[] = [];
  for (const item of raw) {
    if (typeof item !== 'string') continue;
    let g = item.trim().replace(/\\/g, '/');
    if (!g) continue;
    if (g.startsWith('./')) g = g.slice(2);
    const anchored = g.startsWith('/') || g.startsWith('**') || /^[A-Za-z]:\//.test(g);
    const pattern = anchored ? g : `**/${g}`;
    if (!out.includes(pattern)) out.push(pattern);
    if (out.length >= MAX_PATTERNS) break;
  }
  return out;
}
