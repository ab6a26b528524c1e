/**
 * The flags and `RUN --mount` options the current BuildKit Dockerfile frontend accepts
 * (`frontend/dockerfile/instructions/parse.go` and `commands_runmount.go` in moby/buildkit).
 * One table for the linter, hover, completion and the CLI, so the lists cannot drift apart.
 */

export type FlagValueKind =
  /** Any non-empty text. */
  | 'string'
  /** `--flag`, `--flag=true` or `--flag=false`. */
  | 'boolean'
  /** Go duration (`30s`, `1m30s`). */
  | 'duration'
  /** Non-negative integer. */
  | 'integer'
  /** Octal permission bits (`755`, `0644`). */
  | 'octal'
  /** One of `values`. */
  | 'enum';

export interface FlagSpec {
  readonly name: string;
  readonly kind: FlagValueKind;
  readonly values?: readonly string[];
  /** May be given more than once. */
  readonly repeatable?: boolean;
  /** One line for hover and completion. */
  readonly summary: string;
}

const f = (name: string, kind: FlagValueKind, summary: string, extra: Partial<FlagSpec> = {}): FlagSpec => ({ name, kind, summary, ...extra });

export const FLAG_TABLE: Readonly<Record<'ADD' | 'COPY' | 'FROM' | 'RUN' | 'HEALTHCHECK', readonly FlagSpec[]>> = {
  ADD: [
    f('chown', 'string', 'Owner (user[:group]) of the added files.'),
    f('chmod', 'octal', 'Permission bits of the added files.'),
    f('link', 'boolean', 'Add the files as an independent layer, so the step stays cached when earlier layers change.'),
    f('keep-git-dir', 'boolean', 'Keep the .git directory when adding a Git repository.'),
    f('checksum', 'string', 'Expected digest of a remote source (sha256:<64 hex digits>).'),
    f('unpack', 'boolean', 'Whether a local or remote archive is extracted.'),
    f('exclude', 'string', 'Path pattern to leave out; may be repeated.', { repeatable: true }),
  ],
  COPY: [
    f('chown', 'string', 'Owner (user[:group]) of the copied files.'),
    f('from', 'string', 'Copy from a build stage, a stage index or an image instead of the build context.'),
    f('chmod', 'octal', 'Permission bits of the copied files.'),
    f('link', 'boolean', 'Copy the files as an independent layer, so the step stays cached when earlier layers change.'),
    f('exclude', 'string', 'Path pattern to leave out; may be repeated.', { repeatable: true }),
    f('parents', 'boolean', 'Keep the parent directories of the sources under the destination.'),
  ],
  FROM: [
    f('platform', 'string', 'Platform of the base image, e.g. linux/amd64 or $BUILDPLATFORM.'),
  ],
  RUN: [
    f('mount', 'string', 'Mount a cache, secret, SSH agent, tmpfs or bind source for this command only; may be repeated.', { repeatable: true }),
    f('network', 'enum', 'Network access of the command.', { values: ['default', 'none', 'host'] }),
    f('security', 'enum', 'Run the command sandboxed (default) or with elevated privileges.', { values: ['sandbox', 'insecure'] }),
    f('device', 'string', 'Expose a CDI device to the command; may be repeated.', { repeatable: true }),
  ],
  HEALTHCHECK: [
    f('interval', 'duration', 'Time between two checks (default 30s).'),
    f('timeout', 'duration', 'Time after which one check counts as failed (default 30s).'),
    f('start-period', 'duration', 'Start-up time during which failures do not count (default 0s).'),
    f('start-interval', 'duration', 'Time between checks during the start period (default 5s).'),
    f('retries', 'integer', 'Consecutive failures before the container is unhealthy (default 3).'),
  ],
};

export type FlagKeyword = keyof typeof FLAG_TABLE;

export function flagSpecs(keyword: string): readonly FlagSpec[] | undefined {
  return (FLAG_TABLE as Record<string, readonly FlagSpec[] | undefined>)[keyword];
}

export type MountType = 'bind' | 'cache' | 'tmpfs' | 'secret' | 'ssh';
export const MOUNT_TYPES: readonly MountType[] = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'];

export interface MountOptionSpec {
  /** Canonical name; `aliases` are the other spellings BuildKit accepts. */
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly kind: FlagValueKind | 'unsigned';
  readonly values?: readonly string[];
  /** A bare `ro` (no `=value`) is accepted. */
  readonly bare?: boolean;
  /** Mount types that accept the option. */
  readonly types: readonly MountType[];
  readonly summary: string;
}

const ALL: readonly MountType[] = MOUNT_TYPES;

export const MOUNT_OPTIONS: readonly MountOptionSpec[] = [
  { name: 'type', kind: 'enum', values: MOUNT_TYPES, types: ALL, summary: 'Mount type: bind (default), cache, tmpfs, secret or ssh.' },
  { name: 'target', aliases: ['dst', 'destination'], kind: 'string', types: ALL, summary: 'Where the mount appears inside the build container.' },
  { name: 'source', aliases: ['src'], kind: 'string', types: ['bind', 'cache', 'secret', 'ssh'], summary: 'Path inside `from` (bind, cache) or the secret id (secret).' },
  { name: 'from', kind: 'string', types: ['bind', 'cache', 'ssh', 'tmpfs'], summary: 'Stage or image to take the source from (default: build context).' },
  { name: 'readonly', aliases: ['ro'], kind: 'boolean', bare: true, types: ALL, summary: 'Mount read-only.' },
  { name: 'readwrite', aliases: ['rw'], kind: 'boolean', bare: true, types: ALL, summary: 'Allow writes (to a bind mount they are thrown away afterwards).' },
  { name: 'id', kind: 'string', types: ALL, summary: 'Cache id, or the secret / SSH agent id.' },
  { name: 'sharing', kind: 'enum', values: ['shared', 'private', 'locked'], types: ['cache'], summary: 'How concurrent builds share the cache: shared, private or locked.' },
  { name: 'required', kind: 'boolean', bare: true, types: ['secret', 'ssh'], summary: 'Fail the build when the secret or SSH agent is not provided.' },
  { name: 'mode', kind: 'octal', types: ['cache', 'secret', 'ssh'], summary: 'Permission bits of the mount (octal).' },
  { name: 'uid', kind: 'unsigned', types: ['cache', 'secret', 'ssh'], summary: 'Owner user id of the mount.' },
  { name: 'gid', kind: 'unsigned', types: ['cache', 'secret', 'ssh'], summary: 'Owner group id of the mount.' },
  { name: 'size', kind: 'string', types: ['tmpfs'], summary: 'Size limit of the tmpfs (e.g. 64m).' },
  { name: 'env', kind: 'string', types: ['secret'], summary: 'Expose the secret as this environment variable.' },
];

const byName = new Map<string, MountOptionSpec>();
for (const o of MOUNT_OPTIONS) {
  byName.set(o.name, o);
  for (const a of o.aliases ?? []) byName.set(a, o);
}

/** The option spec for a key as written (BuildKit lower-cases keys). */
export function mountOption(key: string): MountOptionSpec | undefined {
  return byName.get(key.toLowerCase());
}

export const MOUNT_OPTION_NAMES: readonly string[] = [...byName.keys()];

/** Mount types that need a `target`. */
export const MOUNT_TARGET_REQUIRED: ReadonlySet<MountType> = new Set<MountType>(['bind', 'cache', 'tmpfs']);

/** Signal names accepted by STOPSIGNAL (Linux, with and without the SIG prefix). */
export const SIGNALS: readonly string[] = [
  'ABRT', 'ALRM', 'BUS', 'CHLD', 'CLD', 'CONT', 'FPE', 'HUP', 'ILL', 'INT', 'IO', 'IOT', 'KILL', 'PIPE', 'POLL', 'PROF',
  'PWR', 'QUIT', 'SEGV', 'STKFLT', 'STOP', 'SYS', 'TERM', 'TRAP', 'TSTP', 'TTIN', 'TTOU', 'UNUSED', 'URG', 'USR1', 'USR2',
  'VTALRM', 'WINCH', 'XCPU', 'XFSZ',
];
