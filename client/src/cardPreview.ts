import type { Disposable, Event, TextDocumentContentProvider, Uri } from 'vscode';
import { commands, EventEmitter, Uri as VsUri, window, workspace } from 'vscode';
import type { CardSource } from './cardMarkdown';
import { CARD_SCHEME, cardIdFromArgs, cardIdFromPath, cardMarkdown, cardPath } from './cardMarkdown';

export { serverCards } from './cardMarkdown';

/**
 * `dockerTutor.quiz.openCard`: opens a study card in the quiz panel (`openInQuiz`), or, when the quiz
 * could not start, in a Markdown preview of a read-only virtual document.
 */
export function registerCardPreview(source: CardSource, openInQuiz?: (id: string) => Promise<void>): Disposable {
  const changed = new EventEmitter<Uri>();
  const provider: TextDocumentContentProvider & { onDidChange: Event<Uri> } = {
    onDidChange: changed.event,
    async provideTextDocumentContent(uri) {
      const id = cardIdFromPath(uri.path);
      const card = id ? await source(id).catch(() => undefined) : undefined;
      if (card) return cardMarkdown(card);
      return id
        ? `# Card not available\n\nThe card \`${id}\` could not be loaded: the Docker Tutor language server is not running, or has no card with this id.\n`
        : '# Card not available\n';
    },
  };
  const registration = workspace.registerTextDocumentContentProvider(CARD_SCHEME, provider);

  // Literal id (= OPEN_CARD_COMMAND) so the manifest test can match registrations to contributions.
  const command = commands.registerCommand('dockerTutor.quiz.openCard', async (...args: unknown[]) => {
    const id = cardIdFromArgs(args) ?? await askForId();
    if (!id) return;
    if (openInQuiz) {
      await openInQuiz(id);
      return;
    }
    const uri = VsUri.from({ scheme: CARD_SCHEME, path: cardPath(id) });
    // A card opened again may have been missing the first time (server still starting): ask again.
    changed.fire(uri);
    await commands.executeCommand('markdown.showPreview', uri);
  });

  return {
    dispose() {
      command.dispose();
      registration.dispose();
      changed.dispose();
    },
  };
}

async function askForId(): Promise<string | undefined> {
  const raw = await window.showInputBox({ title: 'Open a study card', prompt: 'Card id, e.g. dockerfile-user', ignoreFocusOut: true });
  return raw ? cardIdFromArgs([raw.trim()]) : undefined;
}
