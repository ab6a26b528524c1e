import type { DiagnosticTag, Range, TextEdit } from 'vscode-languageserver-types';

/** How loudly a rule speaks. `off` silences it. */
export type Level = 'off' | 'hint' | 'info' | 'warning' | 'error';
export const LEVELS: readonly Level[] = ['off', 'hint', 'info', 'warning', 'error'];

/**
 * Rule families can be switched off as a whole (e.g. when another extension already reports
 * BuildKit checks). `syntax` is what the builder rejects, `buildkit` mirrors BuildKit's build
 * checks, `best-practice` covers hadolint-style advice.
 */
export type Family = 'syntax' | 'buildkit' | 'best-practice';
export const FAMILIES: readonly Family[] = ['syntax', 'buildkit', 'best-practice'];

export type Language = 'dockerfile' | 'compose';

/** A problem found by a rule, before settings and suppressions turn it into a Diagnostic. */
export interface Finding {
  readonly range: Range;
  readonly message: string;
  /** Rule-specific payload the rule's `fix` reads back (e.g. the did-you-mean candidate). */
  readonly data?: unknown;
  /** Overrides the rule's tags for this finding. */
  readonly tags?: readonly DiagnosticTag[];
  /** Overrides the rule's level for this finding (e.g. a BuildKit check escalated by `error=true`). */
  readonly level?: Level;
}

/** A quick fix a rule offers for one of its findings. Always concrete edits, never a command. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The fix VS Code applies on "Fix all"/auto-fix: at most one per finding. */
  readonly isPreferred?: boolean;
}

export interface Explain {
  /** Id of the study card that teaches the principle behind the rule (issue: study deck). */
  readonly cardId?: string;
  /** Where the full story lives. */
  readonly docsUrl: string;
}

/** Everything about a rule that is data: shared by the engine, docs generator, CLI (SARIF) and tests. */
export interface RuleMeta {
  /** Stable kebab-case id, `dockerfile/<name>` or `compose/<name>`. */
  readonly id: string;
  /** Equivalent ids in other tools: hadolint `DLxxxx`, BuildKit check names. */
  readonly aliases: readonly string[];
  readonly family: Family;
  readonly defaultLevel: Level;
  /** One line: what the rule looks for. Used in the README table and SARIF metadata. */
  readonly title: string;
  readonly explain: Explain;
  readonly tags?: readonly DiagnosticTag[];
}

export interface Report {
  (finding: Finding): void;
}

/** A rule is data plus a function: `check` reports findings, `fix` turns one into edits. */
export interface Rule<M> extends RuleMeta {
  readonly check: RuleCheck<M>;
  fix?(model: M, finding: Finding): Fix[];
}

/**
 * How a rule looks at the model. Rules with `instructions` are dispatched by the engine during
 * one shared walk over the document; `document` runs once per document for whole-file logic.
 * Both may be given.
 */
export interface RuleCheck<M> {
  readonly document?: (model: M, report: Report) => void;
}
