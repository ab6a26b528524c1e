import * as fs from 'fs';
import type { Disposable } from 'vscode';
import { commands, window, workspace } from 'vscode';
import type { DocumentSelector, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import { OPEN_CARD_COMMAND } from './cardMarkdown';
import { composeFilePatterns } from './composeFiles';
import type { Output } from './output';
import { errorText, ServerController } from './serverLifecycle';

export const DOCUMENT_SELECTOR = [
  { language: 'dockerfile' },
  { language: 'dockercompose' },
];

/** Setting with extra Compose file globs; the selector is fixed per client, so a change restarts the server. */
export const COMPOSE_FILES_SETTING = 'dockerTutor.compose.files';

/** The built-in languages plus a `{ pattern }` per extra Compose glob. */
export function documentSelector(patterns: readonly string[]): DocumentSelector {
  return [...DOCUMENT_SELECTOR, ...patterns.map((pattern) => ({ pattern }))];
}

function createClient(serverModule: string, output: Output): LanguageClient {
  const composeFiles = composeFilePatterns(workspace.getConfiguration('dockerTutor').get<unknown>('compose.files'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(composeFiles),
    // The server reads Compose globs once, here: they decide which documents it is given at all.
    initializationOptions: { composeFiles },
    // A `.hadolint.yaml` that appears, changes or goes away changes which rules apply: the server re-reads it.
    synchronize: { configurationSection: 'dockerTutor', fileEvents: workspace.createFileSystemWatcher('**/.hadolint.{yaml,yml}') },
    outputChannel: output.log,
    // Hovers end with a "Quiz me on this" command link: trust exactly that command, nothing else.
    markdown: { isTrusted: { enabledCommands: [OPEN_CARD_COMMAND] } },
    traceOutputChannel: output.trace,
    // Our own message explains the failure; the library's generic one would come on top of it.
    initializationFailedHandler: (err) => {
      output.log.error(`initialization failed: ${errorText(err)}`);
      return false;
    },
  };
  // The id `dockerTutor` makes the library read the `dockerTutor.trace.server` setting.
  return new LanguageClient('dockerTutor', 'Docker Tutor', serverOptions, clientOptions);
}

export interface LanguageServer extends Disposable {
  /** Stops the server; `deactivate` returns this so VS Code waits for a clean shutdown. */
  stop(): Promise<void>;
  /** Sends a custom request; undefined while the server is not running or when it fails. */
  request<R>(method: string, params?: unknown): Promise<R | undefined>;
}

/**
 * Runs the Docker Tutor language server (over IPC) and the `dockerTutor.server.restart` command.
 * A server that fails to start leaves the extension alive: the user gets one clear message and can retry.
 */
export function registerLanguageClient(serverModule: string, output: Output): LanguageServer {
  const controller = new ServerController({
    serverModule,
    bundleExists: (p) => fs.existsSync(p),
    createClient: () => createClient(serverModule, output),
    showError: (message) => {
      void window.showErrorMessage(message, 'Show Output').then((choice) => {
        if (choice === 'Show Output') output.log.show(true);
      });
    },
    log: output.log,
  });
  const restart = commands.registerCommand('dockerTutor.server.restart', () => controller.restart());
  const composeFilesChanged = workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(COMPOSE_FILES_SETTING)) void controller.restart();
  });
  void controller.start();

  const stop = (): Promise<void> => {
    restart.dispose();
    composeFilesChanged.dispose();
    return controller.shutdown();
  };
  const request = async <R>(method: string, params?: unknown): Promise<R | undefined> => {
    const client = controller.current;
    if (!client?.isRunning()) return undefined;
    try {
      return await client.sendRequest<R>(method, params);
    } catch (err) {
      output.log.error(`${method} failed: ${errorText(err)}`);
      return undefined;
    }
  };
  return { stop, request, dispose: () => void stop() };
}
