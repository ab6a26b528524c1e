import type { Diagnostic } from 'vscode-languageserver-types';
import { severityToLevel } from '../service/diagnosticShape';
import { composeRules } from '../service/compose/rules';
import { dockerfileSupport } from '../service/lazy';
import type { Level, RuleMeta } from '../service/types';
import type { FailureThreshold } from './args';

export type Severity = Exclude<Level, 'off'>;

/** One finding as the CLI reports it: 1-based line and column (UTF-16 code units, as editors count), end exclusive. */
export interface CliFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: Severity;
  readonly rule: string;
  readonly aliases: readonly string[];
  readonly message: string;
}

/** What the SARIF writer needs about a rule. */
export interface CliRuleMeta {
  readonly id: string;
  readonly title: string;
  readonly docsUrl: string | undefined;
  readonly defaultLevel: Level;
  readonly family: string | undefined;
  readonly aliases: readonly string[];
}

/** A linted file: where it came from and what was found. */
export interface FileReport {
  readonly file: string;
  /** Absolute path, undefined for standard input. */
  readonly fsPath: string | undefined;
  readonly findings: readonly CliFinding[];
  /** Docs link per rule id, from the diagnostics (for rules the registry here does not list). */
  readonly ruleDocs: ReadonlyMap<string, string>;
}

const composeById: ReadonlyMap<string, RuleMeta> = new Map(composeRules.map((r) => [r.id, r]));

/** A rule of either registry by id. */
export function registeredRule(id: string): RuleMeta | undefined {
  return dockerfileSupport().dockerfileRuleById(id) ?? composeById.get(id);
}

const RANK: Readonly<Record<Severity, number>> = { hint: 1, info: 2, warning: 3, error: 4 };

export function atOrAbove(severity: Severity, threshold: FailureThreshold): boolean {
  return threshold !== 'none' && RANK[severity] >= RANK[threshold];
}

/** Diagnostics of any document kind become findings; rule and aliases come from `code` and `data` as the engine sets them. */
export function toFinding(file: string, d: Diagnostic): CliFinding {
  const rule = typeof d.code === 'string' ? d.code : d.code !== undefined ? String(d.code) : 'unknown';
  const data = d.data as { aliases?: unknown } | undefined;
  const aliases = Array.isArray(data?.aliases) ? data.aliases.filter((a): a is string => typeof a === 'string') : registeredRule(rule)?.aliases ?? [];
  return {
    file,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: severityToLevel(d.severity),
    rule,
    aliases: [...aliases],
    // One finding per output line, whatever a message contains.
    message: (typeof d.message === 'string' ? d.message : d.message.value).replace(/\s*[\r\n]+\s*/g, ' '),
  };
}

export function compareFindings(a: CliFinding, b: CliFinding): number {
  return a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

/** Rule metadata from the registry, or a minimal record built from a finding for rules registered elsewhere. */
export function ruleMetaFor(id: string, docsUrl: string | undefined): CliRuleMeta {
  const r = registeredRule(id);
  if (r) return { id: r.id, title: r.title, docsUrl: r.explain.docsUrl, defaultLevel: r.defaultLevel, family: r.family, aliases: r.aliases };
  return { id, title: id, docsUrl, defaultLevel: 'warning', family: undefined, aliases: [] };
}
