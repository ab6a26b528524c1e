// Keeps the learner's progress: the compact part in globalState (synced across machines), the review log in an
// append-only JSONL file under globalStorageUri (local: it grows with every review, and Settings Sync has a size
// limit). Validation, migration and the update functions live in the pure progressStore module; this is the IO.
// All file access goes through workspace.fs, so it works the same in code-server and the web.
import type { Disposable, ExtensionContext } from 'vscode';
import { commands, EventEmitter, FileSystemError, Uri, window, workspace } from 'vscode';
import type { LogEntry, Progress } from './progressStore';
import { exportProgress, importProgress, loadProgress, logLine, mergeLogs, parseLog, toSynced } from './progressStore';

export const PROGRESS_KEY = 'dockerTutor.progress';
export const REVIEW_LOG_FILE = 'review-log.jsonl';

const stamp = (): string => new Date().toISOString().replace(/[:.]/g, '-');

export class ProgressService implements Disposable {
  private value: Progress;
  private readonly changed = new EventEmitter<Progress>();
  readonly onDidChange = this.changed.event;
  /** The log file's content as last written: workspace.fs has no append, so each append writes this back out. */
  private logText = '';
  /** Writes to the log file, one after the other. */
  private writing: Promise<void> = Promise.resolve();
  /** Set when the log file could not be read: it is then left alone for this session rather than overwritten. */
  private logUnwritable = false;
  private logErrorShown = false;
  readonly logUri: Uri;

  private constructor(private readonly context: ExtensionContext, initial: Progress) {
    this.value = initial;
    this.logUri = Uri.joinPath(context.globalStorageUri, REVIEW_LOG_FILE);
  }

  /** Loads the stored progress; a damaged or foreign value is written to a backup file first, then replaced. */
  static async create(context: ExtensionContext): Promise<ProgressService> {
    context.globalState.setKeysForSync([PROGRESS_KEY]);
    const raw: unknown = context.globalState.get(PROGRESS_KEY);
    const loaded = loadProgress(raw);
    const service = new ProgressService(context, loaded.progress);
    if (!loaded.ok) {
      const backupUri = await service.backup(`progress-backup-${stamp()}.json`, safeStringify(loaded.backup));
      if (backupUri) {
        // Only reset once the backup is on disk: never lose the learner's data silently.
        await context.globalState.update(PROGRESS_KEY, toSynced(loaded.progress));
        showWithBackup(loaded.message, backupUri);
      } else {
        void window.showErrorMessage('Docker Tutor could not read its saved progress and could not back it up, so it left it untouched and uses a temporary empty progress for this session.');
        service.readOnly = true;
      }
    }
    let log = await service.readLog();
    if (loaded.ok && loaded.migrated) {
      // Version 1 kept the log inside the synced state: move it to the file, then drop it from the state. A crash in
      // between repeats this at the next start, and mergeLogs adds nothing twice.
      log = mergeLogs(log, loaded.progress.log);
      if (!service.logUnwritable) {
        service.logText = log.map(logLine).join('');
        await service.writeLog();
        await context.globalState.update(PROGRESS_KEY, toSynced(loaded.progress));
      }
    }
    service.value = { ...service.value, log };
    return service;
  }

  /** The log file's entries; damaged lines are skipped, the file backed up and rewritten without them, and the learner told once. */
  private async readLog(): Promise<LogEntry[]> {
    let text: string;
    try {
      text = Buffer.from(await workspace.fs.readFile(this.logUri)).toString('utf8');
    } catch (err) {
      if (err instanceof FileSystemError && err.code === 'FileNotFound') return [];
      this.logUnwritable = true;
      void window.showErrorMessage(`Docker Tutor could not read its review log (${this.logUri.fsPath}): ${err instanceof Error ? err.message : String(err)}. It leaves the file untouched; undo works for this session's grades only.`);
      return [];
    }
    const parsed = parseLog(text);
    this.logText = parsed.entries.map(logLine).join('');
    if (parsed.bad.length) {
      const backupUri = await this.backup(`review-log-backup-${stamp()}.jsonl`, text);
      if (!backupUri) {
        this.logUnwritable = true;
        void window.showErrorMessage('Docker Tutor found damaged lines in its review log and could not back the file up, so it leaves it untouched for this session.');
        return parsed.entries;
      }
      await this.writeLog();
      const lines = parsed.bad.map((b) => `${b.line} (${b.reason})`).join(', ');
      showWithBackup(`Docker Tutor skipped ${parsed.bad.length} damaged line${parsed.bad.length === 1 ? '' : 's'} of its review log: ${lines}. Your card schedules are unaffected; the original file was backed up.`, backupUri);
    }
    return parsed.entries;
  }

  private async backup(name: string, text: string): Promise<Uri | undefined> {
    try {
      await workspace.fs.createDirectory(this.context.globalStorageUri);
      const uri = Uri.joinPath(this.context.globalStorageUri, name);
      await workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
      return uri;
    } catch {
      return undefined;
    }
  }

  /** Writes `logText` out, after any write already under way. */
  private writeLog(): Promise<void> {
    if (this.logUnwritable) return Promise.resolve();
    const text = this.logText;
    this.writing = this.writing.then(async () => {
      await workspace.fs.createDirectory(this.context.globalStorageUri);
      await workspace.fs.writeFile(this.logUri, Buffer.from(text, 'utf8'));
    }).catch((err: unknown) => {
      if (this.logErrorShown) return;
      this.logErrorShown = true;
      void window.showErrorMessage(`Docker Tutor could not write its review log (${this.logUri.fsPath}): ${err instanceof Error ? err.message : String(err)}. Your card schedules are still saved.`);
    });
    return this.writing;
  }

  /** New entries at the end are appended; any other change (an import, a restore) rewrites the file. */
  private persistLog(prev: readonly LogEntry[], next: readonly LogEntry[]): Promise<void> {
    if (next === prev) return Promise.resolve();
    const appended = next.length >= prev.length && (prev.length === 0 || next[prev.length - 1] === prev[prev.length - 1]);
    this.logText = appended ? this.logText + next.slice(prev.length).map(logLine).join('') : next.map(logLine).join('');
    return this.writeLog();
  }

  private readOnly = false;

  get progress(): Progress {
    return this.value;
  }

  async update(next: Progress): Promise<void> {
    const prev = this.value;
    this.value = next;
    if (!this.readOnly) {
      await this.persistLog(prev.log, next.log);
      await this.context.globalState.update(PROGRESS_KEY, toSynced(next));
    }
    this.changed.fire(next);
  }

  async exportToFile(): Promise<void> {
    const target = await window.showSaveDialog({ filters: { JSON: ['json'] }, saveLabel: 'Export Progress', defaultUri: Uri.file('docker-tutor-progress.json') });
    if (!target) return;
    await workspace.fs.writeFile(target, Buffer.from(exportProgress(this.value), 'utf8'));
    void window.showInformationMessage(`Docker Tutor progress exported to ${target.fsPath}.`);
  }

  async importFromFile(): Promise<void> {
    const picked = await window.showOpenDialog({ filters: { JSON: ['json'] }, canSelectMany: false, openLabel: 'Import Progress' });
    const file = picked?.[0];
    if (!file) return;
    const text = Buffer.from(await workspace.fs.readFile(file)).toString('utf8');
    const result = importProgress(text);
    if (!result.ok) {
      void window.showErrorMessage(result.message);
      return;
    }
    const replace = 'Replace My Progress';
    const choice = await window.showWarningMessage('Importing replaces your current Docker Tutor progress. Export it first if you want to keep it.', { modal: true }, replace);
    if (choice !== replace) return;
    await this.update(result.progress);
    void window.showInformationMessage('Docker Tutor progress imported.');
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function showWithBackup(message: string, backupUri: Uri): void {
  const open = 'Open Backup';
  void window.showWarningMessage(message, open).then((c) => {
    if (c === open) void commands.executeCommand('vscode.open', backupUri);
  });
}

function safeStringify(v: unknown): string {
  try {
    return JSON.stringify(v, null, 2) ?? String(v);
  } catch {
    return String(v);
  }
}
