// Keeps the learner's progress in globalState (synced across machines) and announces changes.
// Validation, migration and the update functions live in the pure progressStore module.
import type { Disposable, ExtensionContext } from 'vscode';
import { commands, EventEmitter, Uri, window, workspace } from 'vscode';
import type { Progress } from './progressStore';
import { exportProgress, importProgress, loadProgress } from './progressStore';

export const PROGRESS_KEY = 'dockerTutor.progress';

export class ProgressService implements Disposable {
  private value: Progress;
  private readonly changed = new EventEmitter<Progress>();
  readonly onDidChange = this.changed.event;

  private constructor(private readonly context: ExtensionContext, initial: Progress) {
    this.value = initial;
  }

  /** Loads the stored progress; a damaged or foreign value is written to a backup file first, then replaced. */
  static async create(context: ExtensionContext): Promise<ProgressService> {
    context.globalState.setKeysForSync([PROGRESS_KEY]);
    const raw: unknown = context.globalState.get(PROGRESS_KEY);
    const loaded = loadProgress(raw);
    const service = new ProgressService(context, loaded.progress);
    if (!loaded.ok) {
      let backupUri: Uri | undefined;
      try {
        await workspace.fs.createDirectory(context.globalStorageUri);
        backupUri = Uri.joinPath(context.globalStorageUri, `progress-backup-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
        await workspace.fs.writeFile(backupUri, Buffer.from(safeStringify(loaded.backup), 'utf8'));
      } catch {
        backupUri = undefined;
      }
      if (backupUri) {
        // Only reset once the backup is on disk: never lose the learner's data silently.
        await context.globalState.update(PROGRESS_KEY, loaded.progress);
        const open = 'Open Backup';
        void window.showWarningMessage(loaded.message, open).then((c) => {
          if (c === open && backupUri) void commands.executeCommand('vscode.open', backupUri);
        });
      } else {
        void window.showErrorMessage('Docker Tutor could not read its saved progress and could not back it up, so it left it untouched and uses a temporary empty progress for this session.');
        service.readOnly = true;
      }
    }
    return service;
  }

  private readOnly = false;

  get progress(): Progress {
    return this.value;
  }

  async update(next: Progress): Promise<void> {
    this.value = next;
    if (!this.readOnly) await this.context.globalState.update(PROGRESS_KEY, next);
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

function safeStringify(v: unknown): string {
  try {
    return JSON.stringify(v, null, 2) ?? String(v);
  } catch {
    return String(v);
  }
}
