import * as fs from 'fs';
import * as path from 'path';
import YAML from 'yaml';
import type { Settings } from '../service';
import type { DockerfileRule } from '../service/dockerfile/rules/types';
import { dockerfileSupport } from '../service/lazy';
import type { HadolintConfig } from '../service/hadolintConfig';
import { parseHadolintConfig, withHadolintConfig } from '../service/hadolintConfig';
import { DEFAULT_SETTINGS, normalizeSettings } from '../service/settings';
import type { Level } from '../service/types';
import { FAMILIES, LEVELS } from '../service/types';
import type { FailureThreshold } from './args';
import { THRESHOLDS } from './args';
import { describeFsError } from './discover';

/** What a config file contributes: the service settings plus the CLI's exit policy. */
export interface CliConfig {
  readonly settings: Settings;
  readonly failureThreshold: FailureThreshold | undefined;
  /** hadolint's `no-fail`: findings never make the run fail (I/O and config errors still do). */
  readonly noFail?: boolean;
  /** Read from hadolint's format (so, given with `--config`, it replaces discovery). */
  readonly isHadolint?: boolean;
  /** Things worth telling the user that do not stop the run (an unknown rule name). */
  readonly warnings: readonly string[];
}

export type ConfigResult = { readonly ok: true; readonly config: CliConfig } | { readonly ok: false; readonly error: string };

/**
 * One config dialect. Loaders are tried in order; the first whose `accepts` says yes reads the file.
 * hadolint's `.hadolint.yaml` (ignored, override, trustedRegistries, failure-threshold) slots in
 * here as a second loader without touching the rest of the CLI.
 */
export interface ConfigLoader {
  readonly name: string;
  accepts(fileName: string, data: unknown): boolean;
  /** `text` is the file as read, for loaders that point at lines in their messages. */
  load(data: unknown, fileName: string, text: string): ConfigResult;
}

/** Our own shape, the same as the VS Code settings: `{ rules, families, trustedRegistries, failureThreshold }`. */
export const nativeLoader: ConfigLoader = {
  name: 'docker-tutor',
  accepts: () => true,
  load(data, fileName) {
    if (data === null || data === undefined) return { ok: true, config: { settings: normalizeSettings({}), failureThreshold: undefined, warnings: [] } };
    if (typeof data !== 'object' || Array.isArray(data)) return fail(fileName, 'the top level must be a mapping such as { "rules": { … } }');
    const raw = data as Record<string, unknown>;
    const warnings: string[] = [];
    const known = new Set(['rules', 'families', 'trustedRegistries', 'failureThreshold', '$schema']);
    for (const k of Object.keys(raw)) if (!known.has(k)) warnings.push(`${fileName}: unknown key "${k}" ignored (expected rules, families, trustedRegistries, failureThreshold)`);

    if (raw.rules !== undefined) {
      if (!isMapping(raw.rules)) return fail(fileName, '"rules" must be a mapping of rule id or alias to a level');
      const names = knownRuleNames();
      for (const [k, v] of Object.entries(raw.rules)) {
        if (typeof v !== 'string' || !(LEVELS as readonly string[]).includes(v)) {
          return fail(fileName, `rule "${k}": level must be one of ${LEVELS.join(', ')} (got ${JSON.stringify(v)})`);
        }
        // Compose rules register elsewhere; only names that look like ours but match nothing are flagged.
        if (!k.startsWith('compose/') && !names.has(k.toLowerCase())) warnings.push(`${fileName}: rule "${k}" matches no known rule id or alias`);
      }
    }
    if (raw.families !== undefined) {
      if (!isMapping(raw.families)) return fail(fileName, '"families" must be a mapping of family to true or false');
      for (const [k, v] of Object.entries(raw.families)) {
        if (!(FAMILIES as readonly string[]).includes(k)) return fail(fileName, `unknown family "${k}" (expected ${FAMILIES.join(', ')})`);
        if (typeof v !== 'boolean') return fail(fileName, `family "${k}" must be true or false (got ${JSON.stringify(v)})`);
      }
    }
    if (raw.trustedRegistries !== undefined && (!Array.isArray(raw.trustedRegistries) || raw.trustedRegistries.some((x) => typeof x !== 'string'))) {
      return fail(fileName, '"trustedRegistries" must be a list of registry names');
    }
    let failureThreshold: FailureThreshold | undefined;
    if (raw.failureThreshold !== undefined) {
      if (typeof raw.failureThreshold !== 'string' || !(THRESHOLDS as readonly string[]).includes(raw.failureThreshold)) {
        return fail(fileName, `"failureThreshold" must be one of ${THRESHOLDS.join(', ')} (got ${JSON.stringify(raw.failureThreshold)})`);
      }
      failureThreshold = raw.failureThreshold as FailureThreshold;
    }
    return { ok: true, config: { settings: normalizeSettings(raw), failureThreshold, warnings } };
  },
};

const HADOLINT_NAME = /^\.?hadolint\.ya?ml$/i;
/** Keys only hadolint's format has; ours uses camelCase `failureThreshold` and `rules`. */
const HADOLINT_KEYS = ['ignored', 'override', 'failure-threshold', 'label-schema', 'strict-labels', 'disable-ignore-pragma', 'no-fail'];

/** hadolint's `.hadolint.yaml`: recognised by its name, or by keys only hadolint uses. */
export const hadolintLoader: ConfigLoader = {
  name: 'hadolint',
  accepts(fileName, data) {
    if (HADOLINT_NAME.test(fileName)) return true;
    if (!isMapping(data)) return false;
    const keys = Object.keys(data);
    // `trustedRegistries` alone is shared by both formats; with none of our keys it reads as hadolint's.
    return keys.some((k) => HADOLINT_KEYS.includes(k)) || (keys.includes('trustedRegistries') && !keys.some((k) => k === 'rules' || k === 'families' || k === 'failureThreshold'));
  },
  load(_data, fileName, text) {
    return hadolintResult(fileName, parseHadolintConfig(text));
  },
};

/** A parsed `.hadolint.yaml` as CLI config: errors stop the run with `file:line:col`, warnings are printed. */
export function hadolintResult(fileName: string, parsed: HadolintConfig): ConfigResult {
  const where = (p: HadolintConfig['problems'][number]): string => `${fileName}:${p.range.start.line + 1}:${p.range.start.character + 1}`;
  const error = parsed.problems.find((p) => p.level === 'error');
  if (error) return { ok: false, error: `config ${where(error)}: ${error.message}` };
  const warnings = parsed.problems.map((p) => `${where(p)}: ${p.message}`);
  const t = parsed.settings.failureThreshold;
  return {
    ok: true,
    config: {
      settings: withHadolintConfig(DEFAULT_SETTINGS, parsed),
      // hadolint's `ignore` threshold already reads as `none`; `off` never comes out of the parser.
      failureThreshold: t === 'off' ? 'none' : t,
      noFail: parsed.settings.noFail,
      isHadolint: true,
      warnings,
    },
  };
}

export const CONFIG_LOADERS: readonly ConfigLoader[] = [hadolintLoader, nativeLoader];

/**
 * Our own config over a discovered `.hadolint.yaml`: every rule level the top config names replaces whatever
 * the base says about the same rule, under any of its names (id, bare name, DL code, BuildKit name).
 */
export function overlayConfig(base: CliConfig, top: CliConfig): CliConfig {
  const rules: Record<string, Level> = { ...base.settings.rules };
  for (const [key, level] of Object.entries(top.settings.rules)) {
    const rule = ruleByName().get(key.toLowerCase());
    if (rule) for (const name of [rule.id, rule.id.slice(rule.id.indexOf('/') + 1), ...rule.aliases]) delete rules[name];
    rules[key] = level;
  }
  const defined = Object.fromEntries(Object.entries(top.settings).filter(([k, v]) => k !== 'rules' && k !== 'families' && v !== undefined));
  return {
    settings: { ...base.settings, ...defined, rules, families: { ...base.settings.families, ...top.settings.families } },
    failureThreshold: top.failureThreshold ?? base.failureThreshold,
    noFail: top.noFail ?? base.noFail,
    warnings: [...base.warnings, ...top.warnings],
  };
}

const MAX_CONFIG_BYTES = 1024 * 1024;

/** Reads, parses (JSON or YAML by extension; YAML also reads JSON) and validates a config file. */
export function loadConfig(file: string, loaders: readonly ConfigLoader[] = CONFIG_LOADERS): ConfigResult {
  let text: string;
  try {
    const st = fs.statSync(file);
    if (st.isDirectory()) return fail(file, 'a directory, not a config file');
    if (st.size > MAX_CONFIG_BYTES) return fail(file, `${st.size} bytes is too large for a config file (limit 1 MB)`);
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return fail(file, describeFsError(err));
  }
  const base = path.basename(file);
  // hadolint's own file is read by its parser, which locates YAML errors as file:line:col.
  if (HADOLINT_NAME.test(base)) return hadolintResult(file, parseHadolintConfig(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text));
  const data = parseConfigText(text, file);
  if (!data.ok) return data;
  const loader = loaders.find((l) => l.accepts(base, data.value));
  if (!loader) return fail(file, 'not in a config format docker-tutor knows');
  return loader.load(data.value, file, text);
}

function parseConfigText(text: string, file: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (/\.json$/i.test(file)) {
    try {
      return { ok: true, value: JSON.parse(body) as unknown };
    } catch (err) {
      return fail(file, `not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const doc = YAML.parseDocument(body, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length) {
    // With prettyErrors the first line already ends with "at line L, column C:".
    const first = (doc.errors[0]!.message.split('\n')[0] ?? '').replace(/:\s*$/, '');
    return fail(file, `not valid YAML: ${first}`);
  }
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) as unknown };
  } catch (err) {
    return fail(file, `cannot be read as YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function fail(file: string, message: string): { ok: false; error: string } {
  return { ok: false, error: `config ${file}: ${message}` };
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

let ruleNames: Map<string, DockerfileRule> | undefined;
/** Every name a rule answers to, lower-cased, to its rule. */
function ruleByName(): Map<string, DockerfileRule> {
  if (!ruleNames) {
    ruleNames = new Map();
    for (const r of dockerfileSupport().dockerfileRules) {
      ruleNames.set(r.id.toLowerCase(), r);
      ruleNames.set(r.id.slice(r.id.indexOf('/') + 1).toLowerCase(), r);
      for (const a of r.aliases) ruleNames.set(a.toLowerCase(), r);
    }
  }
  return ruleNames;
}

function knownRuleNames(): ReadonlyMap<string, unknown> {
  return ruleByName();
}
