// Exercise status as a reducer over what the learner does. Pure (no `vscode`), unit-tested in Node.
import type { ExerciseProgress } from './progressStore';

/** The result of one check as the server sends it (`dockerTutor/checkExercise`). */
export interface CheckResult {
  readonly id: string;
  readonly title: string;
  readonly passed: boolean;
  readonly message: string;
  readonly hint: string;
}

export type ExerciseEvent =
  | { readonly type: 'started'; readonly folder: string }
  | { readonly type: 'checked'; readonly results: readonly CheckResult[]; readonly at: Date }
  | { readonly type: 'hintRevealed'; readonly available: number }
  | { readonly type: 'selfChecked'; readonly at: Date }
  | { readonly type: 'reset' };

export const INITIAL_EXERCISE: ExerciseProgress = { status: 'not-started', hintsShown: 0, passedChecks: [], totalChecks: 0 };

/** Once passed, an exercise stays passed: a later edit that breaks a check does not take the tick away. */
export function reduceExercise(state: ExerciseProgress | undefined, event: ExerciseEvent): ExerciseProgress {
  const s = state ?? INITIAL_EXERCISE;
  switch (event.type) {
    case 'started':
      return { ...s, status: s.status === 'passed' ? 'passed' : 'in-progress', folder: event.folder };
    case 'checked': {
      const passedChecks = event.results.filter((r) => r.passed).map((r) => r.id);
      const all = event.results.length > 0 && passedChecks.length === event.results.length;
      const status = s.status === 'passed' || all ? 'passed' : 'in-progress';
      const passedAt = s.passedAt ?? (all ? event.at.toISOString() : undefined);
      return { ...s, status, passedChecks, totalChecks: event.results.length, ...(passedAt ? { passedAt } : {}) };
    }
    case 'hintRevealed':
      return { ...s, status: s.status === 'not-started' ? 'in-progress' : s.status, hintsShown: Math.min(event.available, s.hintsShown + 1) };
    case 'selfChecked':
      return { ...s, status: 'passed', passedAt: s.passedAt ?? event.at.toISOString() };
    case 'reset':
      return INITIAL_EXERCISE;
    default: {
      const never: never = event;
      return never;
    }
  }
}

/** "3/5 checks" for the status bar and the tree. */
export function checkSummary(results: readonly CheckResult[]): string {
  return `${results.filter((r) => r.passed).length}/${results.length} checks`;
}
