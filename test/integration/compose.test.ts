import * as assert from 'assert';
import * as vscode from 'vscode';
import { diagnosticsWhen, hoverText, open, revert, ruleOf } from './util';

const has = (rule: string) => (ds: vscode.Diagnostic[]): boolean => ds.some((d) => ruleOf(d) === rule);
const OBSOLETE = 'compose/obsolete-version';

describe('Compose file in VS Code', () => {
  it('warns that top-level version is obsolete, on the key', async () => {
    const editor = await open('compose.legacy.yaml');
    assert.strictEqual(editor.document.languageId, 'dockercompose');
    const ds = await diagnosticsWhen(editor.document.uri, has(OBSOLETE), OBSOLETE);
    const d = ds.find((x) => ruleOf(x) === OBSOLETE)!;
    assert.strictEqual(editor.document.getText(d.range), 'version');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(d.message, /obsolete/);
  });

  it('removes version with its quick fix, and the warning goes away', async () => {
    const editor = await open('compose.legacy.yaml');
    const uri = editor.document.uri;
    try {
      const ds = await diagnosticsWhen(uri, has(OBSOLETE), OBSOLETE);
      const finding = ds.find((d) => ruleOf(d) === OBSOLETE)!;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider', uri, finding.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((a) => a.title === 'Remove `version`');
      assert.ok(fix?.edit, `no "Remove \`version\`" among: ${actions.map((a) => a.title).join(' | ')}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.strictEqual(editor.document.lineAt(0).text, 'services:');
      await diagnosticsWhen(uri, (all) => !has(OBSOLETE)(all), `${OBSOLETE} to disappear`);
    } finally {
      await revert(editor);
    }
  });

  it('hovering a service key explains it and links to the Compose reference', async () => {
    const editor = await open('compose.legacy.yaml');
    const line = editor.document.getText().split('\n').findIndex((l) => l.trim().startsWith('restart:'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(line, 6));
    const text = hoverText(hovers);
    assert.match(text, /\*\*restart\*\*/);
    assert.match(text, /docs\.docker\.com\/reference\/compose-file\/services\/#restart/);
  });
});
