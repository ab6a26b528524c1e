import * as path from 'path';
import type { ExtensionContext } from 'vscode';
import type { LanguageServer } from './languageClient';
import { registerLanguageClient } from './languageClient';
import { registerOutput } from './output';
import { registerLearning } from './learn';

let server: LanguageServer | undefined;

/** Composition root: wires modules, each returning a Disposable kept in the context. */
export function activate(context: ExtensionContext): void {
  const output = registerOutput();
  server = registerLanguageClient(path.join(context.extensionPath, 'dist', 'server.js'), output);
  context.subscriptions.push(output, server);
  void registerLearning(context, server).then((learning) => context.subscriptions.push(learning));
}

/** Lets VS Code wait for the server to shut down; the disposables clean up the rest. */
export function deactivate(): Promise<void> | undefined {
  const s = server;
  server = undefined;
  return s?.stop();
}
