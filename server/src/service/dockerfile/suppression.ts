import type { RuleMeta } from '../types';
import { derived } from '../derived';
import { isBuildkitName } from '../settings';
import type { DockerfileModel, Instr } from './model';
import { parseCheckOptions } from './model';

/**
 * Every way a user can silence a rule in the file itself, parsed once per model:
 * - BuildKit: `# check=skip=A,B` as a parser directive (whole file) or as a comment directly
 *   above an instruction (that instruction; above a FROM, the whole stage);
 * - hadolint: `# hadolint ignore=DL1,DL2 # reason` (next instruction), `# hadolint global ignore=`
 *   (file), `# hadolint stage ignore=` (rest of the stage), `# hadolint shell=<name>`;
 * - ours: `# docker-tutor ignore=<ids>`, `# docker-tutor global ignore=<ids>`, `# docker-tutor stage ignore=<ids>`.
 * Names are matched case-insensitively against a rule's id, its bare name and its aliases.
 */
export interface Suppressions {
  readonly file: ReadonlySet<string>;
  /** `# check=skip=all` at file level skips every rule with a BuildKit alias. */
  readonly fileSkipAllBuildkit: boolean;
  /** Instruction index -> names ignored for it. */
  readonly byInstruction: ReadonlyMap<number, ReadonlySet<string>>;
  readonly byInstructionSkipAllBuildkit: ReadonlySet<number>;
  /** `# hadolint shell=` value, lower-cased, when present. */
  readonly shell: string | undefined;
}

export type PragmaKind = 'check' | 'hadolint' | 'docker-tutor';

export interface Pragma {
  readonly kind: PragmaKind;
  readonly scope: 'next' | 'global' | 'stage';
  readonly names: readonly string[];
  readonly line: number;
}

const HADOLINT_RE = /^#\s*hadolint\s+(?:(global|stage)\s+)?ignore\s*=\s*([^\s#]+)/i;
const HADOLINT_SHELL_RE = /^#\s*hadolint\s+shell\s*=\s*([^\s#]+)/i;
const OURS_RE = /^#\s*docker-tutor\s+(?:(global|stage)\s+)?ignore\s*=\s*([^\s#]+)/i;
const CHECK_RE = /^#\s*check\s*=\s*(.+?)\s*$/i;

/** Parses one comment line as a suppression pragma. */
export function parsePragma(text: string, line: number): Pragma | { shell: string } | undefined {
  const t = text.trim();
  let m = HADOLINT_RE.exec(t);
  if (m) return { kind: 'hadolint', scope: (m[1]?.toLowerCase() as 'global' | 'stage' | undefined) ?? 'next', names: splitNames(m[2]!), line };
  m = OURS_RE.exec(t);
  if (m) return { kind: 'docker-tutor', scope: (m[1]?.toLowerCase() as 'global' | 'stage' | undefined) ?? 'next', names: splitNames(m[2]!), line };
  m = HADOLINT_SHELL_RE.exec(t);
  if (m) return { shell: m[1]!.toLowerCase() };
  m = CHECK_RE.exec(t);
  if (m) {
    const opts = parseCheckOptions(m[1]!);
    if ('skip' in opts) {
      const names = [...opts.skip];
      if (opts.skipAll) names.push('all');
      return { kind: 'check', scope: 'next', names, line };
    }
  }
  return undefined;
}

function splitNames(s: string): string[] {
  return s.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean);
}

const BUILDKIT_DIRECTIVES: ReadonlySet<string> = new Set(['syntax', 'escape', 'check']);

const withHadolintPragmas = derived((model: DockerfileModel) => computeSuppressions(model, false));
const withoutHadolintPragmas = derived((model: DockerfileModel) => computeSuppressions(model, true));

/**
 * The file's suppressions. With `ignoreHadolintPragmas` (hadolint's `disable-ignore-pragma`), `# hadolint ignore=`
 * comments count for nothing; `# hadolint shell=`, BuildKit's and our own pragmas still apply.
 */
export function suppressionsOf(model: DockerfileModel, ignoreHadolintPragmas = false): Suppressions {
  return ignoreHadolintPragmas ? withoutHadolintPragmas(model) : withHadolintPragmas(model);
}

function computeSuppressions(model: DockerfileModel, ignoreHadolintPragmas: boolean): Suppressions {
  const file = new Set<string>();
  const byInstruction = new Map<number, Set<string>>();
  const byInstructionSkipAll = new Set<number>();
  let shell: string | undefined;
  const fileSkipAllBuildkit = model.check.skipAll;
  for (const n of model.check.skip) file.add(n);
  // dockerfile-ast reads `# hadolint ignore=…` on the first lines as a parser directive; only BuildKit's own are real ones.
  const directiveLines = new Set(model.directives.filter((d) => BUILDKIT_DIRECTIVES.has(d.name)).map((d) => d.range.start.line));
  const commentLines = model.comments.map((c) => c.getRange().start.line);
  for (const d of model.directives) if (!BUILDKIT_DIRECTIVES.has(d.name)) commentLines.unshift(d.range.start.line);

  const add = (instr: Instr, names: readonly string[]): void => {
    let set = byInstruction.get(instr.index);
    if (!set) byInstruction.set(instr.index, (set = new Set()));
    for (const n of names) {
      if (n === 'all') byInstructionSkipAll.add(instr.index);
      else set.add(n);
    }
  };

  for (const line of commentLines) {
    if (directiveLines.has(line)) continue;
    const p = parsePragma(model.lineText(line), line);
    if (!p) continue;
    if ('shell' in p) {
      shell = p.shell;
      continue;
    }
    if (ignoreHadolintPragmas && p.kind === 'hadolint') continue;
    if (p.scope === 'global') {
      for (const n of p.names) file.add(n);
      continue;
    }
    const next = nextInstruction(model, line);
    if (!next) continue;
    // A BuildKit scoped skip above FROM covers the stage; hadolint/ours `stage` scope does too.
    const wholeStage = p.scope === 'stage' || (p.kind === 'check' && next.keyword === 'FROM');
    if (wholeStage && next.stage) {
      const start = p.scope === 'stage' ? next.index : next.stage.from.index;
      for (const it of next.stage.instructions) if (it.index >= start) add(it, p.names);
    } else {
      add(next, p.names);
    }
  }
  return { file, fileSkipAllBuildkit, byInstruction, byInstructionSkipAllBuildkit: byInstructionSkipAll, shell };
}

/** The first instruction that starts after `line` (comments and blank lines may sit in between). */
function nextInstruction(model: DockerfileModel, line: number): Instr | undefined {
  const list = model.instructions;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.range.start.line <= line) lo = mid + 1;
    else hi = mid;
  }
  return list[lo];
}

export function ruleNames(rule: RuleMeta): string[] {
  const bare = rule.id.slice(rule.id.indexOf('/') + 1);
  return [rule.id.toLowerCase(), bare.toLowerCase(), ...rule.aliases.map((a) => a.toLowerCase())];
}

export function isSuppressed(s: Suppressions, rule: RuleMeta, names: readonly string[], instr: Instr | undefined): boolean {
  const buildkit = rule.aliases.some(isBuildkitName);
  if (buildkit && s.fileSkipAllBuildkit) return true;
  for (const n of names) if (s.file.has(n)) return true;
  if (!instr) return false;
  const idx = instr.parent ? instr.parent.index : instr.index;
  if (buildkit && s.byInstructionSkipAllBuildkit.has(idx)) return true;
  const set = s.byInstruction.get(idx);
  if (set) for (const n of names) if (set.has(n)) return true;
  return false;
}
