// Keeps the learner's progress: the compact part in globalState (synced across machines), the review log in an
// append-only JSONL file under globalStorageUri (local: it grows with every review, and Settings Sync has a size
// limit). Validation, migration and the update functions live in the pure progressStore module; this is the IO.
// All file access goes through workspace.fs, so it works the same in code-server and the web.
import type { Disposable, ExtensionContext } from 'vscode';
import { commands, EventEmitter, FileSystemError, Uri, window, workspace } from 'vscode';
import type { LogEntry, Progress } from './progressStore';
import { emptyProgress, exportProgress, importProgress, loadProgress, logLine, logWrite, mergeLogs, parseLog, toSynced } from './progressStore';

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
  /** Set when the stored state could be neither read nor backed up: nothing is written this session. */
  private readOnly = false;
  readonly logUri: Uri;

  private constructor(private readonly context: ExtensionContext, initial: Progress) {
    this.value = initial;
    this.logUri = Uri.joinPath(context.globalStorageUri, REVIEW_LOG_FILE);
  }

  static async create(context: ExtensionContext): Promise<ProgressService> {
    context.globalState.setKeysForSync([PROGRESS_KEY]);
    const service = new ProgressService(context, emptyProgress());
    await service.load();
    return service;
  }

  /**
   * Reads globalState and the log file (at activation, and again for the extension tests). A damaged or foreign
   * state is written to a backup file first, then replaced; damaged log lines are backed up and skipped.
   */
  async load(): Promise<void> {
    this.readOnly = false;
    this.logUnwritable = false;
    this.logErrorShown = false;
    const raw: unknown = this.context.globalState.get(PROGRESS_KEY);
    const loaded = loadProgress(raw);
    if (!loaded.ok) {
      const backupUri = await this.backup(`progress-backup-${stamp()}.json`, safeStringify(loaded.backup));
      if (backupUri) {
        // Only reset once the backup is on disk: never lose the learner's data silently.
        await this.context.globalState.update(PROGRESS_KEY, toSynced(loaded.progress));
        showWithBackup(loaded.message, backupUri);
      } else {
        void window.showErrorMessage('Docker Tutor could not read its saved progress and could not back it up, so it left it untouched and uses a temporary empty progress for this session.');
        this.readOnly = true;
      }
    }
    let log = await this.readLog();
    if (loaded.ok && loaded.migrated) {
      // Version 1 kept the log inside the synced state: move it to the file, then drop it from the state. A crash in
      // between repeats this at the next start, and mergeLogs adds nothing twice; a failed write leaves the state as it was.
      log = mergeLogs(log, loaded.progress.log);
      this.logText = log.map(logLine).join('');
      if (await this.writeLog()) await this.context.globalState.update(PROGRESS_KEY, toSynced(loaded.progress));
    }
    this.value = { ...loaded.progress, log };
    this.changed.fire(this.value);
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

  /** Writes `logText` out, after any write already under way; false when it could not. */
  private writeLog(): Promise<boolean> {
    if (this.logUnwritable) return Promise.resolve(false);
    const text = this.logText;
    const done = this.writing.then(async () => {
      await workspace.fs.createDirectory(this.context.globalStorageUri);
      await workspace.fs.writeFile(this.logUri, Buffer.from(text, 'utf8'));
      return true;
    }).catch((err: unknown) => {
      if (!this.logErrorShown) {
        this.logErrorShown = true;
        void window.showErrorMessage(`Docker Tutor could not write its review log (${this.logUri.fsPath}): ${err instanceof Error ? err.message : String(err)}. Your card schedules are still saved.`);
      }
      return false;
    });
    this.writing = done.then(() => undefined);
    return done;
  }

  /** New entries at the end are appended; any other change (an import, a restore) rewrites the file. */
  private async persistLog(prev: readonly LogEntry[], next: readonly LogEntry[]): Promise<void> {
    const w = logWrite(prev, next);
    if (!w) return;
    this.logText = 'append' in w ? this.logText + w.append : w.rewrite;
    await this.writeLog();
  }

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
    const target = await window.showSaveDialog({ filters: { JSON: ['json'] }, saveLabel: 'Export Progress', ...exportTarget() });
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

/** Where the save dialog starts: the first workspace folder, if any (a bare file name would mean the file system's root). */
function exportTarget(): { defaultUri?: Uri } {
  const folder = workspace.workspaceFolders?.[0];
  return folder ? { defaultUri: Uri.joinPath(folder.uri, 'docker-tutor-progress.json') } : {};
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
