import type { RuleMeta } from '../../server/src/service/types';
import { isBuildkitName, isHadolintId } from '../../server/src/service/settings';

/** Generated README sections live between these markers; `npm run docs` (and `npm run deck:summary` for the deck) rewrites them. */
export const MARKERS = {
  rules: ['<!-- rules:start -->', '<!-- rules:end -->'],
  settings: ['<!-- settings:start -->', '<!-- settings:end -->'],
  deck: ['<!-- deck:start -->', '<!-- deck:end -->'],
} as const;

export type Section = keyof typeof MARKERS;

const cell = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;
const list = (xs: readonly string[]): string => (xs.length ? xs.map(code).join(', ') : '—');

/** The rules table: one row per rule, in registry order (syntax, BuildKit, best practice). */
export function renderRulesTable(rules: readonly (RuleMeta & { fix?: unknown })[]): string {
  const rows = rules.map((r) => {
    const hadolint = r.aliases.filter(isHadolintId);
    const buildkit = r.aliases.filter(isBuildkitName);
    const other = r.aliases.filter((a) => !isHadolintId(a) && !isBuildkitName(a));
    return `| [${code(r.id)}](${r.explain.docsUrl}) | ${r.family} | ${r.defaultLevel} | ${list(hadolint)} | ${list([...buildkit, ...other])} | ${r.fix ? 'yes' : '—'} | ${cell(r.title)} |`;
  });
  const count = `${rules.length} Dockerfile rule${rules.length === 1 ? '' : 's'}.`;
  return [
    count,
    '',
    '| Rule | Family | Default | hadolint | BuildKit check | Quick fix | What it looks for |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

interface SettingSchema {
  readonly type?: string | readonly string[];
  readonly default?: unknown;
  readonly description?: string;
  readonly markdownDescription?: string;
  readonly enum?: readonly string[];
}

/** The settings table, from the manifest's `contributes.configuration`. */
export function renderSettingsTable(manifest: { contributes?: { configuration?: { properties?: Record<string, SettingSchema> } } }): string {
  const props = manifest.contributes?.configuration?.properties ?? {};
  const rows = Object.entries(props).map(([key, s]) => {
    const type = s.enum ? s.enum.map(code).join(' \\| ') : Array.isArray(s.type) ? s.type.join(' \\| ') : String(s.type ?? '');
    const text = (s.markdownDescription ?? s.description ?? '').trim();
    return `| ${code(key)} | ${type} | ${code(JSON.stringify(s.default ?? null))} | ${cell(text)} |`;
  });
  return ['| Setting | Type | Default | Description |', '|---|---|---|---|', ...rows].join('\n');
}

/** The text between a section's markers, without the surrounding newlines; undefined when the markers are missing. */
export function readSection(readme: string, section: Section): string | undefined {
  const [start, end] = MARKERS[section];
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) return undefined;
  return readme.slice(a + start.length, b).replace(/^\r?\n/, '').replace(/\r?\n$/, '');
}

export function replaceSection(readme: string, section: Section, body: string): string {
  const [start, end] = MARKERS[section];
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README has no ${start} … ${end} markers`);
  return `${readme.slice(0, a + start.length)}\n${body}\n${readme.slice(b)}`;
}
