import type { Node as YamlNode } from 'yaml';
import { isMap, isScalar, isSeq } from 'yaml';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { Fix } from '../../types';
import type { ComposeDoc, ComposeModel, Section } from '../model';
import { keyString } from '../model';

/** The indentation (spaces) of the line an offset is on. */
export function indentAt(model: ComposeModel, offset: number): string {
  const line = model.textDocument.positionAt(offset).line;
  return /^\s*/.exec(model.lineText(line))?.[0] ?? '';
}

function endOfLineAfter(model: ComposeModel, offset: number): number {
  const nl = model.text.indexOf('\n', offset);
  return nl < 0 ? model.text.length : nl + 1;
}

/** Adds `name` to a top-level section of the document, creating the section if needed. */
export function addTopLevelEntry(model: ComposeModel, doc: ComposeDoc, section: Section, name: string): Fix | undefined {
  const root = doc.yaml.contents;
  if (!isMap(root) || root.flow) return undefined;
  const body = section === 'secrets' || section === 'configs' ? `\n{IND}{IND}file: ./${name}.txt` : '';
  const pair = root.items.find((p) => isScalar(p.key) && keyString(p.key) === section);
  let edit: TextEdit;
  const unit = detectIndentUnit(model);
  if (pair) {
    const value = pair.value as YamlNode | null;
    if (isMap(value) && !value.flow && value.items.length > 0) {
      const last = value.items[value.items.length - 1]!;
      const firstKey = value.items[0]!.key as YamlNode;
      const ind = indentAt(model, firstKey.range![0]);
      const lastEnd = ((last.value as YamlNode | null)?.range ?? (last.key as YamlNode).range)![1];
      const at = lastEnd > 0 && model.text[lastEnd - 1] === '\n' ? lastEnd : endOfLineAfter(model, lastEnd);
      const text = `${ind}${name}:${body.replace(/\{IND\}\{IND\}/g, ind + unit)}\n`;
      const needsNl = at === model.text.length && !model.text.endsWith('\n');
      edit = { range: model.range(at, at), newText: (needsNl ? '\n' : '') + text };
    } else if (value === null || (isScalar(value) && (value.value === null || value.value === ''))) {
      const keyEnd = (pair.key as YamlNode).range![1];
      const at = endOfLineAfter(model, keyEnd);
      const text = `${unit}${name}:${body.replace(/\{IND\}\{IND\}/g, unit + unit)}\n`;
      const needsNl = at === model.text.length && !model.text.endsWith('\n');
      edit = { range: model.range(at, at), newText: (needsNl ? '\n' : '') + text };
    } else return undefined;
  } else {
    const end = root.range?.[2] ?? model.text.length;
    const at = Math.min(end, model.text.length);
    const prefix = at > 0 && model.text[at - 1] !== '\n' ? '\n' : '';
    edit = { range: model.range(at, at), newText: `${prefix}${section}:\n${unit}${name}:${body.replace(/\{IND\}\{IND\}/g, unit + unit)}\n` };
  }
  return { title: `Define ${section.slice(0, -1)} \`${name}\` under top-level \`${section}:\``, edits: [edit] };
}

/** Two spaces unless the file's first indented line says otherwise. */
export function detectIndentUnit(model: ComposeModel): string {
  const m = /^\S[^\n]*:\s*\n((?:[ \t]*#[^\n]*\n|[ \t]*\n)*)( +)\S/m.exec(model.text);
  return m?.[2] ?? '  ';
}

/** Removes a key with its whole block of lines. */
/**
 * Lines `first`..`last` in full, with their line break. On the last line of a file without a final
 * newline there is no next line to reach: the end clamps to the end of the text.
 */
export function wholeLines(model: ComposeModel, first: number, last: number): Range {
  const doc = model.textDocument;
  return { start: { line: first, character: 0 }, end: doc.positionAt(doc.offsetAt({ line: last + 1, character: 0 })) };
}

export function deletePairEdit(model: ComposeModel, keyNode: YamlNode, valueNode: YamlNode | null | undefined): TextEdit | undefined {
  const k = keyNode.range;
  if (!k) return undefined;
  const startLine = model.textDocument.positionAt(k[0]).line;
  let endOffset = Math.max(k[1], valueNode?.range?.[1] ?? 0);
  if (isMap(valueNode) || isSeq(valueNode)) endOffset = Math.max(endOffset, valueNode.range?.[1] ?? 0);
  // Past the end of the value's last line, but not past trailing comments/blank lines of the next key.
  let endLine = model.textDocument.positionAt(endOffset).line;
  if (endOffset > 0 && model.text[endOffset - 1] === '\n') endLine -= 1;
  return { range: wholeLines(model, startLine, endLine), newText: '' };
}
