import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import { CodeActionKind } from 'vscode-languageserver-types';
import { learnWhyAction, wantsLearnWhy } from '../content/learnWhy';
import { rangesIntersect } from '../text';
import type { ComposeModel } from './model';
import type { ComposeResult } from './diagnostics';

/**
 * For the results touching `range`: the rules' own fixes, then "Learn why" (the study card behind
 * the rule, once per card), then "ignore this rule here" and "in this file".
 */
export function composeCodeActionsFor(model: ComposeModel, results: readonly ComposeResult[], range: Range, only?: readonly string[]): CodeAction[] {
  const wantQuickFix = !only || only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(k));
  const wantLearn = wantsLearnWhy(only);
  if (!wantQuickFix && !wantLearn) return [];
  const actions: CodeAction[] = [];
  const ignored = new Set<string>();
  const ignoredInFile = new Set<string>();
  const cardsSeen = new Set<string>();
  const fileActions: CodeAction[] = [];
  for (const r of results) {
    if (!rangesIntersect(r.finding.range, range)) continue;
    const diagnostics: Diagnostic[] = [r.diagnostic];
    const cardId = r.rule.explain.cardId;
    const learn = wantLearn && cardId && !cardsSeen.has(cardId) ? learnWhyAction(cardId, diagnostics) : undefined;
    if (learn) cardsSeen.add(cardId!);
    if (!wantQuickFix) {
      if (learn) actions.push(learn);
      continue;
    }
    let fixes: ReturnType<NonNullable<typeof r.rule.fix>> = [];
    try {
      fixes = r.rule.fix ? r.rule.fix(model, r.finding) : [];
    } catch {
      fixes = [];
    }
    for (const fix of fixes) {
      actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics, isPreferred: fix.isPreferred, edit: { changes: { [model.uri]: [...fix.edits] } } });
    }
    if (learn) actions.push(learn);
    const line = r.finding.range.start.line;
    const key = `${r.rule.id}:${line}`;
    if (ignored.has(key)) continue;
    ignored.add(key);
    const indent = /^\s*/.exec(model.lineText(line))?.[0] ?? '';
    actions.push({
      title: `Ignore ${r.rule.id} here`,
      kind: CodeActionKind.QuickFix,
      diagnostics,
      edit: { changes: { [model.uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}# docker-tutor ignore=${r.rule.id}\n` }] } },
    });
    if (!ignoredInFile.has(r.rule.id)) {
      ignoredInFile.add(r.rule.id);
      fileActions.push({
        title: `Ignore ${r.rule.id} in this file`,
        kind: CodeActionKind.QuickFix,
        diagnostics,
        edit: { changes: { [model.uri]: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `# docker-tutor global ignore=${r.rule.id}\n` }] } },
      });
    }
  }
  return [...actions, ...fileActions];
}
