import type { Family, Level, RuleMeta } from './types';
import { FAMILIES, LEVELS } from './types';

/** What the user can tune. Same shape for the VS Code settings, the CLI config and tests. */
export interface Settings {
  /** Level per rule; keys are rule ids (`dockerfile/x`), bare names (`x`) or aliases (`DL3006`, `JSONArgsRecommended`). */
  readonly rules: Readonly<Record<string, Level>>;
  /** Switch a whole family off. Missing means on. */
  readonly families: Readonly<Partial<Record<Family, boolean>>>;
  /** Registries DL3026 accepts; empty means the rule is inactive. */
  readonly trustedRegistries?: readonly string[];
  /** Labels every image must carry, with the format of their value (hadolint's `label-schema`). */
  readonly labelSchema?: Readonly<Record<string, LabelType>>;
  /** With a label schema: labels outside it are reported (hadolint's `strict-labels`). */
  readonly strictLabels?: boolean;
  /** hadolint `disable-ignore-pragma`: `# hadolint ignore=` comments no longer silence anything. */
  readonly disableIgnorePragma?: boolean;
  /** hadolint `failure-threshold`: the lowest level that makes the CLI fail (`none` never fails). */
  readonly failureThreshold?: Level | 'none';
  /** hadolint `no-fail`: the CLI exits 0 whatever it finds. */
  readonly noFail?: boolean;
}

export type LabelType = 'text' | 'url' | 'hash' | 'spdx' | 'rfc3339' | 'semver' | 'email';
export const LABEL_TYPES: readonly LabelType[] = ['text', 'url', 'hash', 'spdx', 'rfc3339', 'semver', 'email'];

export const DEFAULT_SETTINGS: Settings = { rules: {}, families: {} };

/** Accepts anything (settings come from JSON) and keeps only what is well-formed. */
export function normalizeSettings(raw: unknown): Settings {
  const out: {
    rules: Record<string, Level>; families: Partial<Record<Family, boolean>>; trustedRegistries?: string[];
    labelSchema?: Record<string, LabelType>; strictLabels?: boolean; disableIgnorePragma?: boolean; failureThreshold?: Level | 'none'; noFail?: boolean;
  } = { rules: {}, families: {} };
  if (!raw || typeof raw !== 'object') return out;
  const r = raw as Record<string, unknown>;
  if (r.rules && typeof r.rules === 'object') {
    for (const [k, v] of Object.entries(r.rules as Record<string, unknown>)) {
      if (typeof v === 'string' && (LEVELS as readonly string[]).includes(v)) out.rules[k] = v as Level;
    }
  }
  if (r.families && typeof r.families === 'object') {
    for (const [k, v] of Object.entries(r.families as Record<string, unknown>)) {
      if ((FAMILIES as readonly string[]).includes(k) && typeof v === 'boolean') out.families[k as Family] = v;
    }
  }
  if (Array.isArray(r.trustedRegistries)) out.trustedRegistries = r.trustedRegistries.filter((x): x is string => typeof x === 'string');
  // hadolint's config spells these `label-schema` and `strict-labels`; accept both.
  const schema = r.labelSchema ?? r['label-schema'];
  if (schema && typeof schema === 'object' && !Array.isArray(schema)) {
    const labels: Record<string, LabelType> = {};
    for (const [k, v] of Object.entries(schema as Record<string, unknown>)) {
      if (k && typeof v === 'string' && (LABEL_TYPES as readonly string[]).includes(v)) labels[k] = v as LabelType;
    }
    out.labelSchema = labels;
  }
  const strict = r.strictLabels ?? r['strict-labels'];
  if (typeof strict === 'boolean') out.strictLabels = strict;
  if (typeof r.disableIgnorePragma === 'boolean') out.disableIgnorePragma = r.disableIgnorePragma;
  if (typeof r.noFail === 'boolean') out.noFail = r.noFail;
  if (typeof r.failureThreshold === 'string' && (r.failureThreshold === 'none' || (LEVELS as readonly string[]).includes(r.failureThreshold))) {
    out.failureThreshold = r.failureThreshold as Level | 'none';
  }
  return out;
}

/** The level the user asked for explicitly, if any: id first, then bare name, then aliases. */
export function configuredLevel(settings: Settings, rule: RuleMeta): Level | undefined {
  const rules = settings.rules;
  const direct = rules[rule.id] ?? rules[rule.id.slice(rule.id.indexOf('/') + 1)];
  if (direct) return direct;
  for (const alias of rule.aliases) {
    const l = rules[alias];
    if (l) return l;
  }
  return undefined;
}

export function familyEnabled(settings: Settings, family: Family): boolean {
  return settings.families[family] !== false;
}

// eslint-disable-next-line no-restricted-syntax -- settings objects live until the configuration changes
const keys = new WeakMap<Settings, string>();

/**
 * A string equal for equal settings (caches key on it). Settings objects are never changed once built (a change
 * of configuration builds a new one), so each object's key is computed once.
 */
export function settingsKey(settings: Settings): string {
  let key = keys.get(settings);
  if (key === undefined) keys.set(settings, (key = JSON.stringify(settings)));
  return key;
}

export const isHadolintId = (alias: string): boolean => /^(DL|SC)\d+$/.test(alias);
export const isBuildkitName = (alias: string): boolean => /^[A-Z][A-Za-z]+$/.test(alias) && !isHadolintId(alias);

/** An enabled rule and the level the settings give it (undefined: its default). */
export interface ActiveRule<R extends RuleMeta> {
  readonly rule: R;
  readonly level: Level | undefined;
}

// eslint-disable-next-line no-restricted-syntax -- rule lists live as long as the process, settings objects until the configuration changes
const activeCache = new WeakMap<readonly RuleMeta[], WeakMap<Settings, readonly ActiveRule<RuleMeta>[]>>();

/**
 * The rules of `rules` that run under `settings`, with their configured levels. The same for every document,
 * so computed once per rule list and settings object (never changed once built, see `settingsKey`); the
 * engines' visitor tables are cached by the identity of this answer.
 */
export function activeRules<R extends RuleMeta>(rules: readonly R[], settings: Settings): readonly ActiveRule<R>[] {
  let bySettings = activeCache.get(rules);
  // eslint-disable-next-line no-restricted-syntax -- see activeCache
  if (!bySettings) activeCache.set(rules, (bySettings = new WeakMap()));
  const hit = bySettings.get(settings) as readonly ActiveRule<R>[] | undefined;
  if (hit) return hit;
  const active: ActiveRule<R>[] = [];
  for (const rule of rules) {
    if (!familyEnabled(settings, rule.family)) continue;
    const level = configuredLevel(settings, rule);
    if ((level ?? rule.defaultLevel) === 'off') continue;
    active.push({ rule, level });
  }
  bySettings.set(settings, active);
  return active;
}
