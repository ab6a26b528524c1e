import type { Property } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import { derived } from '../derived';
import type { DockerfileModel, Instr, Stage } from './model';

/**
 * Build-variable scoping as BuildKit applies it, computed once per model:
 * - ARGs before the first FROM are *global*: visible in FROM lines only. Inside a stage they
 *   exist only once re-declared (`ARG NAME`, which takes the global default).
 * - ARG and ENV inside a stage are visible from the next instruction to the end of the stage.
 * - A stage built `FROM <earlier stage>` inherits that stage's ARGs and ENVs.
 * - The builder provides platform ARGs (TARGETARCH, BUILDPLATFORM, ...) globally; inside a stage
 *   they too need an `ARG` line. Proxy ARGs (HTTP_PROXY, ...) are predefined everywhere.
 */
export type VarKind = 'ARG' | 'ENV' | 'builtin';

export interface VarDecl {
  readonly name: string;
  readonly kind: VarKind;
  /** Declaring instruction (undefined for builtins). */
  readonly instr: Instr | undefined;
  readonly nameRange: Range | undefined;
  /** Value as written (unexpanded); undefined for `ARG X` without a default. */
  readonly value: string | undefined;
  /** True for ARGs declared before the first FROM. */
  readonly global: boolean;
  /** For `ARG X` in a stage without a default: the global ARG it takes its default from. */
  readonly fromGlobal?: VarDecl;
  /** Where a builtin's value comes from, in words. */
  readonly builtinNote?: string;
}

export interface Resolution {
  /** The declaration in effect, if any. */
  readonly decl: VarDecl | undefined;
  /** Set when the stage inherited the variable from this parent stage. */
  readonly inheritedFrom?: Stage;
  /**
   * Set when the name is a global ARG that is not visible here because the stage did not
   * re-declare it: the most common ARG surprise.
   */
  readonly hiddenGlobal?: VarDecl;
}

/** Platform ARGs BuildKit defines automatically in the global scope. */
export const PLATFORM_ARGS: ReadonlyMap<string, string> = new Map([
  ['TARGETPLATFORM', 'platform of the build result, e.g. linux/arm64'],
  ['TARGETOS', 'OS part of TARGETPLATFORM, e.g. linux'],
  ['TARGETARCH', 'architecture part of TARGETPLATFORM, e.g. arm64'],
  ['TARGETVARIANT', 'variant part of TARGETPLATFORM, e.g. v7'],
  ['BUILDPLATFORM', 'platform of the machine running the build'],
  ['BUILDOS', 'OS part of BUILDPLATFORM'],
  ['BUILDARCH', 'architecture part of BUILDPLATFORM'],
  ['BUILDVARIANT', 'variant part of BUILDPLATFORM'],
  ['TARGETSTAGE', 'name of the stage being built'],
]);

/** Predefined ARGs usable without a declaration anywhere. */
export const PROXY_ARGS: ReadonlySet<string> = new Set([
  'HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy',
  'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy',
]);

export interface VariableTable {
  /** Global ARGs, by name, the last declaration winning. */
  readonly globals: ReadonlyMap<string, VarDecl>;
  /** Every declaration in document order (globals, stage ARGs and ENVs). */
  readonly declarations: readonly VarDecl[];
  /** The variable `name` as seen by instruction `at` (declarations strictly before it). */
  resolve(at: Instr, name: string): Resolution;
  /** Every name visible to `at`, for completion and did-you-mean. */
  visibleNames(at: Instr): string[];
  /** The stage a stage is built from, when its FROM names an earlier stage. */
  parentStage(stage: Stage): Stage | undefined;
}

export const variablesOf = derived((model: DockerfileModel): VariableTable => buildTable(model));

function properties(instr: Instr): Property[] {
  const n = instr.node as unknown as { getProperties?: () => Property[] };
  return typeof n.getProperties === 'function' ? n.getProperties() : [];
}

function buildTable(model: DockerfileModel): VariableTable {
  const globals = new Map<string, VarDecl>();
  const declarations: VarDecl[] = [];
  /** Per stage index: name -> declarations in order. */
  const perStage: Map<string, VarDecl[]>[] = model.stages.map(() => new Map());
  const globalsBefore = (index: number, name: string): VarDecl | undefined => {
    let found: VarDecl | undefined;
    for (const d of declarations) {
      if (!d.global || !d.instr || d.instr.index >= index) break;
      if (d.name === name) found = d;
    }
    return found;
  };

  for (const instr of model.instructions) {
    if (instr.keyword !== 'ARG' && instr.keyword !== 'ENV') continue;
    const isGlobal = instr.stage === undefined;
    for (const p of properties(instr)) {
      const name = p.getName();
      if (!name) continue;
      const raw = p.getValue();
      let fromGlobal: VarDecl | undefined;
      if (instr.keyword === 'ARG' && !isGlobal && raw === null) fromGlobal = globals.get(name);
      const decl: VarDecl = {
        name,
        kind: instr.keyword as 'ARG' | 'ENV',
        instr,
        nameRange: p.getNameRange(),
        value: raw ?? fromGlobal?.value,
        global: isGlobal,
        ...(fromGlobal ? { fromGlobal } : {}),
        ...(instr.keyword === 'ARG' && !isGlobal && raw === null && !fromGlobal && PLATFORM_ARGS.has(name)
          ? { builtinNote: `set by the builder: ${PLATFORM_ARGS.get(name)!}` } : {}),
      };
      declarations.push(decl);
      if (isGlobal) globals.set(name, decl);
      else {
        const m = perStage[instr.stage!.index]!;
        let list = m.get(name);
        if (!list) m.set(name, (list = []));
        list.push(decl);
      }
    }
  }

  const parentOf = new Map<Stage, Stage | undefined>();
  const parentStage = (stage: Stage): Stage | undefined => {
    if (parentOf.has(stage)) return parentOf.get(stage);
    // The FROM word as written: the builder looks stages up by the whole base name (a tag means an
    // image), and getImageName() is costly on large files.
    const image = stage.from.args[0]?.getValue();
    let parent: Stage | undefined;
    if (image) {
      const s = model.stageByName(image);
      if (s && s.index < stage.index) parent = s;
    }
    parentOf.set(stage, parent);
    return parent;
  };

  const inherited = (stage: Stage, name: string): { decl: VarDecl; from: Stage } | undefined => {
    const seen = new Set<Stage>();
    for (let p = parentStage(stage); p && !seen.has(p); p = parentStage(p)) {
      seen.add(p);
      const list = perStage[p.index]!.get(name);
      const last = list?.[list.length - 1];
      if (last) return { decl: last, from: p };
    }
    return undefined;
  };

  const builtin = (name: string, global: boolean): VarDecl | undefined => {
    if (PROXY_ARGS.has(name)) return { name, kind: 'builtin', instr: undefined, nameRange: undefined, value: undefined, global: true, builtinNote: 'predefined proxy ARG, set with --build-arg' };
    if (global && PLATFORM_ARGS.has(name)) return { name, kind: 'builtin', instr: undefined, nameRange: undefined, value: undefined, global: true, builtinNote: `set by the builder: ${PLATFORM_ARGS.get(name)!}` };
    return undefined;
  };

  return {
    globals,
    declarations,
    parentStage,
    resolve(at, name) {
      const instr = at.parent ?? at;
      const stage = instr.stage;
      // FROM lines see only global ARGs (and builtins).
      if (!stage || instr.keyword === 'FROM') {
        return { decl: globalsBefore(instr.index, name) ?? builtin(name, true) };
      }
      const list = perStage[stage.index]!.get(name);
      if (list) {
        for (let i = list.length - 1; i >= 0; i--) {
          const d = list[i]!;
          if (d.instr!.index < instr.index) return { decl: d };
        }
      }
      const fromParent = inherited(stage, name);
      if (fromParent) return { decl: fromParent.decl, inheritedFrom: fromParent.from };
      const b = builtin(name, false);
      if (b) return { decl: b };
      const g = globalsBefore(stage.from.index, name);
      return g ? { decl: undefined, hiddenGlobal: g } : { decl: undefined };
    },
    visibleNames(at) {
      const instr = at.parent ?? at;
      const names = new Set<string>(PROXY_ARGS);
      const stage = instr.stage;
      if (!stage || instr.keyword === 'FROM') {
        for (const d of declarations) if (d.global && d.instr!.index < instr.index) names.add(d.name);
        for (const n of PLATFORM_ARGS.keys()) names.add(n);
        return [...names];
      }
      for (const [name, list] of perStage[stage.index]!) if (list.some((d) => d.instr!.index < instr.index)) names.add(name);
      const seen = new Set<Stage>();
      for (let p = parentStage(stage); p && !seen.has(p); p = parentStage(p)) {
        seen.add(p);
        for (const name of perStage[p.index]!.keys()) names.add(name);
      }
      return [...names];
    },
  };
}
