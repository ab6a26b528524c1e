import * as path from 'path';
import type { ExtensionContext } from 'vscode';
import { registerLanguageClient } from './languageClient';

/** Composition root: wires modules, each returning a Disposable kept in the context. */
export async function activate(context: ExtensionContext): Promise<void> {
  const client = await registerLanguageClient(context, path.join(context.extensionPath, 'dist', 'server.js'));
  context.subscriptions.push(client);
}

export function deactivate(): void {
  // Disposables registered in `activate` stop the language client.
}
