import { DockerfileParser } from 'dockerfile-ast';
import type {
  Argument, Comment, Dockerfile, Flag, Heredoc, Instruction, ParserDirective,
} from 'dockerfile-ast';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';
import { Derived } from '../derived';
import { installAstPerf } from './astPerf';

// dockerfile-ast re-splits arguments on every call: memoise it once, before the first parse (see astPerf.ts).
installAstPerf();

/**
 * The one parse of a Dockerfile that every feature shares. Built once per document version
 * (see `ModelCache`); everything derived from the AST that more than one feature needs is
 * computed here once, lazily where it is not always needed.
 */
export interface DockerfileModel {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  /** Offsets <-> positions over the original text. */
  readonly document: TextDocument;
  readonly ast: Dockerfile;
  readonly escapeChar: string;
  /** Parser directives at the top of the file (`syntax`, `escape`, `check`, and unknown ones). */
  readonly directives: readonly DirectiveInfo[];
  /** Parsed `# check=` directive (file level). */
  readonly check: CheckOptions;
  /** Every top-level instruction in document order (ONBUILD triggers live on their ONBUILD). */
  readonly instructions: readonly Instr[];
  /** Instructions before the first FROM (only ARG is legal there). */
  readonly preamble: readonly Instr[];
  readonly stages: readonly Stage[];
  readonly comments: readonly Comment[];
  /** The instruction whose range covers `line`, if any. */
  instructionAtLine(line: number): Instr | undefined;
  /** Stage by `AS` name, case-insensitive, as BuildKit matches them. */
  stageByName(name: string): Stage | undefined;
  lineText(line: number): string;
  /** Values other modules compute from this model (see derived.ts). */
  readonly derived: Derived;
}

export interface DirectiveInfo {
  /** Lower-cased directive name. */
  readonly name: string;
  readonly value: string;
  readonly range: Range;
  readonly nameRange: Range;
  readonly valueRange: Range;
  readonly node: ParserDirective;
}

export interface CheckOptions {
  /** Lower-cased BuildKit check names to skip; `all` skips every check. */
  readonly skip: ReadonlySet<string>;
  readonly skipAll: boolean;
  readonly error: boolean;
  readonly experimental: ReadonlySet<string>;
  readonly experimentalAll: boolean;
}

export interface Stage {
  readonly index: number;
  readonly from: Instr;
  /** As written after `AS`. */
  readonly name: string | undefined;
  readonly nameRange: Range | undefined;
  /** The stage's instructions, its FROM first. */
  readonly instructions: readonly Instr[];
  /** Values other modules compute from this stage (see derived.ts). */
  readonly derived: Derived;
}

export type Keyword =
  | 'ADD' | 'ARG' | 'CMD' | 'COPY' | 'ENTRYPOINT' | 'ENV' | 'EXPOSE' | 'FROM' | 'HEALTHCHECK'
  | 'LABEL' | 'MAINTAINER' | 'ONBUILD' | 'RUN' | 'SHELL' | 'STOPSIGNAL' | 'USER' | 'VOLUME' | 'WORKDIR';

export const KEYWORDS: readonly Keyword[] = [
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
];
const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);

export function isKeyword(word: string): word is Keyword {
  return KEYWORD_SET.has(word);
}

/** Instructions whose arguments may be a JSON array (exec form). */
const JSON_CAPABLE: ReadonlySet<string> = new Set(['ADD', 'CMD', 'COPY', 'ENTRYPOINT', 'RUN', 'SHELL', 'VOLUME']);

/** See `Instr.memo`. */
export interface InstrMemo {
  /** The shell layer's view of a RUN (null: none). */
  shellView: unknown;
  /** The raw text after the keyword. */
  tail: string | undefined;
  /** How many words `roughWords` finds. */
  roughWordCount: number | undefined;
  /** How BuildKit reads arguments that start with `[` (jsonForm.ts). */
  jsonAttempt: unknown;
  /** What `COPY --from` names (copyFrom.ts; null: nothing). */
  fromTarget: unknown;
}

/**
 * A view of one instruction with the expensive AST getters memoised: `dockerfile-ast`
 * recomputes arguments and flags on every call, and many rules ask for them.
 */
export class Instr {
  readonly keyword: string;
  readonly rawKeyword: string;
  readonly keywordRange: Range;
  readonly range: Range;
  stage: Stage | undefined;
  /** For an ONBUILD, its trigger; for a trigger, the ONBUILD that holds it. */
  onbuildTrigger: Instr | undefined;
  parent: Instr | undefined;
  private _args?: Argument[];
  private _flags?: Flag[];
  private _heredocs?: Heredoc[];
  private _argsText?: string | null;
  private _json?: boolean;
  /**
   * Values other modules compute once per instruction, in slots declared here: properties added to some
   * instances later would give Instr several shapes and slow down every `instr.…` read in the rules.
   */
  readonly memo: InstrMemo = { shellView: undefined, tail: undefined, roughWordCount: undefined, jsonAttempt: undefined, fromTarget: undefined };

  constructor(readonly node: Instruction, readonly index: number) {
    this.rawKeyword = node.getInstruction();
    this.keyword = this.rawKeyword.toUpperCase();
    this.keywordRange = node.getInstructionRange();
    this.range = node.getRange();
  }

  get isKnown(): boolean {
    return isKeyword(this.keyword);
  }

  /** Arguments as the parser splits them (flags excluded for instructions that take flags). */
  get args(): readonly Argument[] {
    return (this._args ??= this.node.getArguments());
  }

  get flags(): readonly Flag[] {
    if (!this._flags) {
      const n = this.node as Instruction & { getFlags?: () => Flag[] };
      this._flags = typeof n.getFlags === 'function' ? n.getFlags() : [];
    }
    return this._flags;
  }

  get heredocs(): readonly Heredoc[] {
    if (!this._heredocs) {
      const n = this.node as unknown as { getHeredocs?: () => Heredoc[] };
      this._heredocs = typeof n.getHeredocs === 'function' ? n.getHeredocs.call(this.node) : [];
    }
    return this._heredocs;
  }

  /** Raw argument text (escaped newlines kept), or null when there are no arguments. */
  get argsText(): string | null {
    if (this._argsText === undefined) this._argsText = this.node.getRawArgumentsContent();
    return this._argsText;
  }

  /** True when the arguments are written as a JSON array (exec form). */
  get isJsonForm(): boolean {
    if (this._json === undefined) {
      this._json = false;
      if (JSON_CAPABLE.has(this.keyword)) {
        const n = this.node as Instruction & { getOpeningBracket?: () => Argument | null; getClosingBracket?: () => Argument | null };
        if (typeof n.getOpeningBracket === 'function') {
          this._json = n.getOpeningBracket() !== null && n.getClosingBracket?.() !== null;
        }
      }
    }
    return this._json;
  }

  flag(name: string): Flag | undefined {
    return this.flags.find((f) => f.getName() === name);
  }
}

const EMPTY_CHECK: CheckOptions = {
  skip: new Set(), skipAll: false, error: false, experimental: new Set(), experimentalAll: false,
};

/** Parses `skip=A,B;error=true;experimental=all` as BuildKit's `ParseLintOptions` does. */
export function parseCheckOptions(value: string): CheckOptions | { error: string } {
  const skip = new Set<string>();
  const experimental = new Set<string>();
  let skipAll = false;
  let experimentalAll = false;
  let error = false;
  for (const part of value.split(';')) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const eq = trimmed.indexOf('=');
    if (eq < 0) return { error: `"${trimmed}" is not of the form key=value` };
    const key = trimmed.slice(0, eq).trim().toLowerCase();
    const val = trimmed.slice(eq + 1).trim();
    switch (key) {
      case 'skip':
        for (const name of val.split(',').map((s) => s.trim()).filter(Boolean)) {
          if (name.toLowerCase() === 'all') skipAll = true;
          else skip.add(name.toLowerCase());
        }
        break;
      case 'error':
        if (!/^(true|false|1|0)$/i.test(val)) return { error: `error= expects true or false, not "${val}"` };
        error = /^(true|1)$/i.test(val);
        break;
      case 'experimental':
        for (const name of val.split(',').map((s) => s.trim()).filter(Boolean)) {
          if (name.toLowerCase() === 'all') experimentalAll = true;
          else experimental.add(name.toLowerCase());
        }
        break;
      default:
        return { error: `unknown check option "${key}" (expected skip, error or experimental)` };
    }
  }
  return { skip, skipAll, error, experimental, experimentalAll };
}

export function parseDockerfile(original: string, uri = 'untitled:Dockerfile', version = 0): DockerfileModel {
  // Editors treat a lone CR as a line break; dockerfile-ast does not. A LF in its place keeps
  // every offset and every line number as the editor sees them.
  const text = /\r(?!\n)/.test(original) ? original.replace(/\r(?!\n)/g, '\n') : original;
  // A BOM is not part of the first line for the builder; a space keeps every offset intact.
  const parseText = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const ast = DockerfileParser.parse(parseText);
  const document = new ModelDocument(uri, version, text, (ast as unknown as { document: TextDocument }).document);

  const directives: DirectiveInfo[] = ast.getDirectives().map((d) => ({
    name: d.getName().toLowerCase(),
    value: d.getValue(),
    range: d.getRange(),
    nameRange: d.getNameRange(),
    valueRange: d.getValueRange(),
    node: d,
  }));
  const checkDirective = directives.find((d) => d.name === 'check');
  let check = EMPTY_CHECK;
  if (checkDirective) {
    const parsed = parseCheckOptions(checkDirective.value);
    if (!('error' in parsed && typeof parsed.error === 'string')) check = parsed as CheckOptions;
  }

  const instructions: Instr[] = [];
  const preamble: Instr[] = [];
  const stages: Stage[] = [];
  let current: { index: number; from: Instr; name: string | undefined; nameRange: Range | undefined; instructions: Instr[]; derived: Derived } | undefined;
  for (const node of ast.getInstructions()) {
    const instr = new Instr(node, instructions.length);
    instructions.push(instr);
    if (instr.keyword === 'FROM') {
      // Same rule as dockerfile-ast's From.getBuildStage(), on the memoised arguments: that getter re-splits them twice.
      const args = instr.args;
      const nameArg = args.length > 2 && args[1]!.getValue().toUpperCase() === 'AS' ? args[2] : undefined;
      const nameRange = nameArg?.getRange();
      current = {
        index: stages.length,
        from: instr,
        name: nameRange ? text.slice(document.offsetAt(nameRange.start), document.offsetAt(nameRange.end)) : undefined,
        nameRange,
        instructions: [],
        derived: new Derived(),
      };
      stages.push(current);
    }
    if (current) {
      current.instructions.push(instr);
      instr.stage = current;
    } else {
      preamble.push(instr);
    }
    if (instr.keyword === 'ONBUILD') {
      const trigger = (node as Instruction & { getTriggerInstruction(): Instruction | null }).getTriggerInstruction();
      if (trigger) {
        const t = new Instr(trigger, instr.index);
        t.parent = instr;
        t.stage = instr.stage;
        instr.onbuildTrigger = t;
      }
    }
  }

  const lineStarts: number[] = [];
  const stageNames = new Map<string, Stage>();
  for (const s of stages) {
    if (s.name && !stageNames.has(s.name.toLowerCase())) stageNames.set(s.name.toLowerCase(), s);
  }

  return {
    uri,
    version,
    text,
    document,
    ast,
    escapeChar: ast.getEscapeCharacter(),
    directives,
    check,
    instructions,
    preamble,
    stages,
    comments: ast.getComments(),
    instructionAtLine(line: number): Instr | undefined {
      // Binary search: instructions are sorted and do not overlap.
      let lo = 0;
      let hi = instructions.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const it = instructions[mid]!;
        if (line < it.range.start.line) hi = mid - 1;
        else if (line > it.range.end.line) lo = mid + 1;
        else return it;
      }
      return undefined;
    },
    stageByName(name: string): Stage | undefined {
      return stageNames.get(name.toLowerCase());
    },
    lineText(line: number): string {
      if (lineStarts.length === 0) {
        lineStarts.push(0);
        for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
      }
      const start = lineStarts[line];
      if (start === undefined) return '';
      const next = lineStarts[line + 1];
      let end = next === undefined ? text.length : next - 1;
      if (end > start && text.charCodeAt(end - 1) === 13) end--;
      return text.slice(start, end);
    },
    derived: new Derived(),
  };
}

/**
 * The model's document: our uri, version and text, with offsets and lines from the document dockerfile-ast made
 * for its parse. The two texts differ at most in a BOM the parse sees as a space, so every offset and line is
 * the same, and the line table is built once instead of twice.
 */
class ModelDocument implements TextDocument {
  readonly languageId = 'dockerfile';

  constructor(readonly uri: string, readonly version: number, private readonly text: string, private readonly lines: TextDocument) {}

  getText(range?: Range): string {
    return range ? this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end)) : this.text;
  }

  positionAt(offset: number): Position {
    return this.lines.positionAt(offset);
  }

  offsetAt(position: Position): number {
    return this.lines.offsetAt(position);
  }

  get lineCount(): number {
    return this.lines.lineCount;
  }

  getLineRange(line: number): Range {
    return this.lines.getLineRange(line);
  }

  getEOLCharacters(line: number): string {
    return this.lines.getEOLCharacters(line);
  }
}

export function positionInRange(pos: Position, range: Range): boolean {
  if (pos.line < range.start.line || pos.line > range.end.line) return false;
  if (pos.line === range.start.line && pos.character < range.start.character) return false;
  if (pos.line === range.end.line && pos.character > range.end.character) return false;
  return true;
}
