// The Exercises tree (topics -> exercises -> check results and hints), its commands, live checking while
// the learner edits, and the "Exercise: 3/5 checks" status bar item.
import type { Event, FileChangeEvent, FileStat, FileSystemProvider, TextDocument, TreeDataProvider, TreeView } from 'vscode';
import {
  commands, Disposable, EventEmitter, FileChangeType, FilePermission, FileSystemError, FileType, MarkdownString, StatusBarAlignment, ThemeColor, ThemeIcon,
  TreeItem, TreeItemCollapsibleState, Uri, ViewColumn, window, workspace,
} from 'vscode';
import type { LanguageServer } from '../languageClient';
import type { CheckResult, ExerciseEvent } from './exerciseState';
import { checkSummary, reduceExercise } from './exerciseState';
import type { ProgressService } from './progressService';
import { withExercise } from './progressStore';
import type { ExerciseProgress } from './progressStore';

/** An exercise as the server sends it (`dockerTutor/exercises`). */
export interface WireExercise {
  readonly id: string;
  readonly title: string;
  readonly topic: string;
  readonly order: number;
  readonly summary: string;
  readonly goal: string;
  readonly steps: readonly string[];
  readonly hints: readonly string[];
  readonly done: string;
  readonly selfCheck?: boolean;
  readonly checklist?: readonly string[];
  readonly starter: readonly { path: string; text: string }[];
  readonly solution: readonly { path: string; text: string }[];
  readonly checks: readonly { id: string; title: string }[];
}

interface CheckReport {
  readonly exerciseId: string;
  readonly results: readonly CheckResult[];
  readonly passed: boolean;
}

const TOPIC_TITLES: Readonly<Record<string, string>> = {
  containers: 'Running containers', images: 'Images', dockerfile: 'Writing Dockerfiles', compose: 'Compose', security: 'Security',
};

export const SCHEME = 'docker-tutor-exercise';

type Node =
  | { readonly kind: 'topic'; readonly topic: string }
  | { readonly kind: 'exercise'; readonly exercise: WireExercise }
  | { readonly kind: 'result'; readonly exercise: WireExercise; readonly result: CheckResult }
  | { readonly kind: 'hint'; readonly exercise: WireExercise; readonly index: number }
  | { readonly kind: 'message'; readonly text: string };

/**
 * The tree, the commands, and the read-only `docker-tutor-exercise:` files (an exercise's page and its solution).
 * Those are served by a FileSystemProvider rather than a TextDocumentContentProvider: the Markdown preview
 * watches the file it shows, and a watch on a scheme without a file system provider fails in the workbench
 * (a CodeExpectedError in its log on every Start).
 */
export class ExercisesController implements TreeDataProvider<Node>, FileSystemProvider, Disposable {
  private exercises: WireExercise[] = [];
  private loading: Promise<void> | undefined;
  private readonly results = new Map<string, readonly CheckResult[]>();
  private readonly treeChanged = new EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData: Event<Node | undefined> = this.treeChanged.event;
  private readonly fileChanged = new EventEmitter<FileChangeEvent[]>();
  readonly onDidChangeFile: Event<FileChangeEvent[]> = this.fileChanged.event;
  /** Modification times of the virtual files: a new one tells VS Code to reload an open page. */
  private readonly mtimes = new Map<string, number>();
  private readonly started = Date.now();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly status = window.createStatusBarItem('dockerTutor.exerciseStatus', StatusBarAlignment.Left, 10);
  private readonly view: TreeView<Node>;
  private readonly disposables: Disposable[] = [];
  private lastExerciseId: string | undefined;

  constructor(private readonly server: LanguageServer, private readonly progress: ProgressService) {
    this.status.name = 'Docker Tutor Exercise';
    this.status.command = 'dockerTutor.exercises.check';
    this.view = window.createTreeView('dockerTutor.exercises', { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view, this.status, this.treeChanged, this.fileChanged,
      workspace.registerFileSystemProvider(SCHEME, this, { isCaseSensitive: true, isReadonly: true }),
      progress.onDidChange(() => this.treeChanged.fire(undefined)),
      workspace.onDidChangeTextDocument((e) => this.onEdit(e.document)),
      workspace.onDidSaveTextDocument((d) => this.onEdit(d)),
      window.onDidChangeActiveTextEditor(() => this.updateStatusBar()),
      commands.registerCommand('dockerTutor.exercises.refresh', () => this.reload()),
      commands.registerCommand('dockerTutor.exercises.open', (n?: Node) => this.withExercise(n, (e) => this.openDetails(e))),
      // Start also takes an exercise id and a target folder (a Uri), so scripts and the extension tests need no dialog.
      commands.registerCommand('dockerTutor.exercises.start', (n?: Node | string, target?: unknown) =>
        this.withExercise(n, (e) => this.start(e, target instanceof Uri ? target : undefined), false)),
      commands.registerCommand('dockerTutor.exercises.check', (n?: Node | string) => this.withExercise(n, (e) => this.check(e, true))),
      commands.registerCommand('dockerTutor.exercises.hint', (n?: Node) => this.withExercise(n, (e) => this.hint(e))),
      commands.registerCommand('dockerTutor.exercises.showSolution', (n?: Node) => this.withExercise(n, (e) => this.showSolution(e))),
      commands.registerCommand('dockerTutor.exercises.markDone', (n?: Node) => this.withExercise(n, (e) => this.markDone(e))),
    );
    this.updateStatusBar();
  }

  // ------------------------------------------------------------ data

  private async load(): Promise<void> {
    this.loading ??= (async () => {
      // The server may still be starting: try a few times before showing the empty state.
      for (let attempt = 0; attempt < 20; attempt++) {
        const list = await this.server.request<WireExercise[]>('dockerTutor/exercises');
        if (Array.isArray(list) && list.length) {
          this.exercises = list;
          return;
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    })().finally(() => {
      this.loading = undefined;
      this.treeChanged.fire(undefined);
      this.updateStatusBar();
    });
    return this.loading;
  }

  private async reload(): Promise<void> {
    this.exercises = [];
    await this.load();
  }

  private state(id: string): ExerciseProgress | undefined {
    return this.progress.progress.exercises[id];
  }

  private async dispatch(e: WireExercise, event: ExerciseEvent): Promise<ExerciseProgress> {
    const before = this.state(e.id);
    const next = reduceExercise(before, event);
    await this.progress.update(withExercise(this.progress.progress, e.id, next));
    if (next.status === 'passed' && before?.status !== 'passed') {
      void commands.executeCommand('setContext', 'dockerTutor.exercisePassed', true);
      void window.showInformationMessage(`Exercise passed: ${e.title}. ${e.done}`);
    }
    return next;
  }

  /** The exercise a command is about: the tree row it was run on, else the one whose file is open (if `useEditor`), else ask. */
  private async withExercise(n: Node | string | undefined, fn: (e: WireExercise) => Promise<void>, useEditor = true): Promise<void> {
    if (!this.exercises.length) await this.load();
    let e = typeof n === 'string' ? this.exercises.find((x) => x.id === n)
      : n && (n.kind === 'exercise' || n.kind === 'result' || n.kind === 'hint') ? n.exercise
        : useEditor ? this.currentExercise() : undefined;
    if (!e) {
      const pick = await window.showQuickPick(this.exercises.map((x) => ({ label: x.title, description: TOPIC_TITLES[x.topic] ?? x.topic, detail: x.summary, x })), { placeHolder: 'Choose an exercise' });
      e = pick?.x;
    }
    if (e) await fn(e);
  }

  // ------------------------------------------------------------ tree

  getTreeItem(n: Node): TreeItem {
    switch (n.kind) {
      case 'topic': {
        const id = `topic:${n.topic}`;
        const list = this.exercises.filter((e) => e.topic === n.topic);
        const passed = list.filter((e) => this.state(e.id)?.status === 'passed').length;
        const item = new TreeItem(TOPIC_TITLES[n.topic] ?? n.topic, TreeItemCollapsibleState.Expanded);
        item.id = id;
        item.description = `${passed}/${list.length}`;
        item.contextValue = 'topic';
        return item;
      }
      case 'exercise': {
        const e = n.exercise;
        const s = this.state(e.id);
        const status = s?.status ?? 'not-started';
        const results = this.results.get(e.id);
        const item = new TreeItem(e.title, results || (s?.hintsShown ?? 0) > 0 ? TreeItemCollapsibleState.Expanded : TreeItemCollapsibleState.None);
        item.id = `exercise:${e.id}`;
        item.iconPath = status === 'passed' ? new ThemeIcon('pass-filled', new ThemeColor('testing.iconPassed'))
          : status === 'in-progress' ? new ThemeIcon('circle-large-filled', new ThemeColor('testing.iconQueued'))
            : new ThemeIcon('circle-large-outline');
        item.description = results ? checkSummary(results) : e.selfCheck ? 'self-check' : undefined;
        const label = status === 'passed' ? 'passed' : status === 'in-progress' ? 'in progress' : 'not started';
        item.tooltip = new MarkdownString(`**${e.title}** (${label})\n\n${e.summary}`);
        item.accessibilityInformation = { label: `${e.title}, ${label}${results ? `, ${checkSummary(results)}` : ''}` };
        item.contextValue = `exercise.${status}${e.selfCheck ? '.self' : ''}`;
        item.command = { command: 'dockerTutor.exercises.open', title: 'Open Exercise', arguments: [n] };
        return item;
      }
      case 'result': {
        const r = n.result;
        const item = new TreeItem(r.title, TreeItemCollapsibleState.None);
        item.iconPath = r.passed ? new ThemeIcon('pass', new ThemeColor('testing.iconPassed')) : new ThemeIcon('error', new ThemeColor('testing.iconFailed'));
        item.description = r.passed ? undefined : r.message;
        item.tooltip = new MarkdownString(r.passed ? r.message : `${r.message}\n\n**Hint:** ${r.hint}`);
        item.accessibilityInformation = { label: `${r.passed ? 'Passed' : 'Failed'}: ${r.title}. ${r.passed ? '' : r.message}` };
        item.contextValue = r.passed ? 'check.passed' : 'check.failed';
        return item;
      }
      case 'hint': {
        const text = n.exercise.hints[n.index] ?? '';
        const item = new TreeItem(`Hint ${n.index + 1}: ${text.split('\n')[0]}`, TreeItemCollapsibleState.None);
        item.iconPath = new ThemeIcon('lightbulb');
        item.tooltip = new MarkdownString(text);
        item.contextValue = 'hint';
        return item;
      }
      case 'message':
        return new TreeItem(n.text, TreeItemCollapsibleState.None);
      default: {
        const never: never = n;
        return never;
      }
    }
  }

  async getChildren(n?: Node): Promise<Node[]> {
    if (!n) {
      if (!this.exercises.length) await this.load();
      if (!this.exercises.length) return [{ kind: 'message', text: 'The Docker Tutor language server is not running yet.' }];
      const topics = [...new Set(this.exercises.map((e) => e.topic))];
      return topics.map((topic) => ({ kind: 'topic', topic }));
    }
    if (n.kind === 'topic') return this.exercises.filter((e) => e.topic === n.topic).map((exercise) => ({ kind: 'exercise', exercise }));
    if (n.kind === 'exercise') {
      const hints = Array.from({ length: this.state(n.exercise.id)?.hintsShown ?? 0 }, (_, index): Node => ({ kind: 'hint', exercise: n.exercise, index }));
      const results = (this.results.get(n.exercise.id) ?? []).map((result): Node => ({ kind: 'result', exercise: n.exercise, result }));
      return [...results, ...hints];
    }
    return [];
  }

  getParent(n: Node): Node | undefined {
    if (n.kind === 'exercise') return { kind: 'topic', topic: n.exercise.topic };
    if (n.kind === 'result' || n.kind === 'hint') return { kind: 'exercise', exercise: n.exercise };
    return undefined;
  }

  // ------------------------------------------------------------ virtual files (read-only)

  /** `/<id>/<id>.md` is the exercise's page, `/<id>/solution/<path>` a file of its solution. */
  private async content(uri: Uri): Promise<string> {
    if (!this.exercises.length) await this.load();
    const [id, ...rest] = uri.path.replace(/^\//, '').split('/');
    const e = this.exercises.find((x) => x.id === id);
    const text = !e ? undefined
      : rest[0] === 'solution' ? e.solution.find((f) => f.path === rest.slice(1).join('/'))?.text
        : rest.join('/') === `${e.id}.md` ? this.describe(e) : undefined;
    if (text === undefined) throw FileSystemError.FileNotFound(uri);
    return text;
  }

  async stat(uri: Uri): Promise<FileStat> {
    const size = Buffer.byteLength(await this.content(uri), 'utf8');
    return { type: FileType.File, ctime: this.started, mtime: this.mtimes.get(uri.toString()) ?? this.started, size, permissions: FilePermission.Readonly };
  }

  async readFile(uri: Uri): Promise<Uint8Array> {
    return Buffer.from(await this.content(uri), 'utf8');
  }

  /** Nothing to watch: changes are announced by `pageChanged`. */
  watch(): Disposable {
    return new Disposable(() => undefined);
  }

  readDirectory(): [string, FileType][] {
    return [];
  }

  createDirectory(uri: Uri): void {
    throw FileSystemError.NoPermissions(uri);
  }

  writeFile(uri: Uri): void {
    throw FileSystemError.NoPermissions(uri);
  }

  delete(uri: Uri): void {
    throw FileSystemError.NoPermissions(uri);
  }

  rename(uri: Uri): void {
    throw FileSystemError.NoPermissions(uri);
  }

  private pageChanged(e: WireExercise): void {
    const uri = this.detailsUri(e);
    const key = uri.toString();
    this.mtimes.set(key, Math.max(Date.now(), (this.mtimes.get(key) ?? 0) + 1));
    this.fileChanged.fire([{ type: FileChangeType.Changed, uri }]);
  }

  private describe(e: WireExercise): string {
    const s = this.state(e.id);
    const lines = [`# ${e.title}`, '', e.goal.trim(), '', '## Steps', '', ...e.steps.map((x, i) => `${i + 1}. ${x}`), '', '## Done when', '', e.done, ''];
    if (e.checklist?.length) lines.push('## Checklist', '', ...e.checklist.map((c) => `- [ ] ${c}`), '');
    const results = this.results.get(e.id);
    if (results) {
      lines.push(`## Last check: ${checkSummary(results)}`, '');
      for (const r of results) lines.push(`- ${r.passed ? 'Passed' : '**Failed**'}: ${r.title}. ${r.message}${r.passed ? '' : `  \n  Hint: ${r.hint}`}`);
      lines.push('');
    }
    const shown = s?.hintsShown ?? 0;
    if (shown) lines.push('## Hints', '', ...e.hints.slice(0, shown).map((h, i) => `${i + 1}. ${h}`), '');
    return lines.join('\n');
  }

  private detailsUri(e: WireExercise): Uri {
    return Uri.from({ scheme: SCHEME, path: `/${e.id}/${e.id}.md` });
  }

  private async openDetails(e: WireExercise): Promise<void> {
    await commands.executeCommand('markdown.showPreview', this.detailsUri(e));
  }

  // ------------------------------------------------------------ commands

  /** The walkthrough's step: the first exercise in the suggested order that is not passed yet. */
  async startFirst(): Promise<void> {
    if (!this.exercises.length) await this.load();
    const e = this.exercises.find((x) => !x.selfCheck && this.state(x.id)?.status !== 'passed') ?? this.exercises[0];
    if (e) await this.start(e);
  }

  /**
   * Where Start puts the files: the folder of an earlier Start if it is still there, else the learner's choice
   * between `docker-tutor-exercises/<id>` in the workspace (first, so Enter takes it) and a folder of their own.
   */
  private async targetFolder(e: WireExercise): Promise<Uri | undefined> {
    const previous = this.state(e.id)?.folder;
    if (previous && await exists(Uri.parse(previous))) return Uri.parse(previous);
    const chooseFolder = async (): Promise<Uri | undefined> => {
      const picked = await window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Create Exercise Here' });
      return picked?.[0] && Uri.joinPath(picked[0], e.id);
    };
    const ws = workspace.workspaceFolders?.[0];
    if (!ws) return chooseFolder();
    const inWorkspace = Uri.joinPath(ws.uri, 'docker-tutor-exercises', e.id);
    const pick = await window.showQuickPick(
      [
        { label: `$(folder) docker-tutor-exercises/${e.id}`, description: `in ${ws.name}`, uri: inWorkspace as Uri | undefined },
        { label: '$(folder-opened) Choose a folder…', description: 'anywhere else', uri: undefined },
      ],
      { title: `Start "${e.title}"`, placeHolder: 'Where should the exercise files go?' },
    );
    if (!pick) return undefined;
    return pick.uri ?? chooseFolder();
  }

  private async start(e: WireExercise, target?: Uri): Promise<void> {
    const folder = target ?? await this.targetFolder(e);
    if (!folder) return;
    for (const f of e.starter) {
      const segments = f.path.split('/');
      const target = Uri.joinPath(folder, ...segments);
      // Never overwrite the learner's work: an exercise started twice keeps its files.
      if (await exists(target)) continue;
      await workspace.fs.createDirectory(Uri.joinPath(folder, ...segments.slice(0, -1)));
      await workspace.fs.writeFile(target, Buffer.from(f.text, 'utf8'));
    }
    await this.dispatch(e, { type: 'started', folder: folder.toString() });
    const main = e.starter.find((f) => /Dockerfile$|compose\.ya?ml$/.test(f.path)) ?? e.starter[0];
    if (main) await window.showTextDocument(Uri.joinPath(folder, ...main.path.split('/')), { preview: false });
    if (!e.selfCheck) await this.check(e, false);
    // Not awaited: the preview waits for the Markdown extension to activate, which must not hold up the checks.
    void commands.executeCommand('markdown.showPreviewToSide', this.detailsUri(e)).then(undefined, () => undefined);
  }

  /** The learner's files: an open document's unsaved text wins over what is on disk. */
  private async collectFiles(e: WireExercise, folder: Uri): Promise<{ path: string; text: string }[]> {
    const paths = [...new Set([...e.starter, ...e.solution].map((f) => f.path))];
    const out: { path: string; text: string }[] = [];
    for (const p of paths) {
      const uri = Uri.joinPath(folder, ...p.split('/'));
      const open = workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (open) {
        out.push({ path: p, text: open.getText() });
        continue;
      }
      try {
        out.push({ path: p, text: Buffer.from(await workspace.fs.readFile(uri)).toString('utf8') });
      } catch {
        // Missing file: the checks that need it report it.
      }
    }
    return out;
  }

  private async check(e: WireExercise, interactive: boolean): Promise<void> {
    if (e.selfCheck) {
      if (interactive) await this.markDone(e);
      return;
    }
    const folderText = this.state(e.id)?.folder;
    if (!folderText) {
      if (interactive) {
        const start = 'Start Exercise';
        const c = await window.showInformationMessage(`Start "${e.title}" first: it creates the files to work on.`, start);
        if (c === start) await this.start(e);
      }
      return;
    }
    const files = await this.collectFiles(e, Uri.parse(folderText));
    const report = await this.server.request<CheckReport | null>('dockerTutor/checkExercise', { exerciseId: e.id, files });
    if (!report) {
      if (interactive) void window.showWarningMessage('Docker Tutor could not check the exercise: the language server is not running.');
      return;
    }
    this.lastExerciseId = e.id;
    const firstResults = !this.results.has(e.id);
    this.results.set(e.id, report.results);
    await this.dispatch(e, { type: 'checked', results: report.results, at: new Date() });
    this.pageChanged(e);
    this.treeChanged.fire(undefined);
    this.updateStatusBar();
    // The tree remembers a row as collapsed from before it had children: open it the first time results arrive.
    if (interactive || firstResults) await Promise.resolve(this.view.reveal({ kind: 'exercise', exercise: e }, { expand: true, focus: false, select: false })).catch(() => undefined);
    if (interactive) {
      if (!report.passed) {
        const failed = report.results.filter((r) => !r.passed);
        void window.showInformationMessage(`${checkSummary(report.results)} pass. Next: ${failed[0]?.title ?? ''}.`);
      }
    }
  }

  private async hint(e: WireExercise): Promise<void> {
    const shown = this.state(e.id)?.hintsShown ?? 0;
    if (shown >= e.hints.length) {
      void window.showInformationMessage('No more hints for this exercise. "Show Solution" opens the reference solution.');
      return;
    }
    await this.dispatch(e, { type: 'hintRevealed', available: e.hints.length });
    this.pageChanged(e);
    void window.showInformationMessage(`Hint ${shown + 1}/${e.hints.length}: ${e.hints[shown]}`);
  }

  private async showSolution(e: WireExercise): Promise<void> {
    const files = e.solution;
    const pick = files.length === 1 ? files[0] : (await window.showQuickPick(files.map((f) => ({ label: f.path, f })), { placeHolder: 'Which file of the solution?' }))?.f;
    if (!pick) return;
    const doc = await workspace.openTextDocument(Uri.from({ scheme: SCHEME, path: `/${e.id}/solution/${pick.path}` }));
    await window.showTextDocument(doc, { preview: true, viewColumn: ViewColumn.Beside });
  }

  private async markDone(e: WireExercise): Promise<void> {
    if (!e.selfCheck) {
      await this.check(e, true);
      return;
    }
    const items = (e.checklist ?? []).map((label) => ({ label, picked: false }));
    const picked = await window.showQuickPick(items, { canPickMany: true, placeHolder: 'Tick what you have done' });
    if (!picked) return;
    if (picked.length < items.length) {
      void window.showInformationMessage(`${picked.length}/${items.length} done. Come back when every item is ticked.`);
      await this.dispatch(e, { type: 'started', folder: this.state(e.id)?.folder ?? '' });
      return;
    }
    await this.dispatch(e, { type: 'selfChecked', at: new Date() });
  }

  // ------------------------------------------------------------ live checking

  private exerciseForDocument(doc: TextDocument | undefined): WireExercise | undefined {
    if (!doc) return undefined;
    const uri = doc.uri.toString();
    return this.exercises.find((e) => {
      const folder = this.state(e.id)?.folder;
      return folder && uri.startsWith(folder.endsWith('/') ? folder : folder + '/');
    });
  }

  /** The exercise in front of the learner: the active editor's, a visible editor's, the tree selection's, or the last one checked. */
  private currentExercise(): WireExercise | undefined {
    const fromEditor = this.exerciseForDocument(window.activeTextEditor?.document)
      ?? window.visibleTextEditors.map((ed) => this.exerciseForDocument(ed.document)).find((x) => x !== undefined);
    if (fromEditor) return fromEditor;
    const sel = this.view.selection[0];
    if (sel && (sel.kind === 'exercise' || sel.kind === 'result' || sel.kind === 'hint')) return sel.exercise;
    return this.exercises.find((x) => x.id === this.lastExerciseId);
  }

  private onEdit(doc: TextDocument): void {
    if (doc.uri.scheme === SCHEME) return;
    const e = this.exerciseForDocument(doc);
    if (!e || e.selfCheck) return;
    const t = this.timers.get(e.id);
    if (t) clearTimeout(t);
    this.timers.set(e.id, setTimeout(() => {
      this.timers.delete(e.id);
      void this.check(e, false);
    }, 500));
  }

  private updateStatusBar(): void {
    const e = this.exerciseForDocument(window.activeTextEditor?.document);
    const results = e && this.results.get(e.id);
    if (!e || !results) {
      this.status.hide();
      return;
    }
    this.status.text = `$(beaker) Exercise: ${checkSummary(results)}`;
    this.status.tooltip = `${e.title}: click to check again`;
    this.status.show();
  }

  /** For the extension tests (see extension.ts): the tree as the view shows it, and the last check of an exercise. */
  async snapshot(): Promise<{ topic: string; exercises: { id: string; label: string; contextValue: string }[] }[]> {
    const topics = [];
    for (const t of await this.getChildren()) {
      const rows = [];
      for (const n of await this.getChildren(t)) {
        if (n.kind !== 'exercise') continue;
        const item = this.getTreeItem(n);
        rows.push({ id: n.exercise.id, label: String(item.label), contextValue: item.contextValue ?? '' });
      }
      topics.push({ topic: String(this.getTreeItem(t).label), exercises: rows });
    }
    return topics;
  }

  list(): readonly WireExercise[] {
    return this.exercises;
  }

  lastResults(id: string): readonly CheckResult[] | undefined {
    return this.results.get(id);
  }

  /** The due-card count on the view (and so on the activity bar icon). */
  setBadge(due: number): void {
    this.view.badge = due > 0 ? { value: due, tooltip: `${due} card${due === 1 ? '' : 's'} due for review` } : undefined;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}

async function exists(uri: Uri): Promise<boolean> {
  try {
    await workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
