import type {
  CodeAction, CompletionList, Diagnostic, DocumentHighlight, DocumentSymbol, Hover, Location, Position, Range, WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { Settings } from '../settings';
import type { FileAccess } from '../dockerfile/rules/types';

/**
 * Compose language features. The compose model is parsed once per document version by the
 * facade's cache; every function here takes that model.
 */
export interface ComposeModel {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
}

export function parseCompose(text: string, uri: string, version: number): ComposeModel {
  return { uri, version, text };
}

export interface ComposeValidationOptions {
  readonly settings: Settings;
  readonly fsPath?: string;
  readonly files?: FileAccess;
  readonly isCancelled?: () => boolean;
}

export function composeDiagnostics(_model: ComposeModel, _options: ComposeValidationOptions): Diagnostic[] { return []; }
export function composeHover(_model: ComposeModel, _position: Position): Hover | null { return null; }
export function composeCodeActions(_model: ComposeModel, _range: Range, _diagnostics: readonly Diagnostic[], _options: ComposeValidationOptions): CodeAction[] { return []; }
export function composeCompletion(_model: ComposeModel, _position: Position): CompletionList { return { isIncomplete: false, items: [] }; }
export function composeDefinition(_model: ComposeModel, _position: Position): Location[] { return []; }
export function composeReferences(_model: ComposeModel, _position: Position, _includeDeclaration: boolean): Location[] { return []; }
export function composeDocumentHighlight(_model: ComposeModel, _position: Position): DocumentHighlight[] { return []; }
export function composePrepareRename(_model: ComposeModel, _position: Position): Range | null { return null; }
export function composeRename(_model: ComposeModel, _position: Position, _newName: string): WorkspaceEdit | null { return null; }
export function composeDocumentSymbols(_model: ComposeModel): DocumentSymbol[] { return []; }
