import * as vscode from 'vscode';

export const EXTENSION_ID = 'docker-tutor.docker-tutor';
export const SOURCE = 'Docker Tutor';

/** The folder the runner opens; the tests never edit its files on disk. */
export function fixture(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the extension tests need test/integration/workspace opened as the workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...name.split('/'));
}

/** Our diagnostics' rule id (the LSP code arrives as { value, target } because it has a docs link). */
export function ruleOf(d: vscode.Diagnostic): string | undefined {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return code === undefined ? undefined : String(code);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/**
 * Resolves with our diagnostics for `uri` once `accept` holds: checked now and after every diagnostics
 * change VS Code announces, so the test waits exactly as long as the server takes.
 */
export function diagnosticsWhen(uri: vscode.Uri, accept: (ds: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const ds = ours(uri);
      if (!accept(ds)) return false;
      done();
      resolve(ds);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      done();
      const got = ours(uri).map((d) => `${ruleOf(d)} @${d.range.start.line + 1}:${d.range.start.character + 1}`);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; diagnostics now: ${got.join(', ') || 'none'}`));
    }, timeoutMs);
    function done(): void {
      sub.dispose();
      clearTimeout(timer);
    }
    check();
  });
}

/**
 * For states VS Code announces no event for (an extension's activation): re-checks on every tick of a short
 * interval until `condition` holds or the deadline passes.
 */
export async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function open(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fixture(name));
  return vscode.window.showTextDocument(doc);
}

/** Drops unsaved edits so the next test sees the file as it is on disk. */
export async function revert(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}
