import type { Node as YamlNode } from 'yaml';
import { isAlias, isMap, isSeq } from 'yaml';
import type { TextEdit } from 'vscode-languageserver-types';
import type { Fix } from '../../types';
import type { ComposeModel, YamlProblem } from '../model';
import { isMergeKey } from '../model';
import type { ComposeRule } from './types';
import { fixesFromData } from './types';
import { deletePairEdit, wholeLines } from './edits';

const YAML_DOCS = 'https://docs.docker.com/reference/compose-file/fragments/';

/** Problems are found while parsing (once per file); each is reported with the first document. */
function fromProblems(kinds: YamlProblem['kind'][], report: (p: YamlProblem, model: ComposeModel) => { message: string; level?: 'warning'; fixes?: Fix[] }) {
  return (ctx: Parameters<ComposeRule['check']>[0]) => {
    if (ctx.doc.index !== 0) return;
    for (const p of ctx.model.problems) {
      if (!kinds.includes(p.kind)) continue;
      const r = report(p, ctx.model);
      ctx.report({ range: p.range, message: r.message, level: r.level, data: r.fixes ? { fixes: r.fixes } : undefined });
    }
  };
}

const yamlSyntax: ComposeRule = {
  id: 'compose/yaml-syntax',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'YAML that cannot be parsed',
  explain: { docsUrl: 'https://docs.docker.com/reference/compose-file/' },
  check: fromProblems(['syntax', 'syntax-warning'], (p) => ({
    message: p.kind === 'syntax' ? `${p.message.replace(/\.?$/, '.')} Compose cannot read the file past this point.` : p.message,
    level: p.kind === 'syntax-warning' ? 'warning' : undefined,
  })),
};

/** `<<: *a` twice in one map becomes `<<: [*a, *b]` (earlier anchors keep priority, as Compose reads them). */
function mergeFix(model: ComposeModel, p: YamlProblem): Fix[] {
  const map = p.mergeMap;
  if (!map || !isMap(map)) return [];
  const merges = map.items.filter((it) => isMergeKey(it.key));
  if (merges.length < 2) return [];
  const sources: string[] = [];
  for (const m of merges) {
    const v = m.value as YamlNode | null;
    const list = isSeq(v) ? v.items : [v];
    for (const item of list) {
      if (!isAlias(item)) return [];
      sources.push(`*${item.source}`);
    }
  }
  const first = merges[0]!;
  const fv = (first.value as YamlNode).range;
  if (!fv) return [];
  const edits: TextEdit[] = [{ range: model.range(fv[0], fv[1]), newText: `[${sources.join(', ')}]` }];
  for (const m of merges.slice(1)) {
    const k = (m.key as YamlNode).range;
    const v = (m.value as YamlNode).range;
    if (!k || !v) return [];
    const startLine = model.textDocument.positionAt(k[0]).line;
    const endLine = model.textDocument.positionAt(v[1]).line;
    edits.push({ range: wholeLines(model, startLine, endLine), newText: '' });
  }
  return [{ title: `Merge all anchors in one key: \`<<: [${sources.join(', ')}]\``, edits, isPreferred: true }];
}

function removeDuplicate(model: ComposeModel, p: YamlProblem): Fix[] {
  const pair = p.duplicatePair;
  if (!pair) return [];
  const edit = deletePairEdit(model, pair.key as YamlNode, pair.value as YamlNode | null);
  return edit ? [{ title: `Remove this repeated \`${String((pair.key as { value?: unknown }).value)}\` (the first one stays)`, edits: [edit], isPreferred: true }] : [];
}

const duplicateKey: ComposeRule = {
  id: 'compose/duplicate-key',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'The same key twice in one mapping (including `<<`)',
  explain: { docsUrl: YAML_DOCS },
  check: fromProblems(['duplicate-key'], (p, model) => ({ message: p.message, fixes: p.mergeMap ? mergeFix(model, p) : p.duplicatePair ? removeDuplicate(model, p) : undefined })),
  fix: fixesFromData,
};

const aliasProblem: ComposeRule = {
  id: 'compose/alias',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'Unknown, recursive or explosive YAML alias',
  explain: { docsUrl: YAML_DOCS },
  check: fromProblems(['alias'], (p) => ({ message: p.message })),
};

export const structureRules: ComposeRule[] = [yamlSyntax, duplicateKey, aliasProblem];
