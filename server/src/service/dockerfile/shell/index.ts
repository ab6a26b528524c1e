import type { JSONArgument } from 'dockerfile-ast';
import type { Position, Range } from 'vscode-languageserver-types';
import { derived } from '../../derived';
import { indexWithin } from '../../text';
import type { DockerfileModel, Instr } from '../model';
import { suppressionsOf } from '../suppression';
import type { ShellCursor, ShellNodeTypes } from './parser';
import { isShellParserReady, shellNodeTypes, withShellTree } from './parser';

export { initShellParser, isShellParserReady } from './parser';
export type { ShellParserWasm } from './parser';

/** One word of a simple command, located in the Dockerfile. */
export interface ShellWord {
  /** The word as written in the shell text (quotes kept, continuations removed). */
  readonly text: string;
  /** The word after quote removal when it is static; undefined when it expands (`$X`, `$(…)`). */
  readonly value: string | undefined;
  /** Where the word is in the Dockerfile (it may span continuation lines). */
  readonly range: Range;
  /** Document offsets of the word. */
  readonly start: number;
  readonly end: number;
}

export type ShellOperator = '&&' | '||' | ';' | '|' | '&';
export type Nesting = 'subshell' | 'group' | 'if' | 'loop' | 'case' | 'function' | 'substitution';

export interface ShellRedirect {
  readonly op: string;
  readonly target: ShellWord | undefined;
}

/** A simple command: optional assignments, a name and its arguments. */
export interface ShellCommand {
  /** Static command name (`apt-get`), or undefined when the name expands. */
  readonly name: string | undefined;
  /** The name first, then the arguments; assignments and redirects excluded. */
  readonly words: readonly ShellWord[];
  readonly redirects: readonly ShellRedirect[];
  /** Enclosing constructs, outermost first. */
  readonly nesting: readonly Nesting[];
  /** Operator that joins this command to the previous/next one at its level (`;` also for a newline). */
  prev: ShellOperator | undefined;
  next: ShellOperator | undefined;
  /** True for commands of a heredoc body that runs as the script (`RUN <<EOF`). */
  readonly inHeredoc: boolean;
  /** Document offsets of the whole command. */
  readonly start: number;
  readonly end: number;
}

export interface ShellMount {
  readonly type: string;
  readonly target: string | undefined;
}

/** Everything the shell rules need about one RUN, computed once per instruction. */
export interface ShellView {
  readonly instr: Instr;
  /** The RUN's flags as written (`--mount=…`), sorted and space-joined: equal strings mean equal flags. */
  readonly flags: string;
  /** True when the RUN has heredocs. */
  readonly heredoc: boolean;
  readonly form: 'shell' | 'exec';
  readonly commands: readonly ShellCommand[];
  /** `|` operators in document order (shell form only). */
  readonly pipes: readonly Range[];
  readonly mounts: readonly ShellMount[];
  /**
   * Where a command can be appended with ` && …`: the end of the shell text of a one-part shell-form RUN
   * (no heredoc). Undefined when appending is not safe.
   */
  readonly appendAt: Position | undefined;
  /** False when the shell is not POSIX (a `SHELL ["pwsh", …]`, `# hadolint shell=powershell`): rules skip it. */
  readonly posix: boolean;
  /** The stage's SHELL already sets `-o pipefail`. */
  readonly shellPipefail: boolean;
  /** What rules derive from the view once for all of them (see `commandsNamed`, `perView`). */
  readonly memo: ShellViewMemo;
}

export interface ShellViewMemo {
  byName: Map<string, ShellCommand[]> | undefined;
  shared: Map<object, unknown> | undefined;
}

const POSIX_SHELLS: ReadonlySet<string> = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);
const NON_POSIX = /^(pwsh|powershell|cmd)(\.exe)?$/i;
/** Base images (or the variables naming them) that are Windows, where RUN goes to cmd unless SHELL says otherwise. */
const WINDOWS_IMAGE = /windows|servercore|nanoserver/i;

/** The executable's base name, lower-cased, without `.exe`. */
export function basename(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return p.slice(i + 1).toLowerCase().replace(/\.exe$/, '');
}

interface StageShell {
  readonly posix: boolean;
  readonly pipefail: boolean;
}

/** The SHELL in effect for each instruction index, tracked once per model (SHELL resets at FROM). */
const stageShells = derived((model: DockerfileModel): Map<number, StageShell> => {
  const map = new Map<number, StageShell>();
  const pragma = suppressionsOf(model).shell;
  const filePosix = pragma === undefined || POSIX_SHELLS.has(basename(pragma));
  let current: StageShell = { posix: filePosix, pipefail: false };
  const byStage = new Map<number, StageShell>();
  for (const instr of model.instructions) {
    if (instr.keyword === 'FROM') {
      // A stage built on another inherits its SHELL; Windows images default to cmd, not a POSIX shell.
      const image = instr.args[0]?.getValue() ?? '';
      const parent = model.stageByName(image);
      const inherited = parent && instr.stage && parent.index < instr.stage.index ? byStage.get(parent.index) : undefined;
      current = inherited ?? { posix: filePosix && !WINDOWS_IMAGE.test(image), pipefail: false };
    }
    else if (instr.keyword === 'SHELL' && instr.isJsonForm) {
      const words = jsonWords(instr).map((w) => w.getJSONValue());
      const exe = words[0] ?? '';
      const posix = filePosix && !NON_POSIX.test(basename(exe));
      const pipefail = words.some((w, i) => w === 'pipefail' && i > 0 && /^-[a-z]*o$/i.test(words[i - 1] ?? ''));
      current = { posix, pipefail };
    }
    map.set(instr.index, current);
    if (instr.stage) byStage.set(instr.stage.index, current);
  }
  return map;
});

function jsonWords(instr: Instr): JSONArgument[] {
  const n = instr.node as unknown as { getJSONStrings?: () => JSONArgument[] };
  return typeof n.getJSONStrings === 'function' ? n.getJSONStrings() : [];
}

/**
 * The longest RUN (flags excluded, heredoc bodies included), in characters, that the shell rules read. Real
 * RUNs are a few KB at most (the corpus's longest is under 5 KB); past this a RUN is generated or pasted
 * data, and parsing it and reporting on every word could stall the editor (a 10 MB RUN of package names took
 * minutes and gigabytes). `run-too-long-to-check` says so where it happens.
 */
export const MAX_SHELL_CHARS = 128 * 1024;

/** The RUN's command length in characters when it is over `MAX_SHELL_CHARS` (the shell rules skip it), else undefined. */
export function runTooLongToCheck(model: DockerfileModel, instr: Instr): number | undefined {
  // Every RUN is asked: the instruction's whole length decides for all real ones without splitting off the flags.
  const doc = model.document;
  if (doc.offsetAt(instr.range.end) - doc.offsetAt(instr.keywordRange.end) <= MAX_SHELL_CHARS) return undefined;
  const { start, end } = splitFlags(model, instr);
  return end - start > MAX_SHELL_CHARS ? end - start : undefined;
}

/**
 * The shell view of a RUN (or of an ONBUILD's RUN trigger), parsed once per instruction and shared by
 * every shell rule. Undefined when the instruction is not a RUN, has no command, is over `MAX_SHELL_CHARS`,
 * or the parser is not loaded.
 */
export function shellView(model: DockerfileModel, instr: Instr): ShellView | undefined {
  // Kept on the instruction (memo): ~35 rules ask for it per RUN, and a WeakMap lookup each was visible in profiles.
  const hit = instr.memo.shellView as ShellView | null | undefined;
  if (hit !== undefined) return hit ?? undefined;
  let view: ShellView | undefined;
  try {
    view = instr.keyword === 'RUN' ? buildView(model, instr) : undefined;
  } catch {
    // Odd input must never take the whole validation down: the shell rules just see nothing here.
    view = undefined;
  }
  instr.memo.shellView = view ?? null;
  return view;
}

/** `--mount=type=cache,target=/x` etc. from the raw flag words (dockerfile-ast's flag getters re-split the whole instruction on every call). */
function mountsOf(flags: readonly string[]): ShellMount[] {
  const out: ShellMount[] = [];
  for (const f of flags) {
    if (!f.startsWith('--mount=')) continue;
    let type = 'bind';
    let target: string | undefined;
    for (const part of f.slice(8).split(',')) {
      const eq = part.indexOf('=');
      const k = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
      const v = eq < 0 ? '' : part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
      if (k === 'type') type = v.toLowerCase();
      else if (k === 'target' || k === 'dst' || k === 'destination') target = v;
    }
    out.push({ type, target });
  }
  return out;
}


/** Skips blanks and line continuations; returns the offset of the next word. */
function skipBlanks(text: string, i: number, end: number, escape: string): number {
  while (i < end) {
    const c = text[i]!;
    if (c === ' ' || c === '\t') i++;
    else if (c === escape) {
      let j = i + 1;
      while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
      if (j < end && (text[j] === '\n' || text[j] === '\r')) {
        i = j + 1;
        while (i < end && text[i] === '\n') i++;
      } else return i;
    } else if (c === '\n' || c === '\r') i++;
    else return i;
  }
  return i;
}

/** The RUN's flags (`--mount=…`, as written) and the offset where the command starts. */
function splitFlags(model: DockerfileModel, instr: Instr): { flags: string[]; start: number; end: number } {
  const text = model.text;
  const end = model.document.offsetAt(instr.range.end);
  const flags: string[] = [];
  let i = skipBlanks(text, model.document.offsetAt(instr.keywordRange.end), end, model.escapeChar);
  while (i < end && text.startsWith('--', i)) {
    let j = i;
    while (j < end && !/\s/.test(text[j]!)) j++;
    flags.push(text.slice(i, j));
    i = skipBlanks(text, j, end, model.escapeChar);
  }
  return { flags, start: i, end };
}

function buildView(model: DockerfileModel, instr: Instr): ShellView | undefined {
  const shells = stageShells(model);
  const shell = shells.get(instr.parent ? instr.parent.index : instr.index) ?? { posix: true, pipefail: false };
  const { flags, start, end } = splitFlags(model, instr);
  if (end - start > MAX_SHELL_CHARS) return undefined;
  const mounts = mountsOf(flags);
  // One literal per return (no `...base` spread): the spread was a visible share of this function's cost.
  const flagKey = flags.slice().sort().join(' ');

  if (instr.isJsonForm) {
    const words: ShellWord[] = jsonWords(instr).map((a) => {
      // The word's range includes its quotes, as the user sees the string.
      const r = a.getRange();
      const start = model.document.offsetAt(r.start);
      const end = model.document.offsetAt(r.end);
      return { text: model.text.slice(start, end), value: a.getJSONValue(), range: r, start, end };
    });
    if (words.length === 0) return undefined;
    const cmd: ShellCommand = {
      name: words[0]!.value, words, redirects: [], nesting: [], prev: undefined, next: undefined,
      inHeredoc: false, start: words[0]!.start, end: words[words.length - 1]!.end,
    };
    return new RunView(instr, mounts, flagKey, shell, false, 'exec', { commands: [cmd], pipes: [], appendAt: undefined });
  }

  if (start >= end) return undefined;
  // dockerfile-ast's heredoc getter re-splits the instruction: ask only when a `<<` is there at all.
  const heredocs = indexWithin(model.text, '<<', start, end) >= 0 ? instr.heredocs : [];
  const bodies: [number, number][] = [];
  for (const h of heredocs) {
    const c = h.getContentRange();
    const d = h.getDelimiterRange();
    const from = c ? c.start : d?.start;
    const to = d ? d.end : c?.end;
    if (from && to) bodies.push([model.document.offsetAt(from), model.document.offsetAt(to)]);
  }
  // `RUN <<EOF` with nothing else on the line: the body is the script and there is no command line to parse.
  let bare = false;
  if (heredocs.length > 0) {
    const opLine = heredocs[0]!.getStartRange().start.line;
    const lineEnd = model.document.offsetAt({ line: opLine + 1, character: 0 });
    const commandPart = model.text.slice(start, Math.min(lineEnd, end)).replace(/<<-?\s*(["']?)[A-Za-z0-9_.-]+\1/g, '');
    bare = commandPart.split(model.escapeChar).join('').trim() === '';
  }
  // Rules skip a RUN whose shell is not POSIX (PowerShell, cmd), and consecutive-run counts no commands in it
  // (see structure.ts): it is not parsed. Bash's error recovery on such text was 3% of a corpus validation.
  if (!shell.posix && heredocs.length === 0 && isShellParserReady()) return new RunView(instr, mounts, flagKey, shell, false, 'shell', NOT_PARSED);
  const parsed = parseShellRun(model, heredocs, start, end, bare, bodies);
  if (!parsed) return undefined;
  return new RunView(instr, mounts, flagKey, shell, heredocs.length > 0, 'shell', parsed);
}

const NOT_PARSED: ParsedRun = { commands: [], pipes: [], appendAt: undefined };

/**
 * Every view has this one class (one shape): the rules read its fields on every RUN, and views built by
 * spreading a base object into a literal were slow to build and gave those reads several shapes to check.
 */
class RunView implements ShellView {
  readonly posix: boolean;
  readonly shellPipefail: boolean;
  readonly memo: ShellViewMemo = { byName: undefined, shared: undefined };

  constructor(
    readonly instr: Instr, readonly mounts: readonly ShellMount[], readonly flags: string, shell: StageShell, readonly heredoc: boolean,
    readonly form: 'shell' | 'exec', private readonly parsed: ParsedRun,
  ) {
    this.posix = shell.posix;
    this.shellPipefail = shell.pipefail;
  }

  get commands(): readonly ShellCommand[] {
    return this.parsed.commands;
  }

  get pipes(): readonly Range[] {
    return this.parsed.pipes;
  }

  get appendAt(): Position | undefined {
    return this.parsed.appendAt;
  }
}

interface ParsedRun {
  readonly commands: readonly ShellCommand[];
  readonly pipes: readonly Range[];
  readonly appendAt: Position | undefined;
}

/** Commands, pipes and append point of a shell-form RUN's text from `start` to `end` (and of the heredoc it runs). */
function parseShellRun(model: DockerfileModel, heredocs: Instr['heredocs'], start: number, end: number, bare: boolean, bodies: [number, number][]): ParsedRun | undefined {
  const parsedMain = parseRun(model, start, bare ? start : end, bodies);
  if (!parsedMain) return undefined;
  const { src, script: main } = parsedMain;
  const commands: ShellCommand[] = locate(main, src, model, false);
  const pipes: Range[] = main.pipes.map(([ps, pe]) => ({ start: model.document.positionAt(startOf(src, ps)), end: model.document.positionAt(endOf(src, pe)) }));

  // `RUN <<EOF` (no command) and `RUN bash <<EOF` run the body as the script; `RUN python3 <<EOF` does not.
  if (heredocs.length > 0) {
    const runsBody = bare ||
      (commands.length === 1 && commands[0]!.name !== undefined && POSIX_SHELLS.has(basename(commands[0]!.name)) &&
        !commands[0]!.words.some((w) => w.value !== undefined && /^-[a-z]*c[a-z]*$/i.test(w.value)));
    const content = heredocs[0]!.getContentRange();
    if (runsBody && content) {
      const body = identitySource(model.text, model.document.offsetAt(content.start), model.document.offsetAt(content.end));
      const script = parseScript(body.text);
      if (script) {
        commands.push(...locate(script, body, model, true));
        for (const [ps, pe] of script.pipes) pipes.push({ start: model.document.positionAt(startOf(body, ps)), end: model.document.positionAt(endOf(body, pe)) });
      }
    }
  }

  const appendAt = heredocs.length === 0 && main.tail !== undefined ? model.document.positionAt(endOf(src, main.tail)) : undefined;
  return { commands, pipes, appendAt };
}

/** Document offset just after the shell text's character at `endIndex - 1`, so a word ending a continued line ends on that line. */
function endOf(src: Source, endIndex: number): number {
  return src.base + (endIndex > 0 ? sourceOffset(src, endIndex - 1) + 1 : sourceOffset(src, 0));
}

function startOf(src: Source, index: number): number {
  return src.base + sourceOffset(src, index);
}

/** Offset (from `base`) in the Dockerfile of the shell text's offset `index` (0 to text.length; 0 outside that). */
export function sourceOffset(src: Source, index: number): number {
  if (!(index >= 0 && index <= src.text.length)) return 0;
  const segs = src.segments;
  // The last segment starting at or before `index`: continued lines make a few segments per RUN.
  let lo = 0;
  let hi = segs.length / 2 - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs[2 * mid]! <= index) lo = mid;
    else hi = mid - 1;
  }
  return segs[2 * lo + 1]! + (index - segs[2 * lo]!);
}

function locate(script: RawScript, src: Source, model: DockerfileModel, inHeredoc: boolean): ShellCommand[] {
  return script.commands.map((c) => new LocatedCommand(c, src, model.document, inHeredoc));
}

/** A command whose words are located in the document only when a rule looks past the name (most never do). */
class LocatedCommand implements ShellCommand {
  readonly name: string | undefined;
  readonly nesting: readonly Nesting[];
  prev: ShellOperator | undefined;
  next: ShellOperator | undefined;
  readonly start: number;
  readonly end: number;
  private _words: ShellWord[] | undefined;
  private _redirects: ShellRedirect[] | undefined;

  constructor(private readonly raw: RawCommand, private readonly src: Source, private readonly doc: DockerfileModel['document'], readonly inHeredoc: boolean) {
    this.name = raw.words[0]?.value;
    this.nesting = raw.nesting;
    this.prev = raw.prev;
    this.next = raw.next;
    this.start = startOf(src, raw.s);
    this.end = endOf(src, raw.e);
  }

  private word(w: RawWord): ShellWord {
    return new LocatedWord(w.text, w.value, startOf(this.src, w.s), endOf(this.src, w.e), this.doc);
  }

  get words(): readonly ShellWord[] {
    return (this._words ??= this.raw.words.map((w) => this.word(w)));
  }

  get redirects(): readonly ShellRedirect[] {
    return (this._redirects ??= this.raw.redirects.map((r) => ({ op: r.op, target: r.target ? this.word(r.target) : undefined })));
  }
}

/** A word whose range is computed only when a rule reports it (most words are never reported). */
class LocatedWord implements ShellWord {
  private _range: Range | undefined;
  constructor(readonly text: string, readonly value: string | undefined, readonly start: number, readonly end: number, private readonly doc: DockerfileModel['document']) {}
  get range(): Range {
    return (this._range ??= { start: this.doc.positionAt(this.start), end: this.doc.positionAt(this.end) });
  }
}

/** Shell text with where each of its offsets came from in the Dockerfile. */
interface Source {
  readonly text: string;
  /**
   * Pairs (shell offset s, offset d from `base`), by s: text[i] is at base + d + (i - s) for the last pair with
   * s <= i, and offset text.length maps to just after the last char. A pair starts wherever text was left out
   * (a continuation), so a RUN has a few rather than a map entry per character. Relative to `base`, so a cached
   * parse can be reused wherever the same text appears.
   */
  readonly segments: readonly number[];
  readonly base: number;
}

function identitySource(text: string, from: number, to: number): Source {
  return { text: text.slice(from, to), segments: [0, 0], base: from };
}

/**
 * Removes Dockerfile line continuations (escape char, optional blanks, newline) and the comment and blank
 * lines the builder drops inside a continued instruction, keeping heredoc bodies verbatim.
 */
export function joinContinuations(text: string, from: number, to: number, escape: string, verbatim: readonly [number, number][] = []): Source {
  // The kept text is copied in runs (one slice per stretch between two removed parts), not char by char,
  // and each run is one segment of the offset map.
  let out = '';
  let run = from;
  const segments: number[] = [0, 0];
  const esc = escape.charCodeAt(0);
  let n = 0;
  let i = from;
  let v = 0;
  /** Text was left out before `i`: what follows is a new segment (unless nothing was kept since the last one). */
  const cut = (): void => {
    if (segments[segments.length - 2] === n) segments[segments.length - 1] = i - from;
    else segments.push(n, i - from);
  };
  while (i < to) {
    const body = verbatim[v];
    if (body && i >= body[0]) {
      const bodyEnd = Math.min(body[1], to);
      if (i < bodyEnd) {
        n += bodyEnd - i;
        i = bodyEnd;
      }
      v++;
      continue;
    }
    const ch = text.charCodeAt(i);
    if (ch === esc) {
      let j = i + 1;
      while (j < to && (text[j] === ' ' || text[j] === '\t')) j++;
      if (j < to && (text[j] === '\n' || (text[j] === '\r' && text[j + 1] === '\n'))) {
        j += text[j] === '\r' ? 2 : 1;
        // Blank and comment lines inside a continued instruction are dropped by the builder.
        for (;;) {
          let k = j;
          while (k < to && (text[k] === ' ' || text[k] === '\t')) k++;
          const eol = text.indexOf('\n', k);
          if (k < to && (text[k] === '\n' || text[k] === '\r' || text[k] === '#') && eol >= 0 && eol < to) j = eol + 1;
          else break;
        }
        out += text.slice(run, i);
        i = run = j;
        cut();
        continue;
      }
    }
    if (ch === 13 && text[i + 1] === '\n') {
      out += text.slice(run, i);
      run = ++i;
      cut();
      continue;
    }
    n++;
    i++;
  }
  out += text.slice(run, i);
  return { text: out, segments, base: from };
}

/** A parsed script in shell-text offsets: independent of where the text sits, so it can be reused. */
interface RawWord {
  readonly text: string;
  readonly value: string | undefined;
  readonly s: number;
  readonly e: number;
}

interface RawCommand {
  /** The name first, then the arguments. */
  readonly words: RawWord[];
  readonly redirects: { op: string; target: RawWord | undefined }[];
  readonly nesting: readonly Nesting[];
  prev: ShellOperator | undefined;
  next: ShellOperator | undefined;
  readonly s: number;
  readonly e: number;
}

interface RawScript {
  readonly commands: RawCommand[];
  readonly pipes: [number, number][];
  /** End of the last top-level node when appending ` && x` after it is safe (not after `&`, `;` or a comment). */
  readonly tail: number | undefined;
}

/** The command text of a RUN from `start` to `end`, joined and parsed, reused when the same text was seen before. */
function parseRun(model: DockerfileModel, start: number, end: number, bodies: readonly [number, number][]): { src: Source; script: RawScript } | undefined {
  const key = `R${model.escapeChar}${model.text.slice(start, end)}`;
  const hit = runCache.get(key);
  if (hit) {
    runCache.delete(key);
    runCache.set(key, hit);
    return { src: { ...hit.src, base: start }, script: hit.script };
  }
  const src = joinContinuations(model.text, start, end, model.escapeChar, bodies);
  const script = parseScript(src.text);
  if (!script) return undefined;
  runCache.set(key, { src, script });
  if (runCache.size > SCRIPT_CACHE_SIZE) runCache.delete(runCache.keys().next().value!);
  return { src, script };
}

const runCache = new Map<string, { src: Source; script: RawScript }>();

/**
 * Parsed scripts by text. A new document version re-parses only the RUNs whose text changed: the rest come
 * from here (a bounded, least-recently-used cache), which keeps validation on every keystroke cheap.
 */
const scriptCache = new Map<string, RawScript | null>();
const SCRIPT_CACHE_SIZE = 4096;

/** Forgets every cached parse (benchmarks measure the cold cost with it). */
export function clearShellCache(): void {
  scriptCache.clear();
  runCache.clear();
}

function parseScript(text: string): RawScript | undefined {
  const hit = scriptCache.get(text);
  if (hit !== undefined) {
    scriptCache.delete(text);
    scriptCache.set(text, hit);
    return hit ?? undefined;
  }
  const script = walkScript(text);
  if (!script) return undefined; // parser not loaded yet: do not remember the miss
  scriptCache.set(text, script);
  if (scriptCache.size > SCRIPT_CACHE_SIZE) scriptCache.delete(scriptCache.keys().next().value!);
  return script;
}

/**
 * Parses and walks `text`. Every command's words are collected: a walk over the parser's flat records costs
 * little, and it measured no slower than stopping at the names of commands no rule inspects.
 */
function walkScript(text: string): RawScript | undefined {
  const types = shellNodeTypes();
  return types && withShellTree(text, (cursor) => {
    const ctx: WalkContext = { text, types, commands: [], pipes: [], pending: undefined };
    walk(cursor, ctx, [], cursor.nodeTypeId);
    return { commands: ctx.commands, pipes: ctx.pipes, tail: tailOf(cursor, types) };
  });
}

/** Where the script's last part ends, when it is a complete command or construct (no error, not a comment). */
function tailOf(root: ShellCursor, types: ShellNodeTypes): number | undefined {
  if (root.hasError || !root.gotoFirstChild()) return undefined;
  while (root.gotoNextSibling());
  const id = root.nodeTypeId;
  return isNamed(types, id) && typeName(types, id) !== 'comment' ? root.endIndex : undefined;
}

interface WalkContext {
  readonly text: string;
  readonly types: ShellNodeTypes;
  readonly commands: RawCommand[];
  readonly pipes: [number, number][];
  pending: ShellOperator | undefined;
}

const NEST: Readonly<Record<string, Nesting>> = {
  subshell: 'subshell', compound_statement: 'group', if_statement: 'if', while_statement: 'loop',
  for_statement: 'loop', c_style_for_statement: 'loop', case_statement: 'case', function_definition: 'function',
  command_substitution: 'substitution', process_substitution: 'substitution',
};

const OPERATORS: ReadonlySet<string> = new Set(['&&', '||', ';', '|', '&', '|&', '\n', ';;']);

/*
 * The walk goes through a cursor over the parse's flat records (./parser.ts): no object per node. Each
 * node's type id is read once and passed down, and its name and named-ness come from the grammar's tables.
 * Each function leaves the cursor on the node it was given.
 */

function typeName(types: ShellNodeTypes, id: number): string {
  return types.names[id] ?? 'ERROR';
}

function isNamed(types: ShellNodeTypes, id: number): boolean {
  return id >= types.named.length || types.named[id] === 1;
}

/** Collects the simple commands under the cursor's node (of type `id`) in source order and links them by their operators. */
function walk(c: ShellCursor, ctx: WalkContext, nesting: readonly Nesting[], id: number): void {
  const type = typeName(ctx.types, id);
  if (type === 'command') {
    command(c, ctx, nesting);
    return;
  }
  if (type === 'heredoc_body' || type === 'comment') return;
  const nest = NEST[type];
  const inner = nest ? [...nesting, nest] : nesting;
  if (!c.gotoFirstChild()) return;
  do {
    const child = c.nodeTypeId;
    if (isNamed(ctx.types, child)) walk(c, ctx, inner, child);
    else {
      const t = typeName(ctx.types, child);
      const op = t === '|&' ? '|' : t;
      if (OPERATORS.has(op)) link(ctx, op === '\n' || op === ';;' ? ';' : (op as ShellOperator), c);
    }
  } while (c.gotoNextSibling());
  c.gotoParent();
}

/** Walks only into command and process substitutions below the cursor (`echo $(curl …)` runs curl too). */
function findNested(c: ShellCursor, ctx: WalkContext, nesting: readonly Nesting[], id: number): void {
  const type = typeName(ctx.types, id);
  if (type === 'command_substitution' || type === 'process_substitution') {
    walk(c, ctx, nesting, id);
    return;
  }
  if (!c.gotoFirstChild()) return;
  do {
    const child = c.nodeTypeId;
    if (isNamed(ctx.types, child)) findNested(c, ctx, nesting, child);
  } while (c.gotoNextSibling());
  c.gotoParent();
}

/** False when the text from `s` to `e` cannot hold a substitution: no `(` (for `$(`, `<(`, `>(`) and no backquote. */
function mayNest(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 40 || ch === 96) return true;
  }
  return false;
}

/** Records `op` (the cursor's node) after the last command seen so far and before the next one. */
function link(ctx: WalkContext, op: ShellOperator, c: ShellCursor): void {
  const last = ctx.commands[ctx.commands.length - 1];
  if (last && last.next === undefined) last.next = op;
  ctx.pending = op;
  // Only pipes are located: no rule needs where the other operators are.
  if (op === '|') ctx.pipes.push([c.startIndex, c.endIndex]);
}

function command(c: ShellCursor, ctx: WalkContext, nesting: readonly Nesting[]): void {
  const words: RawWord[] = [];
  const redirects: { op: string; target: RawWord | undefined }[] = [];
  // Pushed before its substitutions, so commands stay in source order.
  ctx.commands.push({ words, redirects, nesting, prev: ctx.pending, next: undefined, s: c.startIndex, e: c.endIndex });
  ctx.pending = undefined;
  if (!c.gotoFirstChild()) return;
  const types = ctx.types;
  do {
    const id = c.nodeTypeId;
    if (!isNamed(types, id)) continue;
    const t = typeName(types, id);
    const s = c.startIndex;
    const e = c.endIndex;
    if (t === 'file_redirect' || t === 'herestring_redirect' || t === 'heredoc_redirect') redirects.push(redirect(c, ctx));
    else if (t === 'command_name') {
      if (c.gotoFirstChild()) {
        words.push(wordAt(c, ctx, c.nodeTypeId));
        c.gotoParent();
      } else words.push(wordAt(c, ctx, id, s, e));
    } else if (t !== 'variable_assignment' && t !== 'variable_assignments' && t !== 'comment') words.push(wordAt(c, ctx, id, s, e));
    if (mayNest(ctx.text, s, e)) findNested(c, ctx, nesting, id);
  } while (c.gotoNextSibling());
  c.gotoParent();
}

function redirect(c: ShellCursor, ctx: WalkContext): { op: string; target: RawWord | undefined } {
  let op = '';
  let target: RawWord | undefined;
  if (c.gotoFirstChild()) {
    do {
      const id = c.nodeTypeId;
      if (!isNamed(ctx.types, id)) {
        if (!op) op = typeName(ctx.types, id);
      } else if (typeName(ctx.types, id) !== 'file_descriptor') target = wordAt(c, ctx, id);
    } while (c.gotoNextSibling());
    c.gotoParent();
  }
  return { op, target };
}

/** The word under the cursor (of type `id`, from `s` to `e` when the caller already read them). */
function wordAt(c: ShellCursor, ctx: WalkContext, id: number, s = c.startIndex, e = c.endIndex): RawWord {
  const text = ctx.text.slice(s, e);
  return { text, value: staticValue(c, ctx, id, text), s, e };
}

/** The value of the word under the cursor (of type `id`, written `text`) after quote removal, when nothing in it expands. */
function staticValue(c: ShellCursor, ctx: WalkContext, id: number, text: string): string | undefined {
  switch (typeName(ctx.types, id)) {
    case 'word':
    case 'number':
      return text.includes('\\') ? text.replace(/\\(.)/gs, '$1') : text;
    case 'raw_string':
      return text.slice(1, -1);
    case 'string': {
      // In the bash grammar a string's only children without `$` or a backquote are its text and quotes,
      // unless error recovery put something there: then the children need no visit.
      let plain = true;
      const simple = !text.includes('$') && !text.includes('`') && !c.hasError;
      if (!simple && c.gotoFirstChild()) {
        do {
          const child = c.nodeTypeId;
          if (isNamed(ctx.types, child) && typeName(ctx.types, child) !== 'string_content') plain = false;
        } while (plain && c.gotoNextSibling());
        c.gotoParent();
      }
      return plain ? text.slice(1, -1).replace(/\\([$`"\\\n])/g, '$1') : undefined;
    }
    case 'concatenation': {
      let out: string | undefined = '';
      if (c.gotoFirstChild()) {
        do {
          const child = c.nodeTypeId;
          // Only these types can have a static value.
          const v = STATIC_TYPES.has(typeName(ctx.types, child)) ? staticValue(c, ctx, child, ctx.text.slice(c.startIndex, c.endIndex)) : undefined;
          out = v === undefined ? undefined : out + v;
        } while (out !== undefined && c.gotoNextSibling());
        c.gotoParent();
      }
      return out;
    }
    default:
      return undefined;
  }
}

const STATIC_TYPES: ReadonlySet<string> = new Set(['word', 'number', 'raw_string', 'string', 'concatenation']);

// ---- helpers the rules share ----

/** Arguments after the command name. */
export function argsOf(cmd: ShellCommand): readonly ShellWord[] {
  return cmd.words.slice(1);
}

/** True when a static argument is this flag: `-y` matches `-y`, `-qy` (short flags bundle) and `--yes`. */
export function hasFlag(cmd: ShellCommand, short: readonly string[], long: readonly string[] = []): boolean {
  return cmd.words.some((w, i) => i > 0 && w.value !== undefined && flagMatches(w.value, short, long));
}

export function flagMatches(v: string, short: readonly string[], long: readonly string[]): boolean {
  if (v.startsWith('--')) {
    const name = v.slice(2).split('=')[0]!;
    return long.includes(name);
  }
  if (v.startsWith('-') && v.length > 1) {
    const letters = v.slice(1).split('=')[0]!;
    return short.some((s) => (s.length === 1 ? letters.includes(s) : letters === s));
  }
  return false;
}

/**
 * Non-flag arguments after the sub-command, skipping the values of the options listed in `withValue`
 * (written `-t x`, `--target x`, `-tx` or `--target=x`).
 */
export function operands(cmd: ShellCommand, subcommands: readonly string[], withValue: readonly string[] = []): ShellWord[] {
  const out: ShellWord[] = [];
  let seenSub = false;
  const words = cmd.words;
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    const v = w.value;
    if (v !== undefined && v.startsWith('-') && v.length > 1) {
      if (v.startsWith('--')) {
        if (!v.includes('=') && withValue.includes(v.slice(2))) i++;
      } else if (v.length === 2 && withValue.includes(v.slice(1))) i++;
      continue;
    }
    if (!seenSub) {
      if (v !== undefined && subcommands.includes(v)) seenSub = true;
      continue;
    }
    out.push(w);
  }
  return seenSub ? out : [];
}

/** The first static non-flag argument (the sub-command of `apt-get install`, `pip install`). */
export function subcommand(cmd: ShellCommand, withValue: readonly string[] = []): ShellWord | undefined {
  const words = cmd.words;
  for (let i = 1; i < words.length; i++) {
    const v = words[i]!.value;
    if (v === undefined) return undefined;
    if (v.startsWith('-') && v.length > 1) {
      if (v.length === 2 && withValue.includes(v.slice(1))) i++;
      else if (v.startsWith('--') && !v.includes('=') && withValue.includes(v.slice(2))) i++;
      continue;
    }
    return words[i];
  }
  return undefined;
}

/** True when a cache or tmpfs mount covers `dir` (the cleanup the rule asks for is then pointless). */
export function hasCacheMount(view: ShellView, dirs: readonly string[]): boolean {
  return view.mounts.some((m) => (m.type === 'cache' || m.type === 'tmpfs') && m.target !== undefined &&
    dirs.some((d) => stripSlash(m.target!) === stripSlash(d) || stripSlash(d).startsWith(stripSlash(m.target!) + '/')));
}

function stripSlash(p: string): string {
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}

const NO_COMMANDS: readonly ShellCommand[] = [];

/**
 * The commands with this static name (after `sudo`/`env` are not unwrapped: hadolint does not either).
 * Most rules ask for a name the RUN does not use: the view's commands are indexed by name once, for all of them.
 */
export function commandsNamed(view: ShellView, names: readonly string[]): readonly ShellCommand[] {
  let index = view.memo.byName;
  if (!index) {
    index = new Map();
    for (const c of view.commands) {
      if (c.name === undefined) continue;
      const list = index.get(c.name);
      if (list) list.push(c);
      else index.set(c.name, [c]);
    }
    view.memo.byName = index;
  }
  if (names.length === 1) return index.get(names[0]!) ?? NO_COMMANDS;
  if (!names.some((n) => index.has(n))) return NO_COMMANDS;
  return view.commands.filter((c) => c.name !== undefined && names.includes(c.name));
}

/** `compute(view)` once per view, kept on the view and shared by every rule that asks (one install list serves several rules). */
export function perView<T extends object>(compute: (view: ShellView) => T): (view: ShellView) => T {
  return (view) => {
    const shared = (view.memo.shared ??= new Map());
    let v = shared.get(compute) as T | undefined;
    if (v === undefined) {
      v = compute(view);
      shared.set(compute, v);
    }
    return v;
  };
}
