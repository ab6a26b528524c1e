import type { DocumentSymbol, FoldingRange, Range } from 'vscode-languageserver-types';
import { FoldingRangeKind, SymbolKind, SymbolTag } from 'vscode-languageserver-types';
import type { DockerfileModel, Instr, Stage } from './model';
import { variablesOf } from './variables';
import { swallowed } from './swallowed';

/**
 * The outline: parser directives and global ARGs at the top level, then one symbol per build
 * stage holding its instructions. One pass over the instructions.
 */
export function dockerfileDocumentSymbols(model: DockerfileModel): DocumentSymbol[] {
  try {
    const out: DocumentSymbol[] = model.directives.map((d) => ({
      name: `# ${d.name}`,
      detail: d.value,
      kind: SymbolKind.Property,
      range: d.range,
      selectionRange: d.nameRange,
    }));
    for (const instr of model.preamble) out.push(instructionSymbol(model, instr));
    for (const stage of model.stages) out.push(stageSymbol(model, stage));
    return out;
  } catch (err) {
    swallowed(err);
    return [];
  }
}

const KIND: Readonly<Record<string, SymbolKind>> = {
  ADD: SymbolKind.File,
  ARG: SymbolKind.Variable,
  CMD: SymbolKind.Method,
  COPY: SymbolKind.File,
  ENTRYPOINT: SymbolKind.Method,
  ENV: SymbolKind.Variable,
  EXPOSE: SymbolKind.Interface,
  FROM: SymbolKind.Class,
  HEALTHCHECK: SymbolKind.Method,
  LABEL: SymbolKind.Property,
  MAINTAINER: SymbolKind.Property,
  ONBUILD: SymbolKind.Event,
  RUN: SymbolKind.Function,
  SHELL: SymbolKind.Method,
  STOPSIGNAL: SymbolKind.Event,
  USER: SymbolKind.Key,
  VOLUME: SymbolKind.Package,
  WORKDIR: SymbolKind.Package,
};

const MAX_ARGS = 40;

/** The instruction's first line after the keyword (flags included), whitespace collapsed and clipped: `RUN apt-get update …`. */
export function shortArgs(model: DockerfileModel, instr: Instr): string {
  const k = instr.keywordRange.end;
  const firstLine = model.lineText(k.line).slice(k.character);
  let text = firstLine.replace(/\s+/g, ' ').trim();
  let more = instr.range.end.line > k.line;
  if (text.endsWith(model.escapeChar)) {
    text = text.slice(0, -1).trimEnd();
    more = true;
  }
  if (text.length > MAX_ARGS) return text.slice(0, MAX_ARGS - 1).trimEnd() + ' …';
  return more && text ? `${text} …` : text;
}

function instructionSymbol(model: DockerfileModel, instr: Instr): DocumentSymbol {
  const args = shortArgs(model, instr);
  const deprecated = instr.keyword === 'MAINTAINER';
  const sym: DocumentSymbol = {
    // An empty name makes VS Code reject the whole outline.
    name: (args ? `${instr.rawKeyword.toUpperCase()} ${args}` : instr.rawKeyword.toUpperCase()) || '?',
    kind: KIND[instr.keyword] ?? SymbolKind.Field,
    range: instr.range,
    selectionRange: instr.keywordRange,
    ...(deprecated ? { tags: [SymbolTag.Deprecated], detail: 'deprecated: use a LABEL' } : {}),
  };
  return sym;
}

function stageEnd(stage: Stage): Range['end'] {
  return stage.instructions[stage.instructions.length - 1]?.range.end ?? stage.from.range.end;
}

/** `$BASE` -> `$BASE (alpine:3.20)` when every variable in it has a default in the file. */
function baseDetail(model: DockerfileModel, stage: Stage): string {
  const base = stage.from.args[0]?.getValue() ?? '';
  if (!base.includes('$')) return base;
  const table = variablesOf(model);
  let unknown = false;
  const resolved = base.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_m, name: string) => {
    const value = table.resolve(stage.from, name).decl?.value;
    if (value === undefined || value.includes('$')) unknown = true;
    return value ?? '';
  });
  return unknown ? base : `${base} (${resolved})`;
}

function stageSymbol(model: DockerfileModel, stage: Stage): DocumentSymbol {
  const base = baseDetail(model, stage);
  const range: Range = { start: stage.from.range.start, end: stageEnd(stage) };
  return {
    name: stage.name || `stage ${stage.index}`,
    detail: base,
    kind: SymbolKind.Class,
    range,
    selectionRange: stage.nameRange ?? stage.from.keywordRange,
    children: stage.instructions.slice(1).map((i) => instructionSymbol(model, i)),
  };
}

/**
 * Folds per stage (FROM to its last instruction), per multi-line instruction, per heredoc body and
 * per run of two or more comment lines. Line based, as the protocol's folding ranges are.
 */
export function dockerfileFoldingRanges(model: DockerfileModel): FoldingRange[] {
  try {
    return foldingRanges(model);
  } catch (err) {
    swallowed(err);
    return [];
  }
}

function foldingRanges(model: DockerfileModel): FoldingRange[] {
  /** Start line -> the largest fold starting there (editors keep one fold per start line). */
  const byStart = new Map<number, FoldingRange>();
  const add = (startLine: number, endLine: number, kind?: string): void => {
    if (endLine <= startLine) return;
    const old = byStart.get(startLine);
    if (old && old.endLine >= endLine) return;
    byStart.set(startLine, kind ? { startLine, endLine, kind } : { startLine, endLine });
  };

  for (const stage of model.stages) add(stage.from.range.start.line, stageEnd(stage).line);
  for (const instr of model.instructions) {
    const r = instr.range;
    if (r.end.line <= r.start.line) continue;
    add(r.start.line, r.end.line);
    // The heredoc getter re-scans the instruction: ask only when one can be there.
    const holder = instr.onbuildTrigger ?? instr;
    const text = model.text.slice(model.document.offsetAt(r.start), model.document.offsetAt(r.end));
    if (!text.includes('<<')) continue;
    for (const h of holder.heredocs) {
      const content = h.getContentRange();
      const end = h.getDelimiterRange();
      if (!content) continue;
      // From the line before the body (where `<<EOF` or the previous delimiter is) to the closing line.
      add(Math.max(content.start.line - 1, r.start.line), end ? end.end.line : content.end.line);
    }
  }

  let runStart = -1;
  let runEnd = -1;
  const flush = (): void => {
    if (runStart >= 0) add(runStart, runEnd, FoldingRangeKind.Comment);
  };
  for (const c of model.comments) {
    const line = c.getRange().start.line;
    if (line === runEnd + 1 && runStart >= 0) {
      runEnd = line;
    } else {
      flush();
      runStart = line;
      runEnd = line;
    }
  }
  flush();
  return [...byStart.values()].sort((a, b) => a.startLine - b.startLine);
}
