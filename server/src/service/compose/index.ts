import type {
  CodeAction, CompletionList, Diagnostic, DocumentHighlight, DocumentSymbol, Hover, Location, Position, Range, WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { ComposeModel } from './model';
import type { FileAccess } from '../dockerfile/rules/types';
import type { ComposeValidationOptions } from './diagnostics';
import { composeResults } from './diagnostics';
import { composeCodeActionsFor } from './codeActions';
import { hoverAt } from './hover';
import { completionAt } from './completion';
import { definitionAt, highlightsAt, prepareRenameAt, referencesAt, renameAt, symbolsOf } from './navigation';

/**
 * Compose language features. The compose model is parsed once per document version by the
 * facade's cache; every function here takes that model.
 */
export type { ComposeModel } from './model';
export { parseCompose } from './model';
export type { ComposeValidationOptions, ComposeResult } from './diagnostics';
export { composeResults } from './diagnostics';

export function composeDiagnostics(model: ComposeModel, options: ComposeValidationOptions): Diagnostic[] {
  return composeResults(model, options).map((r) => r.diagnostic);
}
/** `files` (optional) lets the hover show a variable's value from the `.env` file next to the compose file. */
export function composeHover(model: ComposeModel, position: Position, files?: FileAccess): Hover | null {
  return hoverAt(model, position, files);
}
export function composeCodeActions(model: ComposeModel, range: Range, _diagnostics: readonly Diagnostic[], options: ComposeValidationOptions, only?: readonly string[]): CodeAction[] {
  return composeCodeActionsFor(model, composeResults(model, options), range, only);
}
export function composeCompletion(model: ComposeModel, position: Position): CompletionList {
  return completionAt(model, position);
}
export function composeDefinition(model: ComposeModel, position: Position): Location[] {
  return definitionAt(model, position);
}
export function composeReferences(model: ComposeModel, position: Position, includeDeclaration: boolean): Location[] {
  return referencesAt(model, position, includeDeclaration);
}
export function composeDocumentHighlight(model: ComposeModel, position: Position): DocumentHighlight[] {
  return highlightsAt(model, position);
}
export function composePrepareRename(model: ComposeModel, position: Position): Range | null {
  return prepareRenameAt(model, position);
}
export function composeRename(model: ComposeModel, position: Position, newName: string): WorkspaceEdit | null {
  return renameAt(model, position, newName);
}
export function composeDocumentSymbols(model: ComposeModel): DocumentSymbol[] {
  return symbolsOf(model);
}
