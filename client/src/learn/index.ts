// Wires the learning side: progress store, Exercises view, quiz panel and the walkthrough's helper commands.
import type { Disposable, ExtensionContext } from 'vscode';
import { commands, Disposable as VsDisposable, languages, window, workspace } from 'vscode';
import type { LanguageServer } from '../languageClient';
import type { CheckResult } from './exerciseState';
import type { WireExercise } from './exercisesView';
import { ExercisesController } from './exercisesView';
import { ProgressService } from './progressService';
import { QuizController } from './quizPanel';
import type { Progress } from './progressStore';
import { reviewsDone } from './progressStore';
import type { Grade } from './scheduler';

export interface Learning extends Disposable {
  /** Opens the quiz on one card; hovers and "Learn why" call this. */
  openCard(id: string): Promise<void>;
  readonly testApi: LearningTestApi;
}

/**
 * What `activate()` returns for the extension tests (test/integration): read-only views of the Exercises tree
 * and the quiz, the progress store, and grading through the webview's message path. Not a public API.
 */
export interface LearningTestApi {
  readonly exercises: {
    tree(): ReturnType<ExercisesController['snapshot']>;
    list(): readonly WireExercise[];
    lastResults(id: string): readonly CheckResult[] | undefined;
  };
  readonly quiz: {
    state(): ReturnType<QuizController['testState']>;
    grade(grade: Grade): Promise<void>;
    /** "Add to my reviews" on the card on screen, as the webview's button sends it. */
    addCurrent(): Promise<void>;
  };
  readonly progress: {
    get(): Progress;
    set(p: Progress): Promise<void>;
    /** The review log file (JSONL) under globalStorageUri. */
    logUri(): string;
    /** Reads globalState and the log file again, as at activation. */
    reload(): Promise<void>;
  };
}

export async function registerLearning(context: ExtensionContext, server: LanguageServer): Promise<Learning> {
  const progress = await ProgressService.create(context);
  const exercises = new ExercisesController(server, progress);
  const quiz = new QuizController(context, server, progress, (due) => exercises.setBadge(due));
  const sample = commands.registerCommand('dockerTutor.walkthrough.openSample', async () => {
    const doc = await workspace.openTextDocument({ language: 'dockerfile', content: SAMPLE_DOCKERFILE });
    await window.showTextDocument(doc);
  });
  const firstExercise = commands.registerCommand('dockerTutor.walkthrough.firstExercise', async () => {
    await commands.executeCommand('workbench.view.extension.dockerTutor');
    await exercises.startFirst();
  });
  // The walkthrough's "fix a problem" step: a Dockerfile or compose file whose Docker Tutor findings go down.
  const counts = new Map<string, number>();
  const fixed = languages.onDidChangeDiagnostics((e) => {
    for (const uri of e.uris) {
      const key = uri.toString();
      const n = languages.getDiagnostics(uri).filter((d) => d.source === 'Docker Tutor').length;
      const before = counts.get(key);
      if (before !== undefined && n < before) void commands.executeCommand('setContext', 'dockerTutor.fixedDiagnostic', true);
      if (n === 0) counts.delete(key);
      else counts.set(key, n);
    }
  });
  // Restore the walkthrough's context keys from stored progress.
  const p = progress.progress;
  void commands.executeCommand('setContext', 'dockerTutor.exercisePassed', Object.values(p.exercises).some((e) => e.status === 'passed'));
  void commands.executeCommand('setContext', 'dockerTutor.reviewedFive', reviewsDone(p) >= 5);
  const all = VsDisposable.from(progress, exercises, quiz, sample, firstExercise, fixed);
  const testApi: LearningTestApi = {
    exercises: { tree: () => exercises.snapshot(), list: () => exercises.list(), lastResults: (id) => exercises.lastResults(id) },
    quiz: { state: () => quiz.testState(), grade: (g) => quiz.gradeCurrent(g), addCurrent: () => quiz.addCurrent() },
    progress: { get: () => progress.progress, set: (p) => progress.update(p), logUri: () => progress.logUri.toString(), reload: () => progress.load() },
  };
  return { openCard: (id) => quiz.openCard(id), testApi, dispose: () => all.dispose() };
}

/** A short Dockerfile with problems the linter explains, for the walkthrough's first step. */
const SAMPLE_DOCKERFILE = `# A first look: hover the keywords, and read the squiggles.
FROM node
MAINTAINER you@example.com
WORKDIR /app
COPY . .
RUN npm ci
CMD ["node", "server.js"]
`;

