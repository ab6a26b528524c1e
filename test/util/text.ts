import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextEdit } from 'vscode-languageserver-types';

/** The repository root (where package.json lives), found from the compiled test's location. */
export const ROOT = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + __dirname);
    dir = up;
  }
  return dir;
})();

export const SHARED = path.resolve(ROOT, '..', 'shared');

/** Files under `dir` and its subfolders whose name passes `keep`, sorted; none when `dir` is absent (no corpus). */
export function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && keep(e.name)) out.push(p);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out.sort();
}

/** `FR|OM node` -> the text without the caret and the caret's position. */
export function caret(source: string): { text: string; position: Position } {
  const offset = source.indexOf('|');
  if (offset < 0) throw new Error('no | caret in ' + JSON.stringify(source));
  const text = source.slice(0, offset) + source.slice(offset + 1);
  const doc = TextDocument.create('file:///caret', 'dockerfile', 0, text);
  return { text, position: doc.positionAt(offset) };
}

export function doc(text: string, uri = 'file:///test/Dockerfile', languageId = 'dockerfile', version = 1): TextDocument {
  return TextDocument.create(uri, languageId, version, text);
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'x', 0, text), [...edits]);
}

/** `L:C-L:C`, 1-based lines and columns, end exclusive: how fixtures write ranges. */
export function formatRange(r: Range): string {
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}
