import * as path from 'path';
import type { ExtensionContext } from 'vscode';
import { registerCardPreview, serverCards } from './cardPreview';
import type { LanguageServer } from './languageClient';
import { registerLanguageClient } from './languageClient';
import { registerOutput } from './output';
import type { LearningTestApi } from './learn';
import { registerLearning } from './learn';

let server: LanguageServer | undefined;

/** What `activate()` returns: only for the extension tests in test/integration (undefined parts failed to start). */
export interface DockerTutorTestApi {
  readonly learning: LearningTestApi | undefined;
}

/** Composition root: wires modules, each returning a Disposable kept in the context. */
export async function activate(context: ExtensionContext): Promise<DockerTutorTestApi> {
  const output = registerOutput();
  server = registerLanguageClient(path.join(context.extensionPath, 'dist', 'server.js'), output);
  context.subscriptions.push(output, server);
  // Awaited so the learning commands exist before VS Code runs the command that activated us.
  let learning: Awaited<ReturnType<typeof registerLearning>> | undefined;
  try {
    learning = await registerLearning(context, server);
    context.subscriptions.push(learning);
  } catch (err) {
    output.log.error(`the exercises and the quiz could not start: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  }
  // "Quiz me on this" and "Learn why" open the card in the quiz panel; a Markdown preview if the quiz is unavailable.
  const quiz = learning;
  context.subscriptions.push(registerCardPreview(serverCards(server), quiz ? (id) => quiz.openCard(id) : undefined));
  return { learning: learning?.testApi };
}

/** Lets VS Code wait for the server to shut down; the disposables clean up the rest. */
export function deactivate(): Promise<void> | undefined {
  const s = server;
  server = undefined;
  return s?.stop();
}
