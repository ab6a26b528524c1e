// Types of the hands-on exercises. The data lives in server/content/exercises/*.yaml, is validated against
// server/content/schema/exercises.schema.json at build time and generated into server/src/generated/exercises.ts.
import type { Level } from '../types';

export const EXERCISE_TOPICS = ['containers', 'images', 'dockerfile', 'compose', 'security'] as const;
export type ExerciseTopic = (typeof EXERCISE_TOPICS)[number];

/** A file of an exercise, by its path relative to the exercise folder (forward slashes). */
export interface ExerciseFile {
  readonly path: string;
  readonly text: string;
}

/** Which stages a Dockerfile check looks at. */
export type StageScope = 'final' | 'any' | 'all';

/** Every check kind. `file` defaults to `Dockerfile` for Dockerfile checks and `compose.yaml` for compose checks. */
export type CheckSpec =
  | { readonly kind: 'stageCount'; readonly min: number; readonly max?: number }
  | { readonly kind: 'copyFromStage'; readonly stage?: string }
  | { readonly kind: 'finalUserNonRoot' }
  | { readonly kind: 'noFindings'; readonly rules?: readonly string[]; readonly minLevel?: Exclude<Level, 'off'> }
  | { readonly kind: 'instructionPresent'; readonly keyword: string; readonly argsMatch?: string; readonly stage?: StageScope }
  | { readonly kind: 'instructionAbsent'; readonly keyword: string; readonly argsMatch?: string; readonly stage?: StageScope }
  | { readonly kind: 'instructionCount'; readonly keyword: string; readonly max: number; readonly stage?: StageScope }
  | { readonly kind: 'instructionOrder'; readonly first: InstructionPattern; readonly then: InstructionPattern; readonly stage?: StageScope }
  | { readonly kind: 'baseImageTagged' }
  | { readonly kind: 'baseImageMatches'; readonly pattern: string; readonly stage?: StageScope }
  | { readonly kind: 'exposes'; readonly port: number }
  | { readonly kind: 'healthcheck' }
  | { readonly kind: 'execForm'; readonly keyword: 'CMD' | 'ENTRYPOINT' }
  | { readonly kind: 'fileContains'; readonly pattern: string }
  | { readonly kind: 'composeServiceHas'; readonly service: string; readonly key: string; readonly matches?: string }
  | { readonly kind: 'composeServiceLacks'; readonly service: string; readonly key: string }
  | { readonly kind: 'composeImageTagged'; readonly service: string }
  | { readonly kind: 'composePublishes'; readonly service: string; readonly container: number; readonly host?: number }
  | { readonly kind: 'composeDependsOnHealthy'; readonly service: string; readonly on: string }
  | { readonly kind: 'composeRestart'; readonly service: string; readonly policy: string }
  | { readonly kind: 'composeVolumeNamed'; readonly service: string; readonly target: string }
  | { readonly kind: 'composeNetworkShared'; readonly services: readonly string[] };

export type CheckKind = CheckSpec['kind'];

export interface InstructionPattern {
  readonly keyword: string;
  /** Regular expression (JavaScript syntax, case-insensitive) over the instruction's arguments. */
  readonly argsMatch?: string;
}

/** A check as the exercise declares it: what is verified, and the hint shown while it fails. */
export type ExerciseCheck = CheckSpec & {
  /** Stable within its exercise. */
  readonly id: string;
  /** What the check verifies, phrased as the goal ("The final stage runs as a non-root user"). */
  readonly title: string;
  readonly hint: string;
  readonly file?: string;
};

export interface Exercise {
  /** Stable kebab-case id; progress refers to it. */
  readonly id: string;
  readonly title: string;
  readonly topic: ExerciseTopic;
  /** Position in the suggested path, 1-based. */
  readonly order: number;
  readonly difficulty: 1 | 2 | 3;
  /** One line for the tree's tooltip. */
  readonly summary: string;
  /** Markdown: what you will build and why it matters. */
  readonly goal: string;
  readonly steps: readonly string[];
  /** Revealed one at a time, vaguest first. */
  readonly hints: readonly string[];
  /** What "done" means, in one or two sentences. */
  readonly done: string;
  /** The work happens on the command line: the learner ticks a checklist instead of automatic checks. */
  readonly selfCheck?: boolean;
  readonly checklist?: readonly string[];
  readonly starter: readonly ExerciseFile[];
  readonly solution: readonly ExerciseFile[];
  readonly checks: readonly ExerciseCheck[];
  /** Study cards that go with the exercise. */
  readonly cards?: readonly string[];
}

export type ExerciseSet = readonly Exercise[];

export const COMPOSE_CHECK_KINDS: ReadonlySet<CheckKind> = new Set<CheckKind>([
  'composeServiceHas', 'composeServiceLacks', 'composeImageTagged', 'composePublishes', 'composeDependsOnHealthy',
  'composeRestart', 'composeVolumeNamed', 'composeNetworkShared',
]);

/** The file a check reads when it does not name one. */
export function checkFile(check: ExerciseCheck): string {
  if (check.file) return check.file;
  return COMPOSE_CHECK_KINDS.has(check.kind) ? 'compose.yaml' : 'Dockerfile';
}

/** Exercises in the suggested order. */
export function sortExercises(set: ExerciseSet): Exercise[] {
  return [...set].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}
