import * as fs from 'fs';
import type { Disposable } from 'vscode';
import { commands, window } from 'vscode';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { Output } from './output';
import { errorText, SerialQueue, startFailureMessage } from './serverLifecycle';

export const DOCUMENT_SELECTOR = [
  { language: 'dockerfile' },
  { language: 'dockercompose' },
];

const STOP_TIMEOUT_MS = 2000;

function createClient(serverModule: string, output: Output): LanguageClient {
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: { configurationSection: 'dockerTutor' },
    outputChannel: output.log,
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

/**
 * Runs the Docker Tutor language server (over IPC) and the `dockerTutor.server.restart` command.
 * A server that fails to start leaves the extension alive: the user gets one clear message and can retry.
 */
export interface LanguageServer extends Disposable {
  /** Stops the server; `deactivate` returns this so VS Code waits for a clean shutdown. */
  stop(): Promise<void>;
}

export function registerLanguageClient(serverModule: string, output: Output): LanguageServer {
  const queue = new SerialQueue();
  let client: LanguageClient | undefined;
  let disposed = false;

  const stop = async (): Promise<void> => {
    const old = client;
    client = undefined;
    if (!old) return;
    try {
      await old.dispose(STOP_TIMEOUT_MS);
    } catch (err) {
      output.log.warn(`stopping the language server: ${errorText(err)}`);
    }
  };

  const report = (err: unknown, bundleExists: boolean): void => {
    const message = startFailureMessage(err, serverModule, bundleExists);
    output.log.error(message);
    void window.showErrorMessage(message, 'Show Output').then((choice) => {
      if (choice === 'Show Output') output.log.show(true);
    });
  };

  const start = async (): Promise<void> => {
    if (disposed) return;
    const bundleExists = fs.existsSync(serverModule);
    if (!bundleExists) {
      report(new Error('missing bundle'), false);
      return;
    }
    const next = createClient(serverModule, output);
    client = next;
    try {
      await next.start();
      output.log.info(`language server started (${serverModule})`);
    } catch (err) {
      report(err, true);
      await stop();
    }
  };

  const restart = commands.registerCommand('dockerTutor.server.restart', () => queue.run(async () => {
    output.log.info('restarting the language server');
    await stop();
    await start();
  }));

  void queue.run(start);

  const shutdown = (): Promise<void> => {
    disposed = true;
    restart.dispose();
    return queue.run(stop);
  };
  return { stop: shutdown, dispose: () => void shutdown() };
}
