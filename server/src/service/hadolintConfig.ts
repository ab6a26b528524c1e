import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import type { Level } from './types';
import type { LabelType, Settings } from './settings';
import { LABEL_TYPES } from './settings';
import { dockerfileSupport } from './lazy';

/** A problem in a `.hadolint.yaml`, located in that file. Parsing never throws; it reports these instead. */
export interface HadolintConfigProblem {
  readonly message: string;
  readonly range: Range;
  readonly level: 'error' | 'warning';
}

export interface HadolintConfig {
  /** What the file asks for, in our settings shape (only the keys it sets). */
  readonly settings: Settings;
  readonly problems: readonly HadolintConfigProblem[];
}

/** hadolint's four severities; `style` is what we call a hint. */
const OVERRIDE_LEVELS: Readonly<Record<string, Level>> = { error: 'error', warning: 'warning', info: 'info', style: 'hint' };
const THRESHOLDS: Readonly<Record<string, Level | 'none'>> = { ...OVERRIDE_LEVELS, ignore: 'off', none: 'none' };
/** Keys hadolint reads that only change its own output, which we accept and leave alone. */
const OUTPUT_KEYS = new Set(['format', 'no-color', 'verbose']);
const RULE_CODE = /^(DL|SC)\d{4}$/;

/**
 * Reads the text of a `.hadolint.yaml` into our settings: `ignored` turns rules off, `override.<level>` sets
 * their level (`style` -> hint), plus `failure-threshold`, `trustedRegistries`, `label-schema`, `strict-labels`,
 * `disable-ignore-pragma` and `no-fail`. Rules are keyed by their hadolint code (`DL3008`), which the engine
 * matches against each rule's aliases.
 */
export function parseHadolintConfig(text: string): HadolintConfig {
  const lines = new LineCounter();
  const problems: HadolintConfigProblem[] = [];
  const rules: Record<string, Level> = {};
  const out: {
    rules: Record<string, Level>; families: Settings['families']; trustedRegistries?: string[]; labelSchema?: Record<string, LabelType>;
    strictLabels?: boolean; disableIgnorePragma?: boolean; failureThreshold?: Level | 'none'; noFail?: boolean;
  } = { rules, families: {} };

  const rangeOf = (node: unknown): Range => {
    const r = (node as { range?: [number, number, number] } | null)?.range;
    const start = lines.linePos(r ? r[0] : 0);
    const end = lines.linePos(r ? r[1] : 0);
    return { start: { line: start.line - 1, character: start.col - 1 }, end: { line: end.line - 1, character: end.col - 1 } };
  };
  const problem = (node: unknown, message: string, level: 'error' | 'warning' = 'error'): void => {
    problems.push({ message, range: rangeOf(node), level });
  };

  let doc;
  try {
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  } catch (err) {
    problem(null, `cannot read the hadolint configuration: ${err instanceof Error ? err.message : String(err)}`);
    return { settings: out, problems };
  }
  for (const e of doc.errors) {
    const start = lines.linePos(e.pos[0]);
    const end = lines.linePos(e.pos[1]);
    problems.push({ message: `YAML error: ${e.message.split('\n')[0]}`, level: 'error', range: { start: { line: start.line - 1, character: start.col - 1 }, end: { line: end.line - 1, character: end.col - 1 } } });
  }
  if (doc.errors.length > 0) return { settings: out, problems };
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { settings: out, problems };
  if (!isMap(root)) {
    problem(root, 'a hadolint configuration is a mapping of keys such as ignored:, override: and trustedRegistries:');
    return { settings: out, problems };
  }

  const stringList = (node: unknown, key: string): { value: string; node: YamlNode }[] => {
    if (!isSeq(node)) {
      problem(node, `${key} must be a list`);
      return [];
    }
    const items: { value: string; node: YamlNode }[] = [];
    for (const item of node.items) {
      if (isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number')) items.push({ value: String(item.value), node: item });
      else problem(item, `${key} lists strings`);
    }
    return items;
  };
  const ruleCodes = (node: unknown, key: string): string[] =>
    stringList(node, key).flatMap(({ value, node: n }) => {
      if (RULE_CODE.test(value)) return [value];
      problem(n, `"${value}" is not a hadolint rule code (DLxxxx or SCxxxx)`, 'warning');
      return [];
    });
  const bool = (node: unknown, key: string): boolean | undefined => {
    if (isScalar(node) && typeof node.value === 'boolean') return node.value;
    problem(node, `${key} must be true or false`);
    return undefined;
  };

  // `ignored` is applied after the overrides, as in hadolint: an ignored rule stays off.
  let ignored: string[] = [];
  for (const pair of root.items) {
    const keyNode = pair.key;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    const value = pair.value;
    switch (key) {
      case 'ignored':
        ignored = ruleCodes(value, 'ignored');
        break;
      case 'override':
        if (!isMap(value)) {
          problem(value, 'override must map error/warning/info/style to lists of rule codes');
          break;
        }
        for (const p of value.items) {
          const level = isScalar(p.key) ? String(p.key.value) : '';
          const mapped = OVERRIDE_LEVELS[level];
          if (!mapped) {
            problem(p.key, `unknown override level "${level}" (expected error, warning, info or style)`);
            continue;
          }
          for (const code of ruleCodes(p.value, `override.${level}`)) rules[code] = mapped;
        }
        break;
      case 'failure-threshold': {
        const v = isScalar(value) ? String(value.value) : '';
        const t = THRESHOLDS[v];
        if (t === undefined) problem(value, `failure-threshold must be one of error, warning, info, style, ignore or none`);
        else out.failureThreshold = t === 'off' ? 'none' : t;
        break;
      }
      case 'trustedRegistries':
        out.trustedRegistries = stringList(value, 'trustedRegistries').map((x) => x.value);
        break;
      case 'label-schema':
        if (!isMap(value)) {
          problem(value, 'label-schema must map label names to types (text, url, email, hash, rfc3339, semver, spdx)');
          break;
        }
        out.labelSchema = {};
        for (const p of value.items) {
          const name = isScalar(p.key) ? String(p.key.value) : '';
          const type = isScalar(p.value) ? String(p.value.value) : '';
          if (!(LABEL_TYPES as readonly string[]).includes(type)) problem(p.value ?? p.key, `label "${name}": unknown type "${type}" (expected text, url, email, hash, rfc3339, semver or spdx)`);
          else out.labelSchema[name] = type as LabelType;
        }
        break;
      case 'strict-labels': {
        const b = bool(value, key);
        if (b !== undefined) out.strictLabels = b;
        break;
      }
      case 'disable-ignore-pragma': {
        const b = bool(value, key);
        if (b !== undefined) out.disableIgnorePragma = b;
        break;
      }
      case 'no-fail': {
        const b = bool(value, key);
        if (b !== undefined) out.noFail = b;
        break;
      }
      default:
        if (!OUTPUT_KEYS.has(key)) problem(keyNode, `unknown hadolint configuration key "${key}"; it is ignored`, 'warning');
    }
  }
  for (const code of ignored) rules[code] = 'off';
  return { settings: out, problems };
}

// eslint-disable-next-line no-restricted-syntax -- editor settings and parsed config files live until the configuration or the file changes
const mergedCache = new WeakMap<Settings, WeakMap<HadolintConfig, Settings>>();

/**
 * The settings a Dockerfile is checked with when a `.hadolint.yaml` applies: the file wins over the editor
 * settings for every key it sets, as users of hadolint expect; rule levels merge (file over editor).
 *
 * The same object for the same editor settings and config file (neither is changed once built): what is
 * cached per settings object (the active rules, the rule plan, the settings key) then carries over from one
 * keystroke to the next instead of being rebuilt for every validation.
 */
export function withHadolintConfig(base: Settings, config: HadolintConfig): Settings {
  let byConfig = mergedCache.get(base);
  // eslint-disable-next-line no-restricted-syntax -- see mergedCache
  if (!byConfig) mergedCache.set(base, (byConfig = new WeakMap()));
  let merged = byConfig.get(config);
  if (!merged) byConfig.set(config, (merged = merge(base, config)));
  return merged;
}

function merge(base: Settings, config: HadolintConfig): Settings {
  const h = config.settings;
  const rules: Record<string, Level> = { ...base.rules, ...h.rules };
  // An editor setting keyed by our rule id would otherwise win over the file's DL code (ids are matched first).
  for (const [code, level] of Object.entries(h.rules)) {
    for (const rule of dockerfileSupport().dockerfileRules) {
      if (!rule.aliases.includes(code)) continue;
      rules[rule.id] = level;
      delete rules[rule.id.slice(rule.id.indexOf('/') + 1)];
    }
  }
  return {
    ...base,
    ...Object.fromEntries(Object.entries(h).filter(([k, v]) => k !== 'rules' && k !== 'families' && v !== undefined)),
    rules,
    families: base.families,
  };
}
