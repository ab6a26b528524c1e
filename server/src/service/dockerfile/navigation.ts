import type { DocumentHighlight, Location, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { DocumentHighlightKind } from 'vscode-languageserver-types';
import type { Heredoc } from 'dockerfile-ast';
import { derived } from '../derived';
import { indexWithin } from '../text';
import type { DockerfileModel, Instr, Stage } from './model';
import type { VarDecl } from './variables';
import { variablesOf } from './variables';
import { swallowed } from './swallowed';

/**
 * Go to definition, references, highlights and rename for the three kinds of names a Dockerfile
 * has: build-stage names, build variables (ARG/ENV) and heredoc delimiters. One index per model,
 * built in a single pass over the instructions and cached; every request is then a lookup.
 */

type SymbolKey = Stage | VarDecl | Heredoc;

interface Occurrence {
  readonly range: Range;
  readonly symbol: SymbolKey;
  readonly kind: 'stage' | 'variable' | 'heredoc';
  /** Declaration (write) or use (read). */
  readonly declaration: boolean;
  /** Where "go to definition" leads from here. */
  readonly target: Range | undefined;
  /** Numeric stage references (`--from=0`) do not change on rename. */
  readonly renamable: boolean;
}

interface NavigationIndex {
  readonly byLine: ReadonlyMap<number, readonly Occurrence[]>;
  readonly bySymbol: ReadonlyMap<SymbolKey, readonly Occurrence[]>;
}

const indexOf = derived((model: DockerfileModel): NavigationIndex => buildIndex(model));

// ---------------------------------------------------------------------------------------------
// Public API

export function dockerfileDefinition(model: DockerfileModel, position: Position): Location[] {
  return guard([], () => {
    const occ = occurrenceAt(model, position);
    return occ?.target ? [{ uri: model.uri, range: occ.target }] : [];
  });
}

export function dockerfileReferences(model: DockerfileModel, position: Position, includeDeclaration: boolean): Location[] {
  return guard([], () => {
    const occ = occurrenceAt(model, position);
    if (!occ) return [];
    return (indexOf(model).bySymbol.get(occ.symbol) ?? [])
      .filter((o) => includeDeclaration || !o.declaration)
      .map((o) => ({ uri: model.uri, range: o.range }));
  });
}

export function dockerfileDocumentHighlight(model: DockerfileModel, position: Position): DocumentHighlight[] {
  return guard([], () => {
    const occ = occurrenceAt(model, position);
    if (!occ) return [];
    return (indexOf(model).bySymbol.get(occ.symbol) ?? []).map((o) => ({
      range: o.range,
      kind: o.kind === 'heredoc' ? DocumentHighlightKind.Text : o.declaration ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
    }));
  });
}

export function dockerfilePrepareRename(model: DockerfileModel, position: Position): Range | null {
  return guard(null, () => {
    const occ = occurrenceAt(model, position);
    return occ?.renamable ? occ.range : null;
  });
}

const VALID_NAME: Readonly<Record<Occurrence['kind'], RegExp>> = {
  // BuildKit lower-cases stage names and then requires ^[a-z][a-z0-9-_.]*$.
  stage: /^[A-Za-z][A-Za-z0-9_.-]*$/,
  variable: /^[A-Za-z_][A-Za-z0-9_]*$/,
  heredoc: /^[A-Za-z0-9_.-]+$/,
};

/** Renames every occurrence of the symbol; null when the position has none or the new name would not parse. */
export function dockerfileRename(model: DockerfileModel, position: Position, newName: string): WorkspaceEdit | null {
  return guard(null, () => {
    const occ = occurrenceAt(model, position);
    if (!occ?.renamable || !VALID_NAME[occ.kind].test(newName)) return null;
    const edits: TextEdit[] = (indexOf(model).bySymbol.get(occ.symbol) ?? [])
      .filter((o) => o.renamable)
      .map((o) => ({ range: o.range, newText: newName }));
    return { changes: { [model.uri]: edits } };
  });
}

function guard<T>(fallback: T, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    swallowed(err);
    // Navigation is a nicety: odd input must never turn into an error in the editor.
    return fallback;
  }
}

function occurrenceAt(model: DockerfileModel, pos: Position): Occurrence | undefined {
  const list = indexOf(model).byLine.get(pos.line);
  if (!list) return undefined;
  return list.find((o) => o.range.start.character <= pos.character && pos.character <= o.range.end.character);
}

// ---------------------------------------------------------------------------------------------
// Index

function buildIndex(model: DockerfileModel): NavigationIndex {
  const byLine = new Map<number, Occurrence[]>();
  const bySymbol = new Map<SymbolKey, Occurrence[]>();
  const add = (o: Occurrence): void => {
    // Only single-line tokens are indexed; a name never spans lines.
    if (o.range.start.line !== o.range.end.line) return;
    let l = byLine.get(o.range.start.line);
    if (!l) byLine.set(o.range.start.line, (l = []));
    l.push(o);
    let s = bySymbol.get(o.symbol);
    if (!s) bySymbol.set(o.symbol, (s = []));
    s.push(o);
  };

  // Each instruction's text, sliced once: cheap substring tests spare the costly AST getters.
  const texts = model.instructions.map((i) => model.text.slice(model.document.offsetAt(i.range.start), model.document.offsetAt(i.range.end)));
  indexStages(model, texts, add);
  indexVariables(model, texts, add);
  indexHeredocs(model, texts, add);
  for (const list of bySymbol.values()) list.sort((a, b) => compare(a.range.start, b.range.start));
  return { byLine, bySymbol };
}

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** `AS x` declarations and their uses: `FROM x`, `COPY --from=x`, `RUN --mount=from=x`. */
function indexStages(model: DockerfileModel, texts: readonly string[], add: (o: Occurrence) => void): void {
  for (const s of model.stages) {
    if (s.name && s.nameRange) add({ range: s.nameRange, symbol: s, kind: 'stage', declaration: true, target: s.nameRange, renamable: true });
  }
  /** Only earlier stages count: BuildKit reads a later name as an image. */
  const ref = (at: Stage | undefined, value: string | null, range: Range | null): void => {
    if (!value || !range) return;
    let target: Stage | undefined;
    let numeric = false;
    if (/^\d+$/.test(value)) {
      target = model.stages[Number(value)];
      numeric = true;
    } else {
      target = model.stageByName(value);
    }
    if (!target || target === at) return;
    if (at && target.index > at.index) return;
    add({ range, symbol: target, kind: 'stage', declaration: false, target: target.nameRange ?? target.from.range, renamable: !numeric });
  };
  for (const instr of model.instructions) {
    if (instr.keyword !== 'FROM' && !/from/i.test(texts[instr.index] ?? '')) continue;
    switch (instr.keyword) {
      case 'FROM': {
        const a = instr.args[0];
        // A FROM names a stage only when the stage comes earlier; otherwise it is an image.
        if (a && !/^\d+$/.test(a.getValue())) ref(instr.stage, a.getValue(), a.getRange());
        break;
      }
      case 'COPY': {
        const f = instr.flag('from');
        if (f) ref(instr.stage, f.getValue(), f.getValueRange());
        break;
      }
      case 'RUN':
        for (const f of instr.flags) {
          if (f.getName() !== 'mount') continue;
          for (const o of f.getOptions()) {
            if (o.getName().toLowerCase() === 'from') ref(instr.stage, o.getValue(), o.getValueRange());
          }
        }
        break;
      default:
        break;
    }
  }
}

/**
 * ARG/ENV declarations and `$X` / `${X}` uses, grouped into one symbol per variable per stage:
 * every declaration of a name in a stage (and in the stages built from it) is one symbol, and a
 * global ARG joins the stages that re-declare it with a bare `ARG X`.
 */
function indexVariables(model: DockerfileModel, texts: readonly string[], add: (o: Occurrence) => void): void {
  const table = variablesOf(model);
  const parent = new Map<VarDecl, VarDecl>();
  const find = (d: VarDecl): VarDecl => {
    let r = d;
    for (let p = parent.get(r); p && p !== r; p = parent.get(r)) r = p;
    // Path compression keeps later finds constant.
    for (let c = d, p = parent.get(c); p && p !== r; c = p, p = parent.get(c)) parent.set(c, r);
    return r;
  };
  const union = (a: VarDecl, b: VarDecl): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(rb, ra);
  };

  /** Scope key (stage index, or -1 for globals) + name -> first declaration. */
  const firstIn = new Map<string, VarDecl>();
  for (const d of table.declarations) {
    const scope = d.global ? -1 : d.instr?.stage?.index ?? -1;
    const key = `${scope}\u0000${d.name}`;
    const first = firstIn.get(key);
    if (first) union(first, d);
    else firstIn.set(key, d);
    if (d.fromGlobal) union(d.fromGlobal, d);
  }
  // A stage built FROM an earlier stage continues that stage's variables (declarations come in
  // document order, so the parent's are already grouped).
  for (const d of table.declarations) {
    const stage = d.global ? undefined : d.instr?.stage;
    const p = stage && table.parentStage(stage);
    const inherited = p && firstIn.get(`${p.index}\u0000${d.name}`);
    if (inherited) union(inherited, d);
  }

  const declOcc: { d: VarDecl; range: Range }[] = [];
  for (const d of table.declarations) if (d.nameRange && d.instr) declOcc.push({ d, range: d.nameRange });

  const uses: { d: VarDecl; range: Range }[] = [];
  for (const instr of model.instructions) {
    if (!(texts[instr.index] ?? '').includes('$')) continue;
    scanInstruction(model, instr, (name, range) => {
    const decl = table.resolve(instr, name).decl;
      if (decl?.instr) uses.push({ d: decl, range });
    });
  }

  for (const { d, range } of declOcc) {
    // A bare in-stage `ARG X` re-declaring a global leads to the global's declaration.
    const target = d.fromGlobal?.nameRange ?? range;
    add({ range, symbol: find(d), kind: 'variable', declaration: true, target, renamable: true });
  }
  for (const { d, range } of uses) {
    add({ range, symbol: find(d), kind: 'variable', declaration: false, target: d.nameRange, renamable: true });
  }
}

/**
 * Reports each `$NAME` / `${NAME...}` in an instruction with the range of NAME. Comment lines
 * inside the instruction and escaped dollars are skipped. One pass over the instruction's text.
 */
function scanInstruction(model: DockerfileModel, instr: Instr, report: (name: string, range: Range) => void): void {
  const text = model.text;
  const start = model.document.offsetAt(instr.range.start);
  const end = model.document.offsetAt(instr.range.end);
  let i = indexWithin(text, '$', start, end);
  if (i < 0) return;
  const esc = model.escapeChar;
  let lineStart = text.lastIndexOf('\n', i - 1) + 1;
  let scanned = i;
  for (; i >= 0; i = indexWithin(text, '$', i + 1, end)) {
    if (i > 0 && text[i - 1] === esc) continue;
    for (let k = text.indexOf('\n', scanned); k >= 0 && k < i; k = text.indexOf('\n', k + 1)) lineStart = k + 1;
    scanned = i;
    if (/^\s*#/.test(text.slice(lineStart, Math.min(i, lineStart + 200)))) continue;
    const braced = text[i + 1] === '{';
    const nameStart = braced ? i + 2 : i + 1;
    let j = nameStart;
    if (j < end && /[A-Za-z_]/.test(text[j]!)) {
      j++;
      while (j < end && /[A-Za-z0-9_]/.test(text[j]!)) j++;
      report(text.slice(nameStart, j), { start: model.document.positionAt(nameStart), end: model.document.positionAt(j) });
    }
    i = Math.max(i, j - 1);
  }
}

/** Heredoc openers (`<<EOF`, `<<-"EOF"`) and their closing lines. */
function indexHeredocs(model: DockerfileModel, texts: readonly string[], add: (o: Occurrence) => void): void {
  for (const instr of model.instructions) {
    // The heredoc getter re-scans the instruction: ask only when one can be there.
    if (!(texts[instr.index] ?? '').includes('<<')) continue;
    const holder = instr.onbuildTrigger ?? instr;
    for (const h of holder.heredocs) {
      const name = h.getNameRange();
      if (!h.getName()) continue;
      add({ range: name, symbol: h, kind: 'heredoc', declaration: true, target: name, renamable: true });
      const end = h.getDelimiterRange();
      if (end) add({ range: end, symbol: h, kind: 'heredoc', declaration: false, target: name, renamable: true });
    }
  }
}
