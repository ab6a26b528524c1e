import type { Position, Range, TextEdit } from 'vscode-languageserver-types';
import type { Fix, Level } from '../../../types';
import { derived } from '../../../derived';
import type { Instr, Keyword } from '../../model';
import type { ShellCommand, ShellView, ShellWord } from '../../shell';
import { shellView } from '../../shell';
import type { DockerfileRule, DockerfileRuleContext, InstructionVisitor } from '../types';
import { HADOLINT_DOCS } from '../types';

export type RunCheck = (view: ShellView, ctx: DockerfileRuleContext) => void;

/**
 * Visitors that hand every RUN (and every ONBUILD RUN trigger) to `check` as a parsed shell view.
 * POSIX rules skip a RUN whose shell is not POSIX; exec-form RUNs run no shell, so they always get through.
 */
export function onRun(check: RunCheck, extra: Partial<Record<Keyword | '*', InstructionVisitor>> = {}): Partial<Record<Keyword | '*', InstructionVisitor>> {
  const visit = (instr: Instr, ctx: DockerfileRuleContext): void => {
    const view = shellView(ctx.model, instr);
    if (view && (view.posix || view.form === 'exec')) check(view, ctx);
  };
  return {
    ...extra,
    RUN: (instr, ctx) => {
      extra.RUN?.(instr, ctx);
      visit(instr, ctx);
    },
    ONBUILD: (instr, ctx) => {
      extra.ONBUILD?.(instr, ctx);
      const t = instr.onbuildTrigger;
      if (t && t.keyword === 'RUN') visit(t, ctx);
    },
  };
}

/** Shared metadata of a hadolint shell rule. */
export function meta(id: string, dl: string, defaultLevel: Level, title: string): Pick<DockerfileRule, 'id' | 'aliases' | 'family' | 'defaultLevel' | 'title' | 'explain'> {
  return { id: `dockerfile/${id}`, aliases: [dl], family: 'best-practice', defaultLevel, title, explain: { docsUrl: HADOLINT_DOCS(dl) } };
}

/** From the command name to its sub-command (`apt-get install`): what a "missing flag" finding points at. */
export function commandSpan(cmd: ShellCommand, sub: ShellWord | undefined): Range {
  const first = cmd.words[0]!;
  return { start: first.range.start, end: (sub ?? first).range.end };
}

/** Finding data for fixes that insert text after a word. */
export interface InsertData {
  readonly at: Position;
  readonly text: string;
  readonly title: string;
}

/** Inserts a new argument after `word`: ` -y` in shell form, `, "-y"` in an exec-form JSON array. */
export function insertAfter(view: ShellView, word: ShellWord, arg: string, title: string): InsertData {
  return { at: word.range.end, text: view.form === 'exec' ? `, "${arg}"` : ` ${arg}`, title };
}

export function insertFix(finding: { data?: unknown }): Fix[] {
  const d = finding.data as InsertData | undefined;
  if (!d || !d.at || typeof d.text !== 'string') return [];
  return [{ title: d.title, isPreferred: true, edits: [{ range: { start: d.at, end: d.at }, newText: d.text }] }];
}

/**
 * Appending ` && <cleanup>` at the end of the RUN: only for a one-part shell-form RUN whose text does not
 * end in an operator or a comment, where the new command runs after everything else.
 */
export function appendEdit(view: ShellView, command: string): TextEdit | undefined {
  const at = view.appendAt;
  if (!at || view.form !== 'shell') return undefined;
  return { range: { start: at, end: at }, newText: ` && ${command}` };
}

export interface AppendData {
  readonly edit: TextEdit;
  readonly title: string;
}

export function appendFix(finding: { data?: unknown }): Fix[] {
  const d = finding.data as AppendData | undefined;
  if (!d || !d.edit) return [];
  return [{ title: d.title, isPreferred: true, edits: [d.edit] }];
}

/**
 * Per-validation state of a stateful rule: `init()` once per rule context (kept in its `derived` slot), so a new
 * run starts clean.
 */
export function ruleState<T>(init: () => T): (ctx: DockerfileRuleContext) => T {
  return derived((_: DockerfileRuleContext) => init());
}
