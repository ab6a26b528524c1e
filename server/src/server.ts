import * as fs from 'fs';
import { fileURLToPath } from 'url';
import type { CancellationToken, Connection, InitializeParams, InitializeResult } from 'vscode-languageserver/node';
import {
  CodeActionKind, createConnection, ProposedFeatures, RequestType, TextDocuments, TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from './service';
import { LEARN_WHY_KIND } from './service/content/learnWhy';
import type { DocumentKind, FileAccess, Settings } from './service';
import type { Card } from './service/content/cards';
import { DEFAULT_SETTINGS, normalizeSettings } from './service/settings';
import { loadShellParser } from './shellParser';

/** Custom request: `{ id }` → the study card with that id, or null. */
/** Re-exported so the start-up benchmark can time the bundle (dist/server.js) without an editor. */
export { createLanguageService } from './service';

export const CARD_REQUEST = new RequestType<{ id: string }, Card | null, void>('dockerTutor/card');

/** Node file access for the service (read-only; the workspace is never executed). */
export const nodeFiles: FileAccess = {
  readText(p) {
    try {
      const st = fs.statSync(p);
      if (!st.isFile() || st.size > 1024 * 1024) return undefined;
      return fs.readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
  exists(p) {
    try {
      fs.statSync(p);
      return true;
    } catch {
      return false;
    }
  },
};

export function fsPathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Wires LSP requests to the pure language service. Every handler answers, even on failure. */
export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): void {
  const documents = new TextDocuments(TextDocument);
  const service = createLanguageService({ files: nodeFiles });
  let canPullConfig = false;
  const settingsCache = new Map<string, Promise<Settings>>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const DEBOUNCE_MS = 150;

  const log = (message: string, err?: unknown): void => {
    const detail = err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : err === undefined ? '' : String(err);
    connection.console.error(`[docker-tutor] ${message}${detail ? `: ${detail}` : ''}`);
  };

  // The shell parser's WASM loads once, in the background; validations wait for it so RUN rules are never skipped.
  const shellReady = loadShellParser().catch((err: unknown) => {
    log('shell parser failed to load; RUN command rules are off', err);
    return false;
  });

  /** Runs a handler; on any exception logs it and returns the safe answer instead of failing the request. */
  function safe<T>(name: string, fallback: T, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      log(`${name} failed`, err);
      return fallback;
    }
  }

  /** Extra Compose globs (`dockerTutor.compose.files`), sent once in initializationOptions: the client restarts us when they change. */
  let composeFiles: string[] = [];
  const kindOf = (doc: TextDocument): DocumentKind | undefined => service.kindOf(doc.languageId, doc.uri, composeFiles);

  async function settingsFor(uri: string): Promise<Settings> {
    if (!canPullConfig) return DEFAULT_SETTINGS;
    let p = settingsCache.get(uri);
    if (!p) {
      p = connection.workspace.getConfiguration({ scopeUri: uri, section: 'dockerTutor' })
        .then((raw: unknown) => {
          const r = (raw ?? {}) as Record<string, unknown>;
          const diag = (r.diagnostics ?? {}) as Record<string, unknown>;
          return normalizeSettings({
            rules: diag.rules, families: diag.families, trustedRegistries: diag.trustedRegistries,
            labelSchema: diag.labelSchema, strictLabels: diag.strictLabels,
          });
        }, () => DEFAULT_SETTINGS);
      settingsCache.set(uri, p);
    }
    return p;
  }

  async function validate(doc: TextDocument): Promise<void> {
    const kind = kindOf(doc);
    if (!kind) return;
    const settings = await settingsFor(doc.uri);
    await shellReady;
    const version = doc.version;
    const current = documents.get(doc.uri);
    if (!current || current.version !== version) return;
    const isCancelled = () => documents.get(doc.uri)?.version !== version;
    const diagnostics = safe('diagnostics', [], () => service.validate(doc, kind, { settings, fsPath: fsPathOf(doc.uri), isCancelled }));
    if (isCancelled()) return;
    void connection.sendDiagnostics({ uri: doc.uri, version, diagnostics });
  }

  function schedule(doc: TextDocument, delay = DEBOUNCE_MS): void {
    const t = timers.get(doc.uri);
    if (t) clearTimeout(t);
    timers.set(doc.uri, setTimeout(() => {
      timers.delete(doc.uri);
      validate(doc).catch((err: unknown) => log('validation failed', err));
    }, delay));
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    canPullConfig = !!params.capabilities.workspace?.configuration;
    const init = params.initializationOptions as { composeFiles?: unknown } | null | undefined;
    if (Array.isArray(init?.composeFiles)) composeFiles = init.composeFiles.filter((g): g is string => typeof g === 'string').slice(0, 100);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, LEARN_WHY_KIND], resolveProvider: false },
        completionProvider: { triggerCharacters: [':', ' ', '$', '-', '"', '=', ',', '{'] },
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
      },
      serverInfo: { name: 'docker-tutor', version: '0.1.0' },
    };
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    for (const doc of documents.all()) schedule(doc, 0);
  });

  documents.onDidOpen((e) => schedule(e.document, 0));
  documents.onDidChangeContent((e) => schedule(e.document));
  documents.onDidClose((e) => {
    const t = timers.get(e.document.uri);
    if (t) clearTimeout(t);
    timers.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    service.forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  /** Looks up the open document and its kind, or returns undefined so the handler answers empty. */
  const open = (uri: string, token?: CancellationToken): { doc: TextDocument; kind: DocumentKind } | undefined => {
    if (token?.isCancellationRequested) return undefined;
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const kind = kindOf(doc);
    return kind ? { doc, kind } : undefined;
  };

  connection.onHover((p, token) => safe('hover', null, () => {
    const o = open(p.textDocument.uri, token);
    return o ? service.hover(o.doc, o.kind, p.position) : null;
  }));

  // The client's card preview (and later the quiz panel) asks for a card by id: the server owns the content.
  connection.onRequest(CARD_REQUEST, (p) => safe<Card | null>('card', null, () => {
    // Params come off the wire: check the shape rather than trust the declared type.
    const id: unknown = p && typeof p === 'object' ? (p as { id?: unknown }).id : undefined;
    return typeof id === 'string' ? service.studyCard(id) : null;
  }));

  connection.onCodeAction(async (p, token) => {
    const o = open(p.textDocument.uri, token);
    if (!o) return [];
    const settings = await settingsFor(o.doc.uri);
    if (token.isCancellationRequested) return [];
    return safe('codeAction', [], () => service.codeActions(o.doc, o.kind, p.range, p.context.diagnostics, p.context.only, { settings, fsPath: fsPathOf(o.doc.uri) }));
  });

  connection.onCompletion((p, token) => safe('completion', { isIncomplete: false, items: [] }, () => {
    const o = open(p.textDocument.uri, token);
    return o ? service.completion(o.doc, o.kind, p.position) : { isIncomplete: false, items: [] };
  }));
  connection.onDefinition((p, token) => safe('definition', [], () => {
    const o = open(p.textDocument.uri, token);
    return o ? service.definition(o.doc, o.kind, p.position) : [];
  }));
  connection.onReferences((p, token) => safe('references', [], () => {
    const o = open(p.textDocument.uri, token);
    return o ? service.references(o.doc, o.kind, p.position, p.context.includeDeclaration) : [];
  }));
  connection.onDocumentHighlight((p, token) => safe('documentHighlight', [], () => {
    const o = open(p.textDocument.uri, token);
    return o ? service.documentHighlight(o.doc, o.kind, p.position) : [];
  }));
  connection.onPrepareRename((p, token) => safe('prepareRename', null, () => {
    const o = open(p.textDocument.uri, token);
    return o ? service.prepareRename(o.doc, o.kind, p.position) : null;
  }));
  connection.onRenameRequest((p, token) => safe('rename', null, () => {
    const o = open(p.textDocument.uri, token);
    return o ? service.rename(o.doc, o.kind, p.position, p.newName) : null;
  }));
  connection.onDocumentSymbol((p, token) => safe('documentSymbol', [], () => {
    const o = open(p.textDocument.uri, token);
    return o ? service.documentSymbols(o.doc, o.kind) : [];
  }));

  connection.onFoldingRanges((p, token) => safe('foldingRanges', [], () => {
    const o = open(p.textDocument.uri, token);
    return o ? service.foldingRanges(o.doc, o.kind) : [];
  }));

  documents.listen(connection);
  connection.listen();
}

if (require.main === module) startServer();
