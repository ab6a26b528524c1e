import type { CodeAction, Range, TextEdit } from 'vscode-languageserver-types';
import { CodeActionKind } from 'vscode-languageserver-types';
import { learnWhyAction, wantsLearnWhy } from '../content/learnWhy';
import { isBuildkitName, isHadolintId } from '../settings';
import { rangesIntersect } from '../text';
import type { DockerfileModel, Instr } from './model';
import type { DockerfileResult } from './diagnostics';
import { parsePragma } from './suppression';

/**
 * Quick fixes for the results that touch `range`: the rule's own fixes first, then "Learn why"
 * (opens the study card behind the rule), then "ignore for this instruction" and "ignore for this
 * file" with the comment syntax the rule's origin understands (BuildKit `# check=skip=`, hadolint
 * `# hadolint ignore=`, ours otherwise).
 */
export function dockerfileCodeActions(model: DockerfileModel, results: readonly DockerfileResult[], range: Range, only?: readonly string[]): CodeAction[] {
  const wantQuickFix = !only || only.some((k) => k === CodeActionKind.QuickFix || k === 'quickfix' || CodeActionKind.QuickFix.startsWith(k));
  const wantLearn = wantsLearnWhy(only);
  const actions: CodeAction[] = [];
  if (!wantQuickFix && !wantLearn) return actions;
  const uri = model.uri;
  const ignoreSeen = new Set<string>();
  const cardsSeen = new Set<string>();
  for (const r of results) {
    if (!rangesIntersect(r.finding.range, range)) continue;
    const cardId = r.rule.explain.cardId;
    const learn = wantLearn && cardId && !cardsSeen.has(cardId) ? learnWhyAction(cardId, [r.diagnostic]) : undefined;
    if (learn) cardsSeen.add(cardId!);
    if (!wantQuickFix) {
      if (learn) actions.push(learn);
      continue;
    }
    if (r.rule.fix) {
      let fixes: ReturnType<NonNullable<typeof r.rule.fix>> = [];
      try {
        fixes = r.rule.fix(model, r.finding);
      } catch {
        fixes = [];
      }
      for (const fix of fixes) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [r.diagnostic],
          isPreferred: fix.isPreferred,
          edit: { changes: { [uri]: [...fix.edits] } },
        });
      }
    }
    if (learn) actions.push(learn);
    const instr = model.instructionAtLine(r.finding.range.start.line);
    const pragma = pragmaFor(r);
    if (instr && !ignoreSeen.has(r.rule.id + '@' + instr.index)) {
      ignoreSeen.add(r.rule.id + '@' + instr.index);
      actions.push({
        title: `Ignore ${pragma.name} for this instruction`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [r.diagnostic],
        edit: { changes: { [uri]: [ignoreInstructionEdit(model, instr, pragma)] } },
      });
    }
    if (!ignoreSeen.has(r.rule.id)) {
      ignoreSeen.add(r.rule.id);
      actions.push({
        title: `Ignore ${pragma.name} for this file`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [r.diagnostic],
        edit: { changes: { [uri]: [ignoreFileEdit(model, pragma)] } },
      });
    }
  }
  return actions;
}

interface PragmaChoice {
  readonly kind: 'check' | 'hadolint' | 'docker-tutor';
  readonly name: string;
}

export function pragmaFor(r: { rule: { id: string; aliases: readonly string[] } }): PragmaChoice {
  const bk = r.rule.aliases.find(isBuildkitName);
  if (bk) return { kind: 'check', name: bk };
  const dl = r.rule.aliases.find(isHadolintId);
  if (dl) return { kind: 'hadolint', name: dl };
  return { kind: 'docker-tutor', name: r.rule.id };
}

function indentOf(text: string): string {
  return /^[ \t]*/.exec(text)?.[0] ?? '';
}

/** Adds the name to a same-kind pragma right above the instruction, or inserts a new one. */
export function ignoreInstructionEdit(model: DockerfileModel, instr: Instr, p: PragmaChoice): TextEdit {
  const target = instr.parent ?? instr;
  const line = target.range.start.line;
  const above = line > 0 ? model.lineText(line - 1) : '';
  // A parser directive right above (`# check=error=true`) is file-level, not a scoped skip to extend.
  const aboveIsDirective = model.directives.some((d) => d.range.start.line === line - 1);
  const existing = line > 0 && !aboveIsDirective ? parsePragma(above, line - 1) : undefined;
  if (existing && 'kind' in existing && existing.kind === p.kind && existing.scope === 'next') {
    return extendPragma(above, line - 1, p);
  }
  const indent = indentOf(model.lineText(line));
  // A `# check=` comment at the top of the file would be read as a (file-wide) parser directive;
  // an empty line first ends the directive block, so it stays scoped to this instruction.
  const lastDirective = model.directives.reduce((max, d) => Math.max(max, d.range.end.line), -1);
  const blank = p.kind === 'check' && line === lastDirective + 1 ? eol(model) : '';
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${blank}${indent}${commentFor(p, 'next')}${eol(model)}` };
}

export function ignoreFileEdit(model: DockerfileModel, p: PragmaChoice): TextEdit {
  if (p.kind === 'check') {
    const dir = model.directives.find((d) => d.name === 'check');
    if (dir) {
      const value = dir.value;
      const m = /(^|;)\s*skip\s*=\s*([^;]*)/i.exec(value);
      let newValue: string;
      if (m) {
        const start = m.index + m[0].length;
        newValue = value.slice(0, start).replace(/\s*$/, '') + (m[2]!.trim() ? ',' : '') + p.name + value.slice(start);
      } else {
        newValue = `skip=${p.name};${value}`;
      }
      return { range: dir.valueRange, newText: newValue };
    }
    return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `# check=skip=${p.name}${eol(model)}` };
  }
  // A plain comment ends the directive block, so it goes after the directives.
  for (let i = 0; i < model.comments.length; i++) {
    const c = model.comments[i]!;
    const line = c.getRange().start.line;
    const pr = parsePragma(model.lineText(line), line);
    if (pr && 'kind' in pr && pr.kind === p.kind && pr.scope === 'global') return extendPragma(model.lineText(line), line, p);
  }
  const afterDirectives = model.directives.length ? Math.max(...model.directives.map((d) => d.range.end.line)) + 1 : 0;
  if (afterDirectives >= model.document.lineCount) {
    // The directives end the file without a final newline: append a line after them.
    const end = model.document.positionAt(model.text.length);
    return { range: { start: end, end }, newText: `${eol(model)}${commentFor(p, 'global')}` };
  }
  return { range: { start: { line: afterDirectives, character: 0 }, end: { line: afterDirectives, character: 0 } }, newText: `${commentFor(p, 'global')}${eol(model)}` };
}

function extendPragma(text: string, line: number, p: PragmaChoice): TextEdit {
  const m = p.kind === 'check' ? /skip\s*=\s*[^;\s]*/i.exec(text) : /ignore\s*=\s*[^\s#]*/i.exec(text);
  if (!m) return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: '' };
  const end = m.index + m[0].length;
  return { range: { start: { line, character: end }, end: { line, character: end } }, newText: `,${p.name}` };
}

function commentFor(p: PragmaChoice, scope: 'next' | 'global'): string {
  switch (p.kind) {
    case 'check': return `# check=skip=${p.name}`;
    case 'hadolint': return scope === 'global' ? `# hadolint global ignore=${p.name}` : `# hadolint ignore=${p.name}`;
    case 'docker-tutor': return scope === 'global' ? `# docker-tutor global ignore=${p.name}` : `# docker-tutor ignore=${p.name}`;
  }
}

function eol(model: DockerfileModel): string {
  return model.text.includes('\r\n') ? '\r\n' : '\n';
}
