/**
 * Shape of the Dockerfile teaching content (`server/content/dockerfileDocs/*.yaml`, validated
 * against `server/content/schema/dockerfileDocs.schema.json` by the build). Every entry has a
 * stable `id` so study cards can point at it later (`instruction.COPY`, `flag.COPY.--link`,
 * `mount.cache.sharing`, `directive.check`, `concept.image-reference`).
 */

/** Common to every entry the hover can show. Text is Markdown, in our own words. */
export interface DocEntry {
  readonly id: string;
  /** One sentence: what it is / does. */
  readonly summary: string;
  /** Short paragraphs or bullets: the why, the forms, how it behaves. */
  readonly body?: readonly string[];
  /** What learners get wrong, and why it matters. */
  readonly pitfalls?: readonly string[];
  /** Syntax lines, shown as a code block. */
  readonly syntax?: readonly string[];
  /** Where to read more: always a https://docs.docker.com/ page. */
  readonly link: string;
  /** Study-card ids that teach this entry (issue 4). */
  readonly cards?: readonly string[];
}

/** A meaning of one value (`--network=none`, `sharing=locked`, `check` option `error`). */
export interface ValueDoc {
  readonly id: string;
  readonly value: string;
  readonly summary: string;
  readonly cards?: readonly string[];
}

/** What an instruction leaves in the image: the layer-vs-metadata question learners ask. */
export type LayerEffect = 'filesystem' | 'metadata' | 'build-only' | 'new-stage';

export interface InstructionDoc extends DocEntry {
  readonly keyword: string;
  readonly layer: LayerEffect;
}

export interface FlagDoc extends DocEntry {
  readonly instruction: string;
  /** With the leading dashes: `--mount`. */
  readonly flag: string;
  readonly values?: readonly ValueDoc[];
}

export interface MountOptionDoc extends DocEntry {
  /** The option's spellings: `target`, `dst`, `destination`. The first is the canonical one. */
  readonly names: readonly string[];
  readonly values?: readonly ValueDoc[];
}

export interface MountTypeDoc extends DocEntry {
  readonly type: string;
  readonly options: readonly MountOptionDoc[];
}

export interface DirectiveDoc extends DocEntry {
  readonly name: string;
  /** `key=value` options inside the directive's value (`check`: skip, error, experimental). */
  readonly options?: readonly ValueDoc[];
}

/** `HEALTHCHECK CMD` / `HEALTHCHECK NONE`. */
export interface SubcommandDoc extends DocEntry {
  readonly instruction: string;
  readonly subcommand: string;
}

export interface ConceptDoc extends DocEntry {
  readonly title: string;
}

/** A BuildKit build check, named in `# check=skip=...`. */
export interface BuildCheckDoc {
  readonly name: string;
  readonly summary: string;
}

export interface DockerfileDocs {
  /** The flags BuildKit's Dockerfile frontend accepts, per instruction (with dashes). */
  readonly flagSets: Readonly<Record<string, readonly string[]>>;
  readonly instructions: readonly InstructionDoc[];
  readonly subcommands: readonly SubcommandDoc[];
  readonly flags: readonly FlagDoc[];
  readonly mounts: readonly MountTypeDoc[];
  readonly directives: readonly DirectiveDoc[];
  readonly buildChecks: readonly BuildCheckDoc[];
  readonly concepts: readonly ConceptDoc[];
}
