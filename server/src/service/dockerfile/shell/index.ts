import type { JSONArgument } from 'dockerfile-ast';
import type { Node } from 'web-tree-sitter';
import type { Position, Range } from 'vscode-languageserver-types';
import type { DockerfileModel, Instr } from '../model';
import { suppressionsOf } from '../suppression';
import { withShellTree } from './parser';

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

const stageShellCache = new WeakMap<DockerfileModel, Map<number, StageShell>>();

/** The SHELL in effect for each instruction index, tracked once per model (SHELL resets at FROM). */
function stageShells(model: DockerfileModel): Map<number, StageShell> {
  let map = stageShellCache.get(model);
  if (map) return map;
  map = new Map();
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
  stageShellCache.set(model, map);
  return map;
}

function jsonWords(instr: Instr): JSONArgument[] {
  const n = instr.node as unknown as { getJSONStrings?: () => JSONArgument[] };
  return typeof n.getJSONStrings === 'function' ? n.getJSONStrings() : [];
}

const viewCache = new WeakMap<Instr, ShellView | null>();

/**
 * The shell view of a RUN (or of an ONBUILD's RUN trigger), parsed once per instruction and shared by
 * every shell rule. Undefined when the instruction is not a RUN, has no command, or the parser is not loaded.
 */
export function shellView(model: DockerfileModel, instr: Instr): ShellView | undefined {
  const hit = viewCache.get(instr);
  if (hit !== undefined) return hit ?? undefined;
  let view: ShellView | undefined;
  try {
    view = instr.keyword === 'RUN' ? buildView(model, instr) : undefined;
  } catch {
    // Odd input must never take the whole validation down: the shell rules just see nothing here.
    view = undefined;
  }
  viewCache.set(instr, view ?? null);
  return view;
}

function mountsOf(instr: Instr): ShellMount[] {
  const out: ShellMount[] = [];
  for (const f of instr.flags) {
    if (f.getName() !== 'mount') continue;
    let type = 'bind';
    let target: string | undefined;
    for (const o of f.getOptions()) {
      const k = o.getName().toLowerCase();
      if (k === 'type') type = (o.getValue() ?? '').toLowerCase();
      else if (k === 'target' || k === 'dst' || k === 'destination') target = o.getValue() ?? undefined;
    }
    out.push({ type, target });
  }
  return out;
}

function buildView(model: DockerfileModel, instr: Instr): ShellView | undefined {
  const shells = stageShells(model);
  const shell = shells.get(instr.parent ? instr.parent.index : instr.index) ?? { posix: true, pipefail: false };
  const mounts = mountsOf(instr);
  const base = { instr, mounts, posix: shell.posix, shellPipefail: shell.pipefail };

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
    return { ...base, form: 'exec', commands: [cmd], pipes: [], appendAt: undefined };
  }

  const first = instr.args[0];
  if (!first) return undefined;
  const start = model.document.offsetAt(first.getRange().start);
  const end = model.document.offsetAt(instr.range.end);
  const heredocs = instr.heredocs;
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
  const src = joinContinuations(model.text, start, bare ? start : end, model.escapeChar, bodies);
  const commands: ShellCommand[] = [];
  const pipes: Range[] = [];
  const ctx: WalkContext = { model, src, commands, pipes, inHeredoc: false };
  // Appending ` && x` is safe only after a complete last command (not after `&`, `;` or a comment).
  let tail: number | undefined;
  const parsed = withShellTree(src.text, (root) => {
    walk(root, ctx, []);
    const last = root.lastChild;
    if (last && last.isNamed && last.type !== 'comment' && !root.hasError) tail = endOffset(ctx, last.endIndex);
    return true;
  });
  if (!parsed) return undefined;

  // `RUN <<EOF` (no command) and `RUN bash <<EOF` run the body as the script; `RUN python3 <<EOF` does not.
  if (heredocs.length > 0) {
    const runsBody = bare ||
      (commands.length === 1 && commands[0]!.name !== undefined && POSIX_SHELLS.has(basename(commands[0]!.name)) &&
        !commands[0]!.words.some((w) => w.value !== undefined && /^-[a-z]*c[a-z]*$/i.test(w.value)));
    const h = heredocs[0]!;
    const content = h.getContentRange();
    if (runsBody && content) {
      const from = model.document.offsetAt(content.start);
      const to = model.document.offsetAt(content.end);
      const body = identitySource(model.text, from, to);
      withShellTree(body.text, (root) => walk(root, { model, src: body, commands, pipes, inHeredoc: true }, []));
    }
  }

  const appendAt = heredocs.length === 0 && tail !== undefined ? model.document.positionAt(tail) : undefined;
  return { ...base, form: 'shell', commands, pipes, appendAt };
}

/** Shell text with a map from each of its offsets to the Dockerfile offset it came from. */
interface Source {
  readonly text: string;
  /** map[i] = document offset of text[i]; map[text.length] = document offset just after the last char. */
  readonly map: Int32Array;
}

function identitySource(text: string, from: number, to: number): Source {
  const map = new Int32Array(to - from + 1);
  for (let i = 0; i <= to - from; i++) map[i] = from + i;
  return { text: text.slice(from, to), map };
}

/**
 * Removes Dockerfile line continuations (escape char, optional blanks, newline) and the comment and blank
 * lines the builder drops inside a continued instruction, keeping heredoc bodies verbatim.
 */
export function joinContinuations(text: string, from: number, to: number, escape: string, verbatim: readonly [number, number][] = []): Source {
  const out: string[] = [];
  const map: number[] = [];
  let i = from;
  let v = 0;
  while (i < to) {
    const body = verbatim[v];
    if (body && i >= body[0]) {
      const bodyEnd = Math.min(body[1], to);
      for (; i < bodyEnd; i++) {
        out.push(text[i]!);
        map.push(i);
      }
      v++;
      continue;
    }
    const ch = text[i]!;
    if (ch === escape) {
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
        i = j;
        continue;
      }
    }
    if (ch === '\r' && text[i + 1] === '\n') {
      i++;
      continue;
    }
    out.push(ch);
    map.push(i);
    i++;
  }
  map.push(i);
  return { text: out.join(''), map: Int32Array.from(map) };
}

interface WalkContext {
  readonly model: DockerfileModel;
  readonly src: Source;
  readonly commands: ShellCommand[];
  readonly pipes: Range[];
  readonly inHeredoc: boolean;
}

const NEST: Readonly<Record<string, Nesting>> = {
  subshell: 'subshell', compound_statement: 'group', if_statement: 'if', while_statement: 'loop',
  for_statement: 'loop', c_style_for_statement: 'loop', case_statement: 'case', function_definition: 'function',
  command_substitution: 'substitution', process_substitution: 'substitution',
};

const OPERATORS: ReadonlySet<string> = new Set(['&&', '||', ';', '|', '&', '|&', '\n', ';;']);

/** Collects the simple commands under `node` in source order and links them by their operators. */
function walk(node: Node, ctx: WalkContext, nesting: readonly Nesting[]): void {
  const type = node.type;
  if (type === 'command') {
    ctx.commands.push(commandOf(node, ctx, nesting));
    // Substitutions inside the words run too (`echo $(curl …)`).
    for (const child of node.namedChildren) if (child) findNested(child, ctx, nesting);
    return;
  }
  if (type === 'heredoc_body' || type === 'comment') return;
  const nest = NEST[type];
  const inner = nest ? [...nesting, nest] : nesting;
  const children = node.children;
  for (const child of children) {
    if (!child) continue;
    if (!child.isNamed) {
      const op = child.type === '|&' ? '|' : child.type;
      if (OPERATORS.has(op)) link(ctx, op === '\n' || op === ';;' ? ';' : (op as ShellOperator), child);
      continue;
    }
    walk(child, ctx, inner);
  }
}

function findNested(node: Node, ctx: WalkContext, nesting: readonly Nesting[]): void {
  const type = node.type;
  if (type === 'command_substitution' || type === 'process_substitution') {
    walk(node, ctx, nesting);
    return;
  }
  for (const child of node.namedChildren) if (child) findNested(child, ctx, nesting);
}

/** Records `op` after the last command seen so far and before the next one. */
function link(ctx: WalkContext, op: ShellOperator, node: Node): void {
  const last = ctx.commands[ctx.commands.length - 1];
  if (last && last.next === undefined) last.next = op;
  pendingOps.set(ctx, op);
  if (op === '|') ctx.pipes.push(rangeOf(ctx, node.startIndex, node.endIndex));
}

const pendingOps = new WeakMap<WalkContext, ShellOperator>();

function commandOf(node: Node, ctx: WalkContext, nesting: readonly Nesting[]): ShellCommand {
  const words: ShellWord[] = [];
  const redirects: ShellRedirect[] = [];
  for (const child of node.namedChildren) {
    if (!child) continue;
    const t = child.type;
    if (t === 'variable_assignment' || t === 'variable_assignments') continue;
    if (t === 'file_redirect' || t === 'herestring_redirect' || t === 'heredoc_redirect') {
      const op = child.children.find((c) => c && !c.isNamed)?.type ?? '';
      const target = child.namedChildren.filter((c) => c && c.type !== 'file_descriptor').pop();
      redirects.push({ op, target: target ? wordOf(target, ctx) : undefined });
      continue;
    }
    if (t === 'command_name') {
      const inner = child.namedChildren[0] ?? child;
      words.push(wordOf(inner, ctx));
      continue;
    }
    if (t === 'comment') continue;
    words.push(wordOf(child, ctx));
  }
  const prev = pendingOps.get(ctx);
  pendingOps.delete(ctx);
  return {
    name: words[0]?.value,
    words,
    redirects,
    nesting,
    prev,
    next: undefined,
    inHeredoc: ctx.inHeredoc,
    start: ctx.src.map[node.startIndex] ?? 0,
    end: endOffset(ctx, node.endIndex),
  };
}

function endOffset(ctx: WalkContext, endIndex: number): number {
  // The end is just after the last character, which keeps a word that ends a continued line on that line.
  return endIndex > 0 ? (ctx.src.map[endIndex - 1] ?? 0) + 1 : (ctx.src.map[0] ?? 0);
}

function rangeOf(ctx: WalkContext, startIndex: number, endIndex: number): Range {
  const doc = ctx.model.document;
  return { start: doc.positionAt(ctx.src.map[startIndex] ?? 0), end: doc.positionAt(endOffset(ctx, endIndex)) };
}

function wordOf(node: Node, ctx: WalkContext): ShellWord {
  const text = ctx.src.text.slice(node.startIndex, node.endIndex);
  const start = ctx.src.map[node.startIndex] ?? 0;
  const end = endOffset(ctx, node.endIndex);
  const doc = ctx.model.document;
  return { text, value: staticValue(node, text), range: { start: doc.positionAt(start), end: doc.positionAt(end) }, start, end };
}

/** The value of a word after quote removal, when nothing in it expands. */
function staticValue(node: Node, text: string): string | undefined {
  switch (node.type) {
    case 'word':
    case 'number':
      return text.includes('\\') ? text.replace(/\\(.)/gs, '$1') : text;
    case 'raw_string':
      return text.slice(1, -1);
    case 'string': {
      for (const c of node.namedChildren) if (c && c.type !== 'string_content') return undefined;
      return text.slice(1, -1).replace(/\\([$`"\\\n])/g, '$1');
    }
    case 'concatenation': {
      let out = '';
      for (const c of node.children) {
        if (!c) continue;
        const v = staticValue(c, c.text);
        if (v === undefined) return undefined;
        out += v;
      }
      return out;
    }
    default:
      return undefined;
  }
}

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

/** The commands with this static name (after `sudo`/`env` are not unwrapped: hadolint does not either). */
export function commandsNamed(view: ShellView, names: readonly string[]): ShellCommand[] {
  return view.commands.filter((c) => c.name !== undefined && names.includes(c.name));
}
