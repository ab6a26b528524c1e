import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, fixture, ours, until } from './util';

describe('activation', () => {
  it('is installed but stays idle while no Docker file is open', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed in this VS Code`);
    assert.strictEqual(ext.isActive, false, 'activated before any Dockerfile or compose file was opened');
  });

  it('activates when a compose file opens (onLanguage:dockercompose)', async () => {
    const doc = await vscode.workspace.openTextDocument(fixture('compose.yaml'));
    await vscode.window.showTextDocument(doc);
    assert.strictEqual(doc.languageId, 'dockercompose');
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await until(() => ext.isActive, 'the extension to activate');
    // A clean compose file: the server must not invent findings.
    assert.deepStrictEqual(ours(doc.uri), []);
  });

  it('gives Dockerfiles the dockerfile language, which the client serves', async () => {
    const doc = await vscode.workspace.openTextDocument(fixture('Dockerfile'));
    assert.strictEqual(doc.languageId, 'dockerfile');
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { activationEvents: string[] };
    assert.ok(manifest.activationEvents.includes('onLanguage:dockerfile'));
  });
});
