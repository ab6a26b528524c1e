import type { Finding, Fix, RuleMeta } from '../../types';
import type { Derived } from '../../derived';
import type { Settings } from '../../settings';
import type { DockerfileModel, Instr, Keyword } from '../model';

/** Read-only access to files beside the Dockerfile (`.dockerignore`, build context). Injected so the service stays pure. */
export interface FileAccess {
  /** Text of the file at an absolute path, or undefined when it does not exist or cannot be read. */
  readText(path: string): string | undefined;
  exists(path: string): boolean;
}

export interface DockerfileRuleContext {
  readonly model: DockerfileModel;
  readonly settings: Settings;
  /** Absolute path of the Dockerfile when it lives on disk. */
  readonly fsPath: string | undefined;
  readonly files: FileAccess | undefined;
  /** The rule's own state for this run, kept across its visits (see derived.ts). */
  readonly derived: Derived;
  report(finding: Finding): void;
}

export type InstructionVisitor = (instr: Instr, ctx: DockerfileRuleContext) => void;

export interface DockerfileRule extends RuleMeta {
  readonly check: {
    /** Runs once per document, before the instruction walk. */
    readonly document?: (ctx: DockerfileRuleContext) => void;
    /** Called during the single shared walk, per instruction keyword (`*` for every instruction, known or not). */
    readonly instruction?: Partial<Record<Keyword | '*', InstructionVisitor>>;
  };
  fix?(model: DockerfileModel, finding: Finding): Fix[];
}

export const BUILDKIT_DOCS = (name: string): string =>
  `https://docs.docker.com/go/dockerfile/rule/${name.replace(/([a-z])([A-Z])/g, '$1-$2').replace(/([A-Z])([A-Z][a-z])/g, '$1-$2').toLowerCase()}/`;
export const HADOLINT_DOCS = (id: string): string => `https://github.com/hadolint/hadolint/wiki/${id}`;
export const REFERENCE_DOCS = (anchor: string): string => `https://docs.docker.com/reference/dockerfile/#${anchor}`;
