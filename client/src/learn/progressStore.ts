// The learner's progress as one JSON value: exercise status, card schedules and an append-only review log.
// Pure (no `vscode`): the extension keeps it in globalState; this module validates, migrates, exports and
// imports it. A value that is not ours, or is damaged, is never used and never dropped silently: the caller
// gets it back as `backup` with a message, and starts from an empty store.
import type { CardStateName, Grade, StoredCard } from './scheduler';

export const PROGRESS_FORMAT = 'docker-tutor-progress';
export const PROGRESS_VERSION = 1;

export type ExerciseStatus = 'not-started' | 'in-progress' | 'passed';

export interface ExerciseProgress {
  readonly status: ExerciseStatus;
  /** How many hints the learner has revealed. */
  readonly hintsShown: number;
  /** Check ids passed at the last check. */
  readonly passedChecks: readonly string[];
  readonly totalChecks: number;
  readonly passedAt?: string;
  /** Where Start scaffolded the files (a URI string). */
  readonly folder?: string;
}

export interface ReviewEntry {
  readonly type: 'review';
  readonly cardId: string;
  readonly grade: Grade;
  /** ISO time of the review. */
  readonly at: string;
  /** State before the review, so an undo can restore it. */
  readonly before: StoredCard | null;
}

/** Takes back the latest review that is still in effect. */
export interface UndoEntry {
  readonly type: 'undo';
  readonly cardId: string;
  readonly at: string;
}

export type LogEntry = ReviewEntry | UndoEntry;

export interface Progress {
  readonly format: typeof PROGRESS_FORMAT;
  readonly version: typeof PROGRESS_VERSION;
  readonly exercises: Readonly<Record<string, ExerciseProgress>>;
  readonly cards: Readonly<Record<string, StoredCard>>;
  /** Append-only, oldest first: an undo is an entry too, so the history is never rewritten. */
  readonly log: readonly LogEntry[];
}

export function emptyProgress(): Progress {
  return { format: PROGRESS_FORMAT, version: PROGRESS_VERSION, exercises: {}, cards: {}, log: [] };
}

export type LoadResult =
  | { readonly ok: true; readonly progress: Progress }
  | { readonly ok: false; readonly progress: Progress; readonly backup: unknown; readonly message: string };

const STATES: readonly CardStateName[] = ['new', 'learning', 'review', 'relearning'];
const STATUSES: readonly ExerciseStatus[] = ['not-started', 'in-progress', 'passed'];

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIso = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/** Why the value is not a valid stored card, or undefined. */
export function cardProblem(v: unknown): string | undefined {
  if (!isObj(v)) return 'not an object';
  if (!isIso(v.due)) return 'due is not a date';
  if (!isNum(v.stability) || !isNum(v.difficulty)) return 'stability or difficulty is not a number';
  if (!isCount(v.scheduledDays) || !isCount(v.learningSteps) || !isCount(v.reps) || !isCount(v.lapses)) return 'a counter is not a whole number';
  if (!STATES.includes(v.state as CardStateName)) return `unknown state ${String(v.state)}`;
  if (v.lastReview !== undefined && !isIso(v.lastReview)) return 'lastReview is not a date';
  return undefined;
}

function exerciseProblem(v: unknown): string | undefined {
  if (!isObj(v)) return 'not an object';
  if (!STATUSES.includes(v.status as ExerciseStatus)) return `unknown status ${String(v.status)}`;
  if (!isCount(v.hintsShown) || !isCount(v.totalChecks)) return 'a counter is not a whole number';
  if (!Array.isArray(v.passedChecks) || !v.passedChecks.every((c) => typeof c === 'string')) return 'passedChecks is not a list of ids';
  if (v.passedAt !== undefined && !isIso(v.passedAt)) return 'passedAt is not a date';
  if (v.folder !== undefined && typeof v.folder !== 'string') return 'folder is not a string';
  return undefined;
}

function logProblem(v: unknown): string | undefined {
  if (!isObj(v)) return 'not an object';
  if (typeof v.cardId !== 'string' || !v.cardId) return 'no card id';
  if (v.type === 'undo') return isIso(v.at) ? undefined : 'at is not a date';
  if (v.type !== 'review') return `unknown entry type ${String(v.type)}`;
  if (![1, 2, 3, 4].includes(v.grade as number)) return `bad grade ${String(v.grade)}`;
  if (!isIso(v.at)) return 'at is not a date';
  if (v.before !== null) {
    const p = cardProblem(v.before);
    if (p) return `before: ${p}`;
  }
  return undefined;
}

/** Why the value is not a progress store of this version, or undefined when it is one. */
export function progressProblem(v: unknown): string | undefined {
  if (!isObj(v)) return 'it is not a JSON object';
  if (v.format !== PROGRESS_FORMAT) return 'it was not written by Docker Tutor';
  if (v.version !== PROGRESS_VERSION) return `it has version ${String(v.version)}, this Docker Tutor reads version ${PROGRESS_VERSION}`;
  if (!isObj(v.exercises) || !isObj(v.cards) || !Array.isArray(v.log)) return 'a section is missing';
  for (const [id, e] of Object.entries(v.exercises)) {
    const p = exerciseProblem(e);
    if (p) return `exercise ${id}: ${p}`;
  }
  for (const [id, c] of Object.entries(v.cards)) {
    const p = cardProblem(c);
    if (p) return `card ${id}: ${p}`;
  }
  for (let i = 0; i < v.log.length; i++) {
    const p = logProblem(v.log[i]);
    if (p) return `log entry ${i + 1}: ${p}`;
  }
  return undefined;
}

/** What globalState held: nothing (first run), our store, or something to back up and replace. */
export function loadProgress(raw: unknown): LoadResult {
  if (raw === undefined || raw === null) return { ok: true, progress: emptyProgress() };
  let problem: string | undefined;
  try {
    problem = progressProblem(raw);
  } catch (err) {
    problem = `it could not be read (${err instanceof Error ? err.message : String(err)})`;
  }
  if (!problem) return { ok: true, progress: raw as Progress };
  return {
    ok: false, progress: emptyProgress(), backup: raw,
    message: `Docker Tutor could not use the saved learning progress because ${problem}. It was saved to a backup file and progress starts afresh.`,
  };
}

export function exportProgress(p: Progress): string {
  return JSON.stringify(p, null, 2) + '\n';
}

export type ImportResult = { readonly ok: true; readonly progress: Progress } | { readonly ok: false; readonly message: string };

/** Parses an exported file; the current progress is untouched unless this succeeds. */
export function importProgress(text: string): ImportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `The file is not JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  const problem = progressProblem(raw);
  return problem ? { ok: false, message: `The file cannot be imported because ${problem}.` } : { ok: true, progress: raw as Progress };
}

// ---------------------------------------------------------------- updates (each returns a new value)

export function withExercise(p: Progress, id: string, e: ExerciseProgress): Progress {
  return { ...p, exercises: { ...p.exercises, [id]: e } };
}

export function withReview(p: Progress, cardId: string, grade: Grade, at: Date, after: StoredCard): Progress {
  const before = p.cards[cardId] ?? null;
  return { ...p, cards: { ...p.cards, [cardId]: after }, log: [...p.log, { type: 'review', cardId, grade, at: at.toISOString(), before }] };
}

/** The reviews still in effect, oldest first: each undo cancels the latest review not yet cancelled. */
export function effectiveReviews(p: Progress): ReviewEntry[] {
  const stack: ReviewEntry[] = [];
  for (const e of p.log) {
    if (e.type === 'review') stack.push(e);
    else stack.pop();
  }
  return stack;
}

/** Takes back the latest review in effect: the card gets its previous schedule back and the log gains an undo entry. */
export function undoLastReview(p: Progress, now: Date): { progress: Progress; undone: ReviewEntry } | undefined {
  const reviews = effectiveReviews(p);
  const last = reviews[reviews.length - 1];
  if (!last) return undefined;
  const cards = { ...p.cards };
  if (last.before) cards[last.cardId] = last.before;
  else delete cards[last.cardId];
  return { progress: { ...p, cards, log: [...p.log, { type: 'undo', cardId: last.cardId, at: now.toISOString() }] }, undone: last };
}

// ---------------------------------------------------------------- streak and daily counts

/** Local calendar day as YYYY-MM-DD. */
export function dayKey(d: Date): string {
  const m = String(d.getMonth() + 1).padStart(2, '0');
  const day = String(d.getDate()).padStart(2, '0');
  return `${d.getFullYear()}-${m}-${day}`;
}

/** Consecutive days up to today (or yesterday, so the streak survives until today's first review) with a review. */
export function streak(p: Progress, now: Date): number {
  const days = new Set(effectiveReviews(p).map((r) => dayKey(new Date(r.at))));
  const cursor = new Date(now);
  if (!days.has(dayKey(cursor))) cursor.setDate(cursor.getDate() - 1);
  let n = 0;
  while (days.has(dayKey(cursor))) {
    n++;
    cursor.setDate(cursor.getDate() - 1);
  }
  return n;
}

/** Cards seen for the first time today: counts against the new-card limit. */
export function newCardsToday(p: Progress, now: Date): number {
  const today = dayKey(now);
  return effectiveReviews(p).filter((r) => r.before === null && dayKey(new Date(r.at)) === today).length;
}
