import type { Diagnostic } from 'vscode-languageserver-types';
import type { Finding, Level } from '../types';
import type { Settings } from '../settings';
import { activeRules, settingsKey } from '../settings';
import { toDiagnostic } from '../diagnosticShape';
import { DerivedSlot } from '../derived';
import type { FileAccess } from '../dockerfile/rules/types';
import type { ComposeModel } from './model';
import type { ComposeRule, ComposeRuleContext } from './rules/types';
import { composeRules } from './rules';
import { composeSuppressions, isComposeSuppressed } from './suppression';

export interface ComposeResult {
  readonly rule: ComposeRule;
  readonly finding: Finding;
  readonly level: Exclude<Level, 'off'>;
  readonly diagnostic: Diagnostic;
}

export interface ComposeValidationOptions {
  readonly settings: Settings;
  readonly fsPath?: string;
  readonly files?: FileAccess;
  readonly isCancelled?: () => boolean;
}

const cache = new DerivedSlot<ComposeModel, { key: string; results: ComposeResult[] }>();

/** File access that asks the file system once per path for one validation: services often share a build context. */
function onceEach(files: FileAccess): FileAccess {
  const exists = new Map<string, boolean>();
  const texts = new Map<string, string | undefined>();
  return {
    exists(p) {
      let hit = exists.get(p);
      if (hit === undefined) exists.set(p, (hit = files.exists(p)));
      return hit;
    },
    readText(p) {
      if (texts.has(p)) return texts.get(p);
      const text = files.readText(p);
      texts.set(p, text);
      return text;
    },
  };
}

/** Runs every enabled rule on every document of the file; settings and suppressions are applied here only. */
export function composeResults(model: ComposeModel, options: ComposeValidationOptions): ComposeResult[] {
  const key = settingsKey(options.settings) + '\u0000' + (options.fsPath ?? '');
  const hit = cache.get(model);
  if (hit && hit.key === key) return hit.results;

  const raw: { rule: ComposeRule; explicit: Level | undefined; finding: Finding }[] = [];
  const files = options.files && onceEach(options.files);
  for (const { rule, level: explicit } of activeRules(composeRules, options.settings)) {
    if (options.isCancelled?.()) return [];
    for (const doc of model.docs) {
      const ctx: ComposeRuleContext = {
        model, doc, settings: options.settings, fsPath: options.fsPath, files,
        report: (finding) => raw.push({ rule, explicit, finding }),
      };
      try {
        rule.check(ctx);
      } catch {
        // A rule that trips over odd input must not take the others down with it.
      }
    }
  }

  const suppressions = composeSuppressions(model);
  const seen = new Set<string>();
  const results: ComposeResult[] = [];
  for (const { rule, explicit, finding } of raw) {
    if (isComposeSuppressed(suppressions, rule, finding.range.start.line)) continue;
    const level: Level = explicit ?? finding.level ?? rule.defaultLevel;
    if (level === 'off') continue;
    // Aliased values are checked where the anchor is: report each spot once.
    const sig = `${rule.id}\u0000${finding.range.start.line}:${finding.range.start.character}\u0000${finding.message}`;
    if (seen.has(sig)) continue;
    seen.add(sig);
    results.push({ rule, finding, level, diagnostic: toDiagnostic(rule, finding, level) });
  }
  results.sort((a, b) =>
    a.finding.range.start.line - b.finding.range.start.line ||
    a.finding.range.start.character - b.finding.range.start.character ||
    (a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0));
  cache.set(model, { key, results });
  return results;
}

