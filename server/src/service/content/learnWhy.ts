import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { CodeActionKind } from 'vscode-languageserver-types';
import { OPEN_CARD_COMMAND, studyCard } from './hoverCards';

/**
 * Kind of the "Learn why" action: a sub-kind of `quickfix`, so VS Code lists it in the light bulb's
 * Quick Fix group and in the Problems hover ("Quick Fix…", which asks for `quickfix` only), while
 * never being preferred: auto-fix and "Fix All" keep applying only real fixes. An empty kind would
 * land under "More Actions…" and be missing from the diagnostic hover.
 */
export const LEARN_WHY_KIND = `${CodeActionKind.QuickFix}.learn`;

const TITLE_MAX = 90;

/** Whether a client's `only` filter lets "Learn why" through (`quickfix`, `quickfix.learn`, or no filter). */
export function wantsLearnWhy(only: readonly string[] | undefined): boolean {
  return !only || only.some((k) => k === '' || LEARN_WHY_KIND === k || LEARN_WHY_KIND.startsWith(k + '.'));
}

/**
 * "Learn why: <card question>", opening the card that explains the rule behind `diagnostics`.
 * A command, not an edit: it opens the card and changes nothing in the document.
 * Undefined when the card does not exist.
 */
export function learnWhyAction(cardId: string | undefined, diagnostics: readonly Diagnostic[]): CodeAction | undefined {
  const card = cardId ? studyCard(cardId) : undefined;
  if (!card) return undefined;
  const question = card.question.replace(/`/g, '').replace(/\s+/g, ' ').trim();
  const title = `Learn why: ${question.length > TITLE_MAX ? question.slice(0, TITLE_MAX - 1).trimEnd() + '…' : question}`;
  return {
    title,
    kind: LEARN_WHY_KIND,
    diagnostics: [...diagnostics],
    command: { title, command: OPEN_CARD_COMMAND, arguments: [card.id] },
  };
}
