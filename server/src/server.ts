import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import type { CancellationToken, Connection, Diagnostic, InitializeParams, InitializeResult } from 'vscode-languageserver/node';
import {
  CodeActionKind, DiagnosticSeverity, createConnection, DidChangeWatchedFilesNotification, ProposedFeatures, RequestType, TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from './service';
import { LEARN_WHY_KIND } from './service/content/learnWhy';
import type { DocumentKind, FileAccess, Settings } from './service';
import type { Card } from './service/content/cards';
import { DEFAULT_SETTINGS, normalizeSettings } from './service/settings';
import { loadShellParser } from './shellParser';
import type { LoadedHadolintConfig } from './hadolintConfigFile';
import { hadolintConfigCandidates, hadolintUserConfigWatches, loadHadolintConfig } from './hadolintConfigFile';
import { withHadolintConfig } from './service/hadolintConfig';

/** Custom request: `{ id }` → the study card with that id, or null. */
/** Re-exported so the start-up benchmark can time the bundle (dist/server.js) without an editor. */
export { createLanguageService } from './service';

export const CARD_REQUEST = new RequestType<{ id: string }, Card | null, void>('dockerTutor/card');

/**
 * Node file access for the service (read-only; the workspace is never executed). Most paths asked about do
 * not exist (a build context without its Dockerfile, …): `throwIfNoEntry: false` answers those without
 * building an exception and its stack trace, which cost more than the stat itself.
 */
export const nodeFiles: FileAccess = {
  readText(p) {
    try {
      const st = fs.statSync(p, { throwIfNoEntry: false });
      if (!st?.isFile() || st.size > 1024 * 1024) return undefined;
      return fs.readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
  exists(p) {
    try {
      return fs.statSync(p, { throwIfNoEntry: false }) !== undefined;
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

/** Validates `dockerTutor/checkExercise` params from the wire; undefined when malformed. */
export function parseCheckParams(p: unknown): { exerciseId: string; files: { path: string; text: string }[] } | undefined {
  if (typeof p !== 'object' || p === null) return undefined;
  const { exerciseId, files } = p as { exerciseId?: unknown; files?: unknown };
  if (typeof exerciseId !== 'string' || !Array.isArray(files) || files.length > 64) return undefined;
  const out: { path: string; text: string }[] = [];
  for (const f of files as unknown[]) {
    if (typeof f !== 'object' || f === null) return undefined;
    const { path, text } = f as { path?: unknown; text?: unknown };
    if (typeof path !== 'string' || typeof text !== 'string') return undefined;
    out.push({ path, text });
  }
  return { exerciseId, files: out };
}

/** Wires LSP requests to the pure language service. Every handler answers, even on failure. */
export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): void {
  const documents = new TextDocuments(TextDocument);
  const service = createLanguageService({ files: nodeFiles });
  let canPullConfig = false;
  const settingsCache = new Map<string, Promise<Settings>>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The typing pause before an edited document is checked again; `initializationOptions.diagnosticsDelayMs` may change it. */
  let debounceMs = 150;

  const log = (message: string, err?: unknown): void => {
    const detail = err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : err === undefined ? '' : String(err);
    connection.console.error(`[docker-tutor] ${message}${detail ? `: ${detail}` : ''}`);
  };

  // The shell parser's WASM loads once, with the first Dockerfile (a Compose-only session never needs it);
  // Dockerfile validations and code actions wait for it so RUN rules are never skipped.
  let shellReady: Promise<boolean> | undefined;
  const ready = (kind: DocumentKind): Promise<unknown> | undefined => {
    if (kind !== 'dockerfile') return undefined;
    return (shellReady ??= loadShellParser().catch((err: unknown) => {
      log('shell parser failed to load; RUN command rules are off', err);
      return false;
    }));
  };

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
            labelSchema: diag.labelSchema, strictLabels: diag.strictLabels, disableIgnorePragma: diag.disableIgnorePragma,
          });
        }, () => DEFAULT_SETTINGS);
      settingsCache.set(uri, p);
    }
    return p;
  }

  // hadolint's `.hadolint.yaml`: which file applies per folder, and each file parsed once until it changes.
  let workspaceFolders: string[] = [];
  const hadolintByDir = new Map<string, string | undefined>();
  const hadolintByFile = new Map<string, { cfg: LoadedHadolintConfig; stamp: string }>();
  /** Config files we published problems for, so a fixed file gets its diagnostics cleared. */
  const hadolintReported = new Set<string>();

  const isFile = (p: string): boolean => {
    try {
      return fs.statSync(p).isFile();
    } catch {
      return false;
    }
  };

  /** The workspace folder's own file first, then up from the Dockerfile to that folder, then the user's config. */
  function hadolintConfigPath(fsPath: string): string | undefined {
    const dir = path.dirname(fsPath);
    if (hadolintByDir.has(dir)) return hadolintByDir.get(dir);
    const folder = workspaceFolders.filter((f) => dir === f || dir.startsWith(f.endsWith(path.sep) ? f : f + path.sep))
      .sort((a, b) => b.length - a.length)[0];
    const candidates = [
      ...(folder ? [path.join(folder, '.hadolint.yaml'), path.join(folder, '.hadolint.yml')] : []),
      ...hadolintConfigCandidates({ startDir: dir, stopDir: folder }),
    ];
    const found = candidates.find(isFile);
    hadolintByDir.set(dir, found);
    return found;
  }

  /** Modification time and size: a client that cannot watch a file (or a file outside its watchers) still gets an edit noticed. */
  const stamp = (p: string): string => {
    try {
      const st = fs.statSync(p);
      return `${st.mtimeMs}:${st.size}`;
    } catch {
      return 'gone';
    }
  };

  function hadolintConfigFor(fsPath: string): LoadedHadolintConfig | undefined {
    const file = hadolintConfigPath(fsPath);
    if (!file) return undefined;
    let cached = hadolintByFile.get(file);
    const now = stamp(file);
    if (!cached || cached.stamp !== now) {
      cached = { cfg: loadHadolintConfig(file), stamp: now };
      hadolintByFile.set(file, cached);
      reportHadolintConfig(cached.cfg);
    }
    return cached.cfg;
  }

  /** Forgets every config lookup and re-checks the open documents (a config file or a workspace folder changed). */
  function rereadHadolintConfigs(): void {
    hadolintByDir.clear();
    hadolintByFile.clear();
    for (const uri of hadolintReported) void connection.sendDiagnostics({ uri, diagnostics: [] });
    hadolintReported.clear();
    for (const doc of documents.all()) schedule(doc, 0);
  }

  /** A broken config file gets one error on itself; otherwise its warnings (unknown keys), or nothing. */
  function reportHadolintConfig(cfg: LoadedHadolintConfig): void {
    const uri = pathToFileURL(cfg.path).href;
    const error = cfg.problems.find((p) => p.level === 'error');
    const shown = error ? [error] : cfg.problems;
    if (shown.length === 0 && !hadolintReported.has(uri)) return;
    const diagnostics: Diagnostic[] = shown.map((p) => ({
      range: p.range,
      severity: p.level === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      source: 'Docker Tutor',
      message: p.level === 'error' ? `${p.message}. Until this is fixed, Dockerfiles are checked with the editor settings only.` : p.message,
    }));
    if (diagnostics.length) hadolintReported.add(uri);
    else hadolintReported.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics });
  }

  /** The editor settings, with a `.hadolint.yaml` on top for Dockerfiles: the file wins, as hadolint users expect. */
  async function effectiveSettings(doc: TextDocument, kind: DocumentKind): Promise<Settings> {
    const editor = await settingsFor(doc.uri);
    const fsPath = kind === 'dockerfile' ? fsPathOf(doc.uri) : undefined;
    if (!fsPath) return editor;
    const cfg = safe('hadolint config', undefined, () => hadolintConfigFor(fsPath));
    if (!cfg || cfg.problems.some((p) => p.level === 'error')) return editor;
    return withHadolintConfig(editor, cfg);
  }

  async function validate(doc: TextDocument): Promise<void> {
    const kind = kindOf(doc);
    if (!kind) return;
    const settings = await effectiveSettings(doc, kind);
    await ready(kind);
    const version = doc.version;
    const current = documents.get(doc.uri);
    if (!current || current.version !== version) return;
    const isCancelled = () => documents.get(doc.uri)?.version !== version;
    const diagnostics = safe('diagnostics', [], () => service.validate(doc, kind, { settings, fsPath: fsPathOf(doc.uri), isCancelled }));
    if (isCancelled()) return;
    void connection.sendDiagnostics({ uri: doc.uri, version, diagnostics });
  }

  function schedule(doc: TextDocument, delay: number): void {
    const t = timers.get(doc.uri);
    if (t) clearTimeout(t);
    timers.set(doc.uri, setTimeout(() => {
      timers.delete(doc.uri);
      validate(doc).catch((err: unknown) => log('validation failed', err));
    }, delay));
  }

  let canWatchUserConfig = false;
  let foldersChange = false;
  connection.onInitialize((params: InitializeParams): InitializeResult => {
    canPullConfig = !!params.capabilities.workspace?.configuration;
    const watch = params.capabilities.workspace?.didChangeWatchedFiles;
    canWatchUserConfig = !!watch?.dynamicRegistration && !!watch.relativePatternSupport;
    foldersChange = !!params.capabilities.workspace?.workspaceFolders;
    const roots = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspaceFolders = roots.map(fsPathOf).filter((p): p is string => p !== undefined).map((p) => path.resolve(p));
    const init = params.initializationOptions as { composeFiles?: unknown; diagnosticsDelayMs?: unknown } | null | undefined;
    if (Array.isArray(init?.composeFiles)) composeFiles = init.composeFiles.filter((g): g is string => typeof g === 'string').slice(0, 100);
    const delay = init?.diagnosticsDelayMs;
    if (typeof delay === 'number' && Number.isFinite(delay)) debounceMs = Math.min(Math.max(0, delay), 60_000);
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
        // Which `.hadolint.yaml` applies depends on the workspace folders, so follow them as they are added and removed.
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'docker-tutor', version: '0.1.0' },
    };
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    for (const doc of documents.all()) schedule(doc, 0);
  });

  connection.onInitialized(() => {
    if (foldersChange) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const gone = new Set(e.removed.map((f) => fsPathOf(f.uri)).filter((p): p is string => p !== undefined).map((p) => path.resolve(p)));
        const added = e.added.map((f) => fsPathOf(f.uri)).filter((p): p is string => p !== undefined).map((p) => path.resolve(p));
        workspaceFolders = [...workspaceFolders.filter((f) => !gone.has(f)), ...added.filter((f) => !workspaceFolders.includes(f))];
        rereadHadolintConfigs();
      });
    }
    // The user-level config (`~/.config/hadolint.yaml`, …) lies outside the workspace, where the client's own
    // `**/.hadolint.{yaml,yml}` watcher does not look: ask the client to watch those exact places too.
    if (canWatchUserConfig) {
      const watchers = hadolintUserConfigWatches().map((w) => ({ globPattern: { baseUri: pathToFileURL(w.base).href, pattern: w.pattern } }));
      connection.client.register(DidChangeWatchedFilesNotification.type, { watchers })
        .catch((err: unknown) => log('could not watch the user-level hadolint config', err));
    }
  });

  // The client watches `**/.hadolint.{yaml,yml}` (and the user-level files): any change may move which file applies, so forget them all.
  connection.onDidChangeWatchedFiles(() => rereadHadolintConfigs());

  // An opened document is checked at once; only edits wait for the typing pause. (TextDocuments fires
  // onDidChangeContent right after onDidOpen: that first event must not re-arm the debounce.)
  const opened = new Set<string>();
  documents.onDidOpen((e) => opened.add(e.document.uri));
  documents.onDidChangeContent((e) => schedule(e.document, opened.delete(e.document.uri) ? 0 : debounceMs));
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
    const settings = await effectiveSettings(o.doc, o.kind);
    await ready(o.kind);
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

  // Learning side: the client lists exercises and checks the learner's files (sent as text, never read or run here).
  connection.onRequest('dockerTutor/deck', () => safe('deck', [], () => service.deck()));
  connection.onRequest('dockerTutor/exercises', () => safe('exercises', [], () => service.exercises()));
  connection.onRequest('dockerTutor/checkExercise', (p: unknown) => safe('checkExercise', null, () => {
    const params = parseCheckParams(p);
    return params ? service.checkExercise(params.exerciseId, params.files) ?? null : null;
  }));

  documents.listen(connection);
  connection.listen();
}

if (require.main === module) startServer();
