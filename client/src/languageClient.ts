import type { Disposable, ExtensionContext } from 'vscode';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';

export const DOCUMENT_SELECTOR = [
  { language: 'dockerfile' },
  { language: 'dockercompose' },
];

/** Starts the Docker Tutor language server over IPC for Dockerfiles and Compose files. */
export async function registerLanguageClient(context: ExtensionContext, serverModule: string): Promise<Disposable & { client: LanguageClient }> {
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: { configurationSection: 'dockerTutor' },
  };
  const client = new LanguageClient('dockerTutor', 'Docker Tutor', serverOptions, clientOptions);
  await client.start();
  void context;
  return { client, dispose: () => void client.stop() };
}
