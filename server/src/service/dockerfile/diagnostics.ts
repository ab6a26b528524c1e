import type { Diagnostic } from 'vscode-languageserver-types';
import type { Finding, Level } from '../types';
import type { Settings } from '../settings';
import { activeRules, isBuildkitName, settingsKey } from '../settings';
import type { ActiveRule } from '../settings';
import { toDiagnostic } from '../diagnosticShape';
import { Derived, DerivedSlot } from '../derived';
import type { DockerfileModel, Instr, Keyword } from './model';
import type { DockerfileRule, DockerfileRuleContext, FileAccess, InstructionVisitor } from './rules/types';
import { dockerfileRules } from './rules';
import { isSuppressed, ruleNames, suppressionsOf } from './suppression';

/** A finding that survived settings and suppressions, with the level it is shown at. */
export interface DockerfileResult {
  readonly rule: DockerfileRule;
  readonly finding: Finding;
  readonly level: Exclude<Level, 'off'>;
  readonly diagnostic: Diagnostic;
}

export interface DockerfileValidationOptions {
  readonly settings: Settings;
  readonly fsPath?: string;
  readonly files?: FileAccess;
  /** Checked between rules so a stale request stops early. */
  readonly isCancelled?: () => boolean;
}

type Active = ActiveRule<DockerfileRule>;

interface Raw {
  readonly rule: DockerfileRule;
  readonly explicit: Level | undefined;
  readonly finding: Finding;
}

/** One rule's view of a validation: a class rather than a literal with a `report` closure, as every document makes one per rule. */
class RuleContext implements DockerfileRuleContext {
  readonly settings: Settings;
  readonly fsPath: string | undefined;
  readonly files: FileAccess | undefined;
  readonly derived = new Derived();

  constructor(readonly model: DockerfileModel, options: DockerfileValidationOptions, private readonly active: Active, private readonly raw: Raw[]) {
    this.settings = options.settings;
    this.fsPath = options.fsPath;
    this.files = options.files;
  }

  report(finding: Finding): void {
    this.raw.push({ rule: this.active.rule, explicit: this.active.level, finding });
  }
}

const cache = new DerivedSlot<DockerfileModel, { key: string; results: DockerfileResult[] }>();

/** Runs every enabled rule over the model in one walk and applies settings and suppressions once. */
export function dockerfileResults(model: DockerfileModel, options: DockerfileValidationOptions): DockerfileResult[] {
  const sk = settingsKey(options.settings);
  const key = sk + '\u0000' + (options.fsPath ?? '');
  const hit = cache.get(model);
  if (hit && hit.key === key) return hit.results;

  const active = activeRules(dockerfileRules, options.settings);

  const raw: Raw[] = [];
  const plan = planOf(active);
  const contexts = active.map((a) => new RuleContext(model, options, a, raw));
  for (const i of plan.documentChecks) {
    if (options.isCancelled?.()) return [];
    active[i]!.rule.check.document!(contexts[i]!);
  }

  const every = plan.everyInstruction;
  for (const instr of model.instructions) {
    if ((instr.index & 255) === 0 && options.isCancelled?.()) return [];
    for (const v of every) v.visit(instr, contexts[v.rule]!);
    const list = plan.byKeyword.get(instr.keyword);
    if (list) for (const v of list) v.visit(instr, contexts[v.rule]!);
  }

  const suppressions = suppressionsOf(model, options.settings.disableIgnorePragma === true);
  const results: DockerfileResult[] = [];
  const namesCache = new Map<DockerfileRule, string[]>();
  for (const { rule, explicit, finding } of raw) {
    let names = namesCache.get(rule);
    if (!names) namesCache.set(rule, (names = ruleNames(rule)));
    const instr: Instr | undefined = model.instructionAtLine(finding.range.start.line);
    if (isSuppressed(suppressions, rule, names, instr)) continue;
    let level: Level = explicit ?? finding.level ?? rule.defaultLevel;
    if (!explicit && model.check.error && rule.aliases.some(isBuildkitName)) level = 'error';
    if (level === 'off') continue;
    results.push({ rule, finding, level, diagnostic: toDiagnostic(rule, finding, level) });
  }
  results.sort((a, b) =>
    a.finding.range.start.line - b.finding.range.start.line ||
    a.finding.range.start.character - b.finding.range.start.character ||
    (a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0));
  cache.set(model, { key, results });
  return results;
}

export function dockerfileDiagnostics(model: DockerfileModel, options: DockerfileValidationOptions): Diagnostic[] {
  return dockerfileResults(model, options).map((r) => r.diagnostic);
}


interface Visit {
  readonly visit: InstructionVisitor;
  /** Index of the rule in the active list (and of its context). */
  readonly rule: number;
}

/** Which active rules check the whole document and which visit which instructions: fixed per active list. */
interface Plan {
  readonly documentChecks: readonly number[];
  readonly everyInstruction: readonly Visit[];
  readonly byKeyword: ReadonlyMap<string, readonly Visit[]>;
}

// eslint-disable-next-line no-restricted-syntax -- keyed by activeRules' answers, which live as long as their settings object
const planCache = new WeakMap<readonly Active[], Plan>();

function planOf(active: readonly Active[]): Plan {
  const hit = planCache.get(active);
  if (hit) return hit;
  const documentChecks: number[] = [];
  const everyInstruction: Visit[] = [];
  const byKeyword = new Map<string, Visit[]>();
  active.forEach((a, rule) => {
    if (a.rule.check.document) documentChecks.push(rule);
    const table = a.rule.check.instruction;
    if (!table) return;
    for (const [kw, visit] of Object.entries(table) as [Keyword | '*', InstructionVisitor][]) {
      if (kw === '*') everyInstruction.push({ visit, rule });
      else {
        let list = byKeyword.get(kw);
        if (!list) byKeyword.set(kw, (list = []));
        list.push({ visit, rule });
      }
    }
  });
  const plan: Plan = { documentChecks, everyInstruction, byKeyword };
  planCache.set(active, plan);
  return plan;
}

