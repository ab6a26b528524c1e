import * as assert from 'assert';
import * as vscode from 'vscode';
import { diagnosticsWhen, hoverText, open, revert, ruleOf } from './util';

const has = (rule: string) => (ds: vscode.Diagnostic[]): boolean => ds.some((d) => ruleOf(d) === rule);

describe('Dockerfile in VS Code', () => {
  it('shows our diagnostics for a Dockerfile, on the offending token', async () => {
    const editor = await open('Dockerfile');
    const ds = await diagnosticsWhen(editor.document.uri,
      (all) => ['dockerfile/untagged-base-image', 'dockerfile/maintainer-deprecated', 'dockerfile/unknown-instruction'].every((r) => has(r)(all)),
      'untagged-base-image, maintainer-deprecated and unknown-instruction');
    const text = (rule: string): string => editor.document.getText(ds.find((d) => ruleOf(d) === rule)!.range);
    assert.strictEqual(text('dockerfile/untagged-base-image'), 'node');
    assert.strictEqual(text('dockerfile/maintainer-deprecated'), 'MAINTAINER');
    assert.strictEqual(text('dockerfile/unknown-instruction'), 'RUNN');
    const unknown = ds.find((d) => ruleOf(d) === 'dockerfile/unknown-instruction')!;
    assert.strictEqual(unknown.severity, vscode.DiagnosticSeverity.Error);
    assert.match(unknown.message, /Did you mean RUN\?/);
    const code = unknown.code as { value: string; target: vscode.Uri };
    assert.match(code.target.toString(), /^https:\/\//, 'the rule id links to its documentation');
  });

  it('reads the commands inside RUN with the shell parser shipped in the extension (bash-flat.wasm)', async () => {
    const editor = await open('Dockerfile');
    const ds = await diagnosticsWhen(editor.document.uri, has('dockerfile/apt-get-missing-yes'), 'apt-get-missing-yes');
    const finding = ds.find((d) => ruleOf(d) === 'dockerfile/apt-get-missing-yes')!;
    assert.strictEqual(editor.document.getText(finding.range), 'apt-get install');
    assert.strictEqual(finding.range.start.line, 4);
  });

  it('applies a quick fix through the code action provider, and the diagnostic goes away', async () => {
    const editor = await open('fix.dockerfile');
    const uri = editor.document.uri;
    try {
      const ds = await diagnosticsWhen(uri, has('dockerfile/maintainer-deprecated'), 'maintainer-deprecated');
      const finding = ds.find((d) => ruleOf(d) === 'dockerfile/maintainer-deprecated')!;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider', uri, finding.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((a) => a.title === 'Replace with LABEL org.opencontainers.image.authors');
      assert.ok(fix, `no LABEL fix among: ${actions.map((a) => a.title).join(' | ')}`);
      assert.ok(fix.edit, 'the fix carries a WorkspaceEdit, not a command');
      assert.strictEqual(fix.isPreferred, true);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.strictEqual(editor.document.lineAt(1).text, 'LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"');
      await diagnosticsWhen(uri, (ds) => !has('dockerfile/maintainer-deprecated')(ds), 'maintainer-deprecated to disappear');
    } finally {
      await revert(editor);
    }
  });

  it('offers "Change to RUN" for a misspelt instruction, and the error clears', async () => {
    const editor = await open('Dockerfile');
    const uri = editor.document.uri;
    try {
      const ds = await diagnosticsWhen(uri, has('dockerfile/unknown-instruction'), 'unknown-instruction');
      const finding = ds.find((d) => ruleOf(d) === 'dockerfile/unknown-instruction')!;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, finding.range);
      const fix = actions.find((a) => a.title === 'Change to RUN');
      assert.ok(fix?.edit, `no "Change to RUN" among: ${actions.map((a) => a.title).join(' | ')}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.strictEqual(editor.document.lineAt(finding.range.start.line).text, 'RUN npm ci');
      await diagnosticsWhen(uri, (all) => !has('dockerfile/unknown-instruction')(all), 'unknown-instruction to disappear');
    } finally {
      await revert(editor);
    }
  });

  it('hovering FROM explains it and links to the Dockerfile reference', async () => {
    const editor = await open('Dockerfile');
    const line = editor.document.getText().split('\n').findIndex((l) => l.startsWith('FROM '));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(line, 1));
    assert.match(hoverText(hovers), /docs\.docker\.com\/reference\/dockerfile/);
  });
});
