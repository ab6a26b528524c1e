import type { Range } from 'vscode-languageserver-types';
import type { Arg, JSONArgument, Property } from 'dockerfile-ast';
import { derived } from '../../../derived';
import type { DockerfileModel, Instr, Stage } from '../../model';
import { parseImageRef as splitImageRef } from '../../imageRef';

/** An image reference split the way a registry client reads it. */
export interface ImageRef {
  /** Registry host (with port) when the first path component names one. */
  readonly registry: string | undefined;
  /** Repository path without registry, tag or digest (`library/node` is written `node`). */
  readonly path: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
}

/** Splits `[registry/]path[:tag][@digest]` (see imageRef.ts). Returns undefined for text that cannot be an image name. */
export function parseImageRef(text: string): ImageRef | undefined {
  if (!text || /\s/.test(text)) return undefined;
  const r = splitImageRef(text);
  if (!r) return undefined;
  return { registry: r.registry, path: r.namespace ? `${r.namespace}/${r.repository}` : r.repository, tag: r.tag, digest: r.digest };
}

/** Variables and what we know of their values: a string, or undefined when only the build can tell. */
export type VarValues = ReadonlyMap<string, string | undefined>;

const VAR_RE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * Expands `$X`, `${X}`, `${X:-d}`, `${X-d}`, `${X:+a}`, `${X+a}` as the builder would with `vars`.
 * Returns undefined when the result depends on a value only known at build time.
 */
export function expandVars(text: string, vars: VarValues): string | undefined {
  if (!text.includes('$')) return text;
  let unknown = false;
  const out = text.replace(VAR_RE, (_m, braced: string | undefined, mod: string | undefined, word: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? '';
    const declared = vars.has(name);
    const value = vars.get(name);
    if (!mod) {
      if (value === undefined) unknown = true;
      return value ?? '';
    }
    const param = word ?? '';
    if (!declared) {
      // Not declared at all: the builder sees it as unset, so the modifiers are decidable.
      return mod.endsWith('-') ? param : mod.endsWith('+') ? '' : (unknown = true, '');
    }
    if (value === undefined) {
      unknown = true;
      return '';
    }
    const set = mod.startsWith(':') ? value !== '' : true;
    if (mod.endsWith('-')) return set ? value : param;
    if (mod.endsWith('+')) return set ? param : '';
    return value;
  });
  if (unknown || out.includes('$')) return undefined;
  return out;
}

/** Strips one pair of matching quotes, as the builder does for ADD/COPY/FROM words. */
export function unquote(s: string): string {
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) return s.slice(1, -1);
  return s;
}

/** What my rules need to know about one stage, computed once per model. */
export interface StageInfo {
  readonly stage: Stage;
  /** The image word as written (flags skipped), or undefined for a bare FROM. */
  readonly imageText: string | undefined;
  /** Range of the image word, quotes excluded. */
  readonly imageRange: Range | undefined;
  /** The image word with global ARG defaults substituted; undefined when it depends on build-time values. */
  readonly resolved: string | undefined;
  /** The earlier stage this one builds on (`FROM build AS test`), if any. */
  readonly parent: StageInfo | undefined;
  readonly isScratch: boolean;
}

export interface StageGraph {
  readonly stages: readonly StageInfo[];
  /** Global ARGs (before the first FROM): the only variables FROM can use. */
  readonly globalArgs: VarValues;
  /** The stage a name or index refers to from `stageIndex` (`--from=build`, `--from=0`, `FROM build`). */
  stageRef(name: string, stageIndex: number): StageInfo | undefined;
}

export const stageGraph = derived((model: DockerfileModel): StageGraph => buildGraph(model));

/** Name and literal value of every ARG/ENV property. */
export function properties(instr: Instr): readonly Property[] {
  const n = instr.node as unknown as { getProperties?: () => Property[]; getProperty?: () => Property | null };
  if (typeof n.getProperties === 'function') return n.getProperties();
  if (typeof n.getProperty === 'function') {
    const p = n.getProperty();
    return p ? [p] : [];
  }
  return [];
}

function buildGraph(model: DockerfileModel): StageGraph {
  const globalArgs = new Map<string, string | undefined>();
  for (const instr of model.preamble) {
    if (instr.keyword !== 'ARG') continue;
    const p = (instr.node as Arg).getProperty?.();
    if (!p) continue;
    const raw = p.getValue();
    globalArgs.set(p.getName(), raw === null ? undefined : expandVars(raw, globalArgs));
  }
  const stages: StageInfo[] = [];
  const byName = new Map<string, StageInfo>();
  const stageRef = (name: string, stageIndex: number): StageInfo | undefined => {
    const s = byName.get(name.toLowerCase());
    if (s && s.stage.index < stageIndex) return s;
    if (/^\d+$/.test(name)) {
      const i = Number(name);
      if (i < stageIndex) return stages[i];
    }
    return undefined;
  };
  for (const stage of model.stages) {
    const word = stage.from.args[0];
    const imageText = word ? unquote(word.getValue()) : undefined;
    const resolved = imageText === undefined ? undefined : expandVars(imageText, globalArgs);
    const parentName = resolved ?? imageText;
    const parent = parentName ? lookupParent(byName, parentName, stage.index) : undefined;
    const info: StageInfo = {
      stage,
      imageText,
      imageRange: word ? innerRange(word.getRange(), word.getValue()) : undefined,
      resolved,
      parent,
      isScratch: resolved?.toLowerCase() === 'scratch',
    };
    stages.push(info);
    if (stage.name && !byName.has(stage.name.toLowerCase())) byName.set(stage.name.toLowerCase(), info);
  }
  return { stages, globalArgs, stageRef };
}

/** The range without one pair of surrounding quotes (single-line words only). */
function innerRange(r: Range, raw: string): Range {
  if (r.start.line !== r.end.line || unquote(raw) === raw) return r;
  return { start: { line: r.start.line, character: r.start.character + 1 }, end: { line: r.end.line, character: r.end.character - 1 } };
}

function lookupParent(byName: ReadonlyMap<string, StageInfo>, name: string, index: number): StageInfo | undefined {
  const s = byName.get(name.toLowerCase());
  return s && s.stage.index < index ? s : undefined;
}

/** The stage and the stages it builds on, nearest first (cycles cannot happen: parents are earlier). */
export function* stageChain(info: StageInfo): Generator<StageInfo> {
  let cur: StageInfo | undefined = info;
  while (cur) {
    yield cur;
    cur = cur.parent;
  }
}

/** The stage whose image a plain `docker build` produces. */
export function finalStage(model: DockerfileModel): StageInfo | undefined {
  const g = stageGraph(model);
  return g.stages[g.stages.length - 1];
}

/**
 * Stages that end up as images: the last one, plus any stage nothing else builds on or copies from
 * (a likely `--target`). Intermediate stages only feed other stages.
 */
export function imageStages(model: DockerfileModel): StageInfo[] {
  const g = stageGraph(model);
  const used = new Set<number>();
  for (const s of g.stages) {
    if (s.parent) used.add(s.parent.stage.index);
    for (const instr of s.stage.instructions) {
      for (const ref of stageReferences(instr)) {
        const target = g.stageRef(ref, s.stage.index);
        if (target) used.add(target.stage.index);
      }
    }
  }
  const last = g.stages.length - 1;
  return g.stages.filter((s) => s.stage.index === last || !used.has(s.stage.index));
}

/** `--from=` of COPY/ADD and `from=` of RUN mounts: names that may point at a stage. */
export function stageReferences(instr: Instr): string[] {
  const out: string[] = [];
  if (instr.keyword !== 'COPY' && instr.keyword !== 'ADD' && instr.keyword !== 'RUN') return out;
  for (const f of instr.flags) {
    const name = f.getName();
    if (name === 'from' && instr.keyword !== 'RUN') {
      const v = f.getValue();
      if (v) out.push(v);
    } else if (name === 'mount' && instr.keyword === 'RUN') {
      const opt = f.getOption('from');
      const v = opt?.getValue();
      if (v) out.push(v);
    }
  }
  return out;
}

/** True for `root`, `0`, `root:group`, `0:group`. */
export function isRootUser(user: string): boolean {
  const u = user.split(':')[0] ?? '';
  return u === 'root' || u === '0';
}

/** The last USER instruction the stage or, failing that, the stages it builds on set. */
export function effectiveUser(info: StageInfo): Instr | undefined {
  for (const s of stageChain(info)) {
    const list = s.stage.instructions;
    for (let i = list.length - 1; i >= 0; i--) {
      const instr = list[i]!;
      if (instr.keyword === 'USER') return instr;
    }
  }
  return undefined;
}

/** The user word of a USER instruction, or undefined when absent. */
export function userWord(instr: Instr): string | undefined {
  const a = instr.args[0];
  return a ? a.getValue() : undefined;
}

/** The StageInfo of the stage `instr` belongs to. */
export function stageInfoOf(model: DockerfileModel, instr: Instr): StageInfo | undefined {
  const s = instr.stage;
  return s ? stageGraph(model).stages[s.index] : undefined;
}

/** Sources and destination of ADD/COPY as the builder sees them: JSON strings decoded, quotes stripped. */
export function pathWords(instr: Instr): { value: string; range: Range }[] {
  if (instr.isJsonForm) {
    const n = instr.node as unknown as { getJSONStrings?: () => JSONArgument[] };
    if (typeof n.getJSONStrings === 'function') {
      return n.getJSONStrings().map((j) => ({ value: j.getJSONValue(), range: j.getRange() }));
    }
  }
  return instr.args.map((a) => ({ value: unquote(a.getValue()), range: a.getRange() }));
}

/** Windows container images: backtick escape, a Windows base image, or a PowerShell/cmd SHELL. */
export const isWindowsDockerfile = derived((model: DockerfileModel): boolean =>
  model.escapeChar === '`' ||
  stageGraph(model).stages.some((s) => /windows|nanoserver|servercore/i.test(s.resolved ?? s.imageText ?? '')) ||
  model.instructions.some((i) => i.keyword === 'SHELL' && /powershell|pwsh|cmd(\.exe)?"/i.test(i.argsText ?? '')));

/** For an image written as just `$X` / `${X}`: the name X. */
export function soleVariable(text: string): string | undefined {
  return /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/.exec(text)?.slice(1).find(Boolean);
}

/** Range of the literal default of global `ARG name=…` (the last one before the first FROM), quotes excluded. */
export function globalArgValueRange(model: DockerfileModel, name: string): Range | undefined {
  for (let i = model.preamble.length - 1; i >= 0; i--) {
    const instr = model.preamble[i]!;
    if (instr.keyword !== 'ARG') continue;
    const p = (instr.node as Arg).getProperty?.();
    if (!p || p.getName() !== name) continue;
    const r = p.getValueRange();
    if (!r || r.start.line !== r.end.line) return undefined;
    const raw = model.lineText(r.start.line).slice(r.start.character, r.end.character);
    if (raw.includes('$')) return undefined;
    const q = raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw[raw.length - 1] === raw[0] ? 1 : 0;
    return { start: { line: r.start.line, character: r.start.character + q }, end: { line: r.end.line, character: r.end.character - q } };
  }
  return undefined;
}
