import * as path from 'path';
import type { ExtensionContext } from 'vscode';
import type { StudyCard } from './cardMarkdown';
import { CARD_REQUEST_METHOD } from './cardMarkdown';
import { registerCardPreview } from './cardPreview';
import type { LanguageServer } from './languageClient';
import { registerLanguageClient } from './languageClient';
import { registerOutput } from './output';

let server: LanguageServer | undefined;

/** Composition root: wires modules, each returning a Disposable kept in the context. */
export function activate(context: ExtensionContext): void {
  const output = registerOutput();
  const languageServer = registerLanguageClient(path.join(context.extensionPath, 'dist', 'server.js'), output);
  server = languageServer;
  const cards = registerCardPreview((id) => languageServer.sendRequest<StudyCard | null>(CARD_REQUEST_METHOD, { id }));
  context.subscriptions.push(output, languageServer, cards);
}

/** Lets VS Code wait for the server to shut down; the disposables clean up the rest. */
export function deactivate(): Promise<void> | undefined {
  const s = server;
  server = undefined;
  return s?.stop();
}
