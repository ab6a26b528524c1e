import type {
  CodeAction, CompletionList, Diagnostic, DocumentHighlight, DocumentSymbol, FoldingRange, Hover, Location, Position, Range, WorkspaceEdit,
} from 'vscode-languageserver-types';
import { ModelCache } from './modelCache';
import type { Card } from './content/cards';
import { studyCard } from './content/hoverCards';
import type { TextDocumentLike } from './modelCache';
import type { Settings } from './settings';
import { DEFAULT_SETTINGS } from './settings';
import type { DockerfileModel } from './dockerfile/model';
import type { DockerfileResult } from './dockerfile/diagnostics';
import type { FileAccess } from './dockerfile/rules/types';
import * as compose from './compose';
import type { Deck } from './content/cards';
import type { Exercise, ExerciseFile } from './content/exercises';
import type { ExerciseCheckReport } from './exercises/check';
import { matchesAnyGlob, uriPath } from './globs';
import { dockerfileSupport as df, studyContent } from './lazy';

export type { Settings } from './settings';
export type { FileAccess } from './dockerfile/rules/types';
export type { TextDocumentLike } from './modelCache';
export type { Exercise, ExerciseFile } from './content/exercises';
export type { CheckResult, ExerciseCheckReport } from './exercises/check';

export type DocumentKind = 'dockerfile' | 'compose';

export interface LanguageServiceOptions {
  /** Read access to files beside the document (.dockerignore, build contexts). Omit in browsers/tests. */
  readonly files?: FileAccess;
}

export interface RequestOptions {
  readonly settings?: Settings;
  /** Absolute path when the document is a file on disk. */
  readonly fsPath?: string;
  readonly isCancelled?: () => boolean;
}

export interface LanguageService {
  /** `composeFiles`: extra globs (setting `dockerTutor.compose.files`) matched against the document's path. */
  kindOf(languageId: string | undefined, uri: string, composeFiles?: readonly string[]): DocumentKind | undefined;
  dockerfileModel(doc: TextDocumentLike): DockerfileModel;
  composeModel(doc: TextDocumentLike): compose.ComposeModel;
  validate(doc: TextDocumentLike, kind: DocumentKind, options?: RequestOptions): Diagnostic[];
  /** Dockerfile findings with their rules (the CLI needs rule metadata for SARIF). */
  dockerfileResults(doc: TextDocumentLike, options?: RequestOptions): DockerfileResult[];
  /** Compose findings with their rules (same use as `dockerfileResults`). */
  composeResults(doc: TextDocumentLike, options?: RequestOptions): compose.ComposeResult[];
  hover(doc: TextDocumentLike, kind: DocumentKind, position: Position): Hover | null;
  codeActions(doc: TextDocumentLike, kind: DocumentKind, range: Range, diagnostics: readonly Diagnostic[], only: readonly string[] | undefined, options?: RequestOptions): CodeAction[];
  completion(doc: TextDocumentLike, kind: DocumentKind, position: Position): CompletionList;
  definition(doc: TextDocumentLike, kind: DocumentKind, position: Position): Location[];
  references(doc: TextDocumentLike, kind: DocumentKind, position: Position, includeDeclaration: boolean): Location[];
  documentHighlight(doc: TextDocumentLike, kind: DocumentKind, position: Position): DocumentHighlight[];
  prepareRename(doc: TextDocumentLike, kind: DocumentKind, position: Position): Range | null;
  rename(doc: TextDocumentLike, kind: DocumentKind, position: Position, newName: string): WorkspaceEdit | null;
  documentSymbols(doc: TextDocumentLike, kind: DocumentKind): DocumentSymbol[];
  foldingRanges(doc: TextDocumentLike, kind: DocumentKind): FoldingRange[];
  /** The study deck, for the quiz. */
  deck(): Deck;
  /** Every exercise, in the suggested order. */
  exercises(): readonly Exercise[];
  /** Runs an exercise's checks on the learner's files; undefined for an unknown exercise id. */
  checkExercise(exerciseId: string, files: readonly ExerciseFile[]): ExerciseCheckReport | undefined;
  /** Drop cached models of a closed document. */
  forget(uri: string): void;
  /** A study card by id (hover links and "Learn why" actions name cards the client then asks for). */
  studyCard(id: string): Card | null;
}

const COMPOSE_NAME = /(^|[\\/])(docker-)?compose([.-][^\\/]*)?\.ya?ml$/i;

/** The one facade over the pure language service: no transport, no `vscode` in here. */
export function createLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const dockerfiles = new ModelCache<DockerfileModel>((text, uri, version) => df().parseDockerfile(text, uri, version));
  const composes = new ModelCache<compose.ComposeModel>(compose.parseCompose);
  const files = options.files;
  const dfOptions = (o: RequestOptions | undefined) => ({
    settings: o?.settings ?? DEFAULT_SETTINGS,
    fsPath: o?.fsPath,
    files,
    isCancelled: o?.isCancelled,
  });

  return {
    kindOf(languageId, uri, composeFiles) {
      if (languageId === 'dockerfile') return 'dockerfile';
      if (languageId === 'dockercompose') return 'compose';
      if (languageId && languageId !== 'plaintext' && languageId !== 'yaml') return undefined;
      if (COMPOSE_NAME.test(uri)) return 'compose';
      if (/(^|[\\/])(Dockerfile|Containerfile)([.-][^\\/]*)?$|\.(dockerfile|containerfile)$/i.test(uri)) return 'dockerfile';
      if (composeFiles && matchesAnyGlob(uriPath(uri), composeFiles)) return 'compose';
      return undefined;
    },
    dockerfileModel: (doc) => dockerfiles.get(doc),
    composeModel: (doc) => composes.get(doc),
    validate(doc, kind, o) {
      if (kind === 'dockerfile') return df().dockerfileResults(dockerfiles.get(doc), dfOptions(o)).map((r) => r.diagnostic);
      return compose.composeDiagnostics(composes.get(doc), dfOptions(o));
    },
    dockerfileResults: (doc, o) => df().dockerfileResults(dockerfiles.get(doc), dfOptions(o)),
    composeResults: (doc, o) => compose.composeResults(composes.get(doc), dfOptions(o)),
    hover(doc, kind, position) {
      return kind === 'dockerfile' ? df().dockerfileHover(dockerfiles.get(doc), position) : compose.composeHover(composes.get(doc), position, files);
    },
    codeActions(doc, kind, range, diagnostics, only, o) {
      if (kind === 'dockerfile') {
        const model = dockerfiles.get(doc);
        return df().dockerfileCodeActions(model, df().dockerfileResults(model, dfOptions(o)), range, only);
      }
      return compose.composeCodeActions(composes.get(doc), range, diagnostics, dfOptions(o), only);
    },
    completion: (doc, kind, position) => (kind === 'compose' ? compose.composeCompletion(composes.get(doc), position) : df().dockerfileCompletion(dockerfiles.get(doc), position)),
    definition: (doc, kind, position) => (kind === 'compose' ? compose.composeDefinition(composes.get(doc), position) : df().dockerfileDefinition(dockerfiles.get(doc), position)),
    references: (doc, kind, position, inc) => (kind === 'compose' ? compose.composeReferences(composes.get(doc), position, inc) : df().dockerfileReferences(dockerfiles.get(doc), position, inc)),
    documentHighlight: (doc, kind, position) => (kind === 'compose' ? compose.composeDocumentHighlight(composes.get(doc), position) : df().dockerfileDocumentHighlight(dockerfiles.get(doc), position)),
    prepareRename: (doc, kind, position) => (kind === 'compose' ? compose.composePrepareRename(composes.get(doc), position) : df().dockerfilePrepareRename(dockerfiles.get(doc), position)),
    rename: (doc, kind, position, newName) => (kind === 'compose' ? compose.composeRename(composes.get(doc), position, newName) : df().dockerfileRename(dockerfiles.get(doc), position, newName)),
    documentSymbols: (doc, kind) => (kind === 'compose' ? compose.composeDocumentSymbols(composes.get(doc)) : df().dockerfileDocumentSymbols(dockerfiles.get(doc))),
    foldingRanges: (doc, kind) => (kind === 'dockerfile' ? df().dockerfileFoldingRanges(dockerfiles.get(doc)) : []),
    deck: () => studyContent().cards,
    exercises: () => [...studyContent().exercises].sort((a, b) => a.order - b.order),
    checkExercise(exerciseId, files) {
      const exercise = studyContent().exercises.find((e) => e.id === exerciseId);
      return exercise ? df().checkExercise(exercise, files) : undefined;
    },
    forget(uri) {
      dockerfiles.delete(uri);
      composes.delete(uri);
    },
    studyCard: (id) => (typeof id === 'string' ? studyCard(id) ?? null : null),
  };
}
