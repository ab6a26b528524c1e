import * as path from 'path';
import type { ExtensionContext } from 'vscode';
import type { LanguageServer } from './languageClient';
import { registerLanguageClient } from './languageClient';
import { registerOutput } from './output';
import { registerLearning } from './learn';

let server: LanguageServer | undefined;

/** Composition root: wires modules, each returning a Disposable kept in the context. */
export async function activate(context: ExtensionContext): Promise<void> {
  const output = registerOutput();
  server = registerLanguageClient(path.join(context.extensionPath, 'dist', 'server.js'), output);
  context.subscriptions.push(output, server);
  // Awaited so the learning commands exist before VS Code runs the command that activated us.
  try {
    context.subscriptions.push(await registerLearning(context, server));
  } catch (err) {
    output.log.error(`the exercises and the quiz could not start: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  }
}

/** Lets VS Code wait for the server to shut down; the disposables clean up the rest. */
export function deactivate(): Promise<void> | undefined {
  const s = server;
  server = undefined;
  return s?.stop();
}
