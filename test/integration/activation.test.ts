import * as assert from 'assert';
import * as vscode from 'vscode';
import { diagnosticsWhen, EXTENSION_ID, fixture, revert, ruleOf, until } from './util';

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
    // A clean compose file: the server must not invent findings. An empty list proves nothing until the server
    // has checked the file, so first make it report something (an obsolete `version`), then take that back.
    const editor = await vscode.window.showTextDocument(doc);
    try {
      assert.ok(await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'version: "3"\n')));
      await diagnosticsWhen(doc.uri, (ds) => ds.some((d) => ruleOf(d) === 'compose/obsolete-version'), 'the server to check the file');
      assert.ok(await editor.edit((e) => e.delete(new vscode.Range(0, 0, 1, 0))));
      const ds = await diagnosticsWhen(doc.uri, (all) => !all.some((d) => ruleOf(d) === 'compose/obsolete-version'), 'the server to check the clean text');
      assert.deepStrictEqual(ds.map((d) => `${ruleOf(d)}: ${d.message}`), []);
    } finally {
      await revert(editor);
    }
  });

  it('gives Dockerfiles the dockerfile language, which the client serves', async () => {
    const doc = await vscode.workspace.openTextDocument(fixture('Dockerfile'));
    assert.strictEqual(doc.languageId, 'dockerfile');
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { activationEvents: string[] };
    assert.ok(manifest.activationEvents.includes('onLanguage:dockerfile'));
  });
});
