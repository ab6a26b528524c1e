// The learner's progress: exercise status, card schedules, per-day activity, and an append-only review log.
// Pure (no `vscode`). The extension keeps everything but the log in globalState (synced across machines, so it
// stays small: one schedule per card and a counter per day) and the log in a JSONL file of its own
// (progressService.ts). This module validates, migrates, exports and imports. A value that is not
// ours, or is damaged, is never used and never dropped silently: the caller gets it back as `backup` with a
// message, and starts from an empty store.
import type { CardStateName, Grade, StoredCard } from './scheduler';

export const PROGRESS_FORMAT = 'docker-tutor-progress';
/** 2: the log left the synced state for a file, and `days` took over the streak and the daily new-card count. */
export const PROGRESS_VERSION = 2;
/** How many days of activity the synced state keeps: enough for a year-long streak, and bounded. */
export const DAYS_KEPT = 400;

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

/** The learner put a card into the review queue by hand ("Add to my reviews"). */
export interface AddEntry {
  readonly type: 'add';
  readonly cardId: string;
  readonly at: string;
}

export type LogEntry = ReviewEntry | UndoEntry | AddEntry;

/** What one local day added up to: reviews still in effect, and cards seen for the first time. */
export interface DayActivity {
  readonly reviews: number;
  readonly newCards: number;
}

export interface Progress {
  readonly format: typeof PROGRESS_FORMAT;
  readonly version: typeof PROGRESS_VERSION;
  readonly exercises: Readonly<Record<string, ExerciseProgress>>;
  readonly cards: Readonly<Record<string, StoredCard>>;
  /** Local day (YYYY-MM-DD) -> activity, the last DAYS_KEPT days: the streak and the new-card limit read it. */
  readonly days: Readonly<Record<string, DayActivity>>;
  /**
   * Append-only, oldest first: an undo is an entry too, so the history is never rewritten. Only this
   * machine's reviews (it lives in a local file); undo reads it for the schedule a card had before.
   */
  readonly log: readonly LogEntry[];
}

/** What goes into the synced globalState key: everything but the log. */
export type SyncedProgress = Omit<Progress, 'log'>;

export function emptyProgress(): Progress {
  return { format: PROGRESS_FORMAT, version: PROGRESS_VERSION, exercises: {}, cards: {}, days: {}, log: [] };
}

export function toSynced(p: Progress): SyncedProgress {
  const { log: _log, ...synced } = p;
  void _log;
  return synced;
}

export type LoadResult =
  /** `migrated`: a version-1 value whose log must now move to the log file (`progress.log` holds it). */
  | { readonly ok: true; readonly progress: Progress; readonly migrated: boolean }
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

/** Why the value is not a review log entry, or undefined (the log file's reader uses it per line). */
export function logEntryProblem(v: unknown): string | undefined {
  if (!isObj(v)) return 'not an object';
  if (typeof v.cardId !== 'string' || !v.cardId) return 'no card id';
  if (v.type === 'undo' || v.type === 'add') return isIso(v.at) ? undefined : 'at is not a date';
  if (v.type !== 'review') return `unknown entry type ${String(v.type)}`;
  if (![1, 2, 3, 4].includes(v.grade as number)) return `bad grade ${String(v.grade)}`;
  if (!isIso(v.at)) return 'at is not a date';
  if (v.before !== null) {
    const p = cardProblem(v.before);
    if (p) return `before: ${p}`;
  }
  return undefined;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Why the value is not a progress store, or undefined when it is one. Version 1 (log inside, no `days`) is
 * still read, to migrate it; version 2 may come without its log (the synced state) or with it (an export).
 */
export function progressProblem(v: unknown): string | undefined {
  if (!isObj(v)) return 'it is not a JSON object';
  if (v.format !== PROGRESS_FORMAT) return 'it was not written by Docker Tutor';
  if (v.version !== 1 && v.version !== PROGRESS_VERSION) return `it has version ${String(v.version)}, this Docker Tutor reads versions 1 to ${PROGRESS_VERSION}`;
  if (!isObj(v.exercises) || !isObj(v.cards)) return 'a section is missing';
  if (v.version === 1 ? !Array.isArray(v.log) : !isObj(v.days) || (v.log !== undefined && !Array.isArray(v.log))) return 'a section is missing';
  for (const [id, e] of Object.entries(v.exercises)) {
    const p = exerciseProblem(e);
    if (p) return `exercise ${id}: ${p}`;
  }
  for (const [id, c] of Object.entries(v.cards)) {
    const p = cardProblem(c);
    if (p) return `card ${id}: ${p}`;
  }
  if (isObj(v.days)) {
    for (const [day, a] of Object.entries(v.days)) {
      if (!DAY.test(day) || !isObj(a) || !isCount(a.reviews) || !isCount(a.newCards)) return `day ${day}: not a day's activity`;
    }
  }
  const log = Array.isArray(v.log) ? v.log : [];
  for (let i = 0; i < log.length; i++) {
    const p = logEntryProblem(log[i]);
    if (p) return `log entry ${i + 1}: ${p}`;
  }
  return undefined;
}

/** A value `progressProblem` accepted, as the current version (version 1 gets its `days` from its log). */
function normalize(v: Record<string, unknown>): Progress {
  const log = (Array.isArray(v.log) ? v.log : []) as LogEntry[];
  const days = v.version === 1 ? daysFromLog(log) : (v.days as Progress['days']);
  return { format: PROGRESS_FORMAT, version: PROGRESS_VERSION, exercises: v.exercises as Progress['exercises'], cards: v.cards as Progress['cards'], days, log };
}

/** What globalState held: nothing (first run), our store (maybe version 1, to migrate), or something to back up and replace. */
export function loadProgress(raw: unknown): LoadResult {
  if (raw === undefined || raw === null) return { ok: true, progress: emptyProgress(), migrated: false };
  let problem: string | undefined;
  try {
    problem = progressProblem(raw);
    if (!problem) {
      const v = raw as Record<string, unknown>;
      // Version 2 keeps its log in the file only (toSynced drops it before globalState sees it).
      const progress = normalize(v);
      return v.version === 1 ? { ok: true, progress, migrated: true } : { ok: true, progress: { ...progress, log: [] }, migrated: false };
    }
  } catch (err) {
    problem = `it could not be read (${err instanceof Error ? err.message : String(err)})`;
  }
  return {
    ok: false, progress: emptyProgress(), backup: raw,
    message: `Docker Tutor could not use the saved learning progress because ${problem}. It was saved to a backup file and progress starts afresh.`,
  };
}

/** The whole progress, review log included, as one JSON file. */
export function exportProgress(p: Progress): string {
  return JSON.stringify(p, null, 2) + '\n';
}

export type ImportResult = { readonly ok: true; readonly progress: Progress } | { readonly ok: false; readonly message: string };

/** Parses an exported file (version 1 or 2); the current progress is untouched unless this succeeds. */
export function importProgress(text: string): ImportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `The file is not JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  const problem = progressProblem(raw);
  return problem ? { ok: false, message: `The file cannot be imported because ${problem}.` } : { ok: true, progress: normalize(raw as Record<string, unknown>) };
}

// ---------------------------------------------------------------- the review log as JSONL

/** One entry per line, so the file only ever grows at its end. */
export function logLine(e: LogEntry): string {
  return JSON.stringify(e) + '\n';
}

export interface ParsedLog {
  readonly entries: LogEntry[];
  /** Lines that were skipped (1-based), with the reason: a torn write, a hand edit, another program. */
  readonly bad: { readonly line: number; readonly reason: string }[];
}

/** Reads the log file's text; a damaged line is reported and skipped, never fatal. */
export function parseLog(text: string): ParsedLog {
  const entries: LogEntry[] = [];
  const bad: { line: number; reason: string }[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      bad.push({ line: i + 1, reason: 'not JSON (cut off?)' });
      return;
    }
    const p = logEntryProblem(v);
    if (p) bad.push({ line: i + 1, reason: p });
    else entries.push(v as LogEntry);
  });
  return { entries, bad };
}

/**
 * How the log file follows a change of the in-memory log: the updates only ever add entries at the end (they
 * keep the old array's entries, so the last written one is still in place), which is an append; anything else
 * (an import, a restore) rewrites the file. Undefined when nothing changed.
 */
export function logWrite(prev: readonly LogEntry[], next: readonly LogEntry[]): { readonly append: string } | { readonly rewrite: string } | undefined {
  if (next === prev) return undefined;
  const extends_ = next.length >= prev.length && (prev.length === 0 || next[prev.length - 1] === prev[prev.length - 1]);
  return extends_ ? { append: next.slice(prev.length).map(logLine).join('') } : { rewrite: next.map(logLine).join('') };
}

const entryKey = (e: LogEntry): string => `${e.type}|${e.cardId}|${e.at}|${e.type === 'review' ? e.grade : ''}`;

/**
 * The log file's entries plus those of a version-1 store being migrated, each once, in time order. Running the
 * migration again after a crash between writing the file and updating globalState adds nothing twice.
 */
export function mergeLogs(file: readonly LogEntry[], legacy: readonly LogEntry[]): LogEntry[] {
  const seen = new Set(file.map(entryKey));
  const extra = legacy.filter((e) => !seen.has(entryKey(e)));
  if (!extra.length) return [...file];
  // Stable: entries with the same time keep their order, so an undo stays after the review it takes back.
  return [...file, ...extra].map((e, i) => ({ e, i })).sort((a, b) => Date.parse(a.e.at) - Date.parse(b.e.at) || a.i - b.i).map((x) => x.e);
}

/** Per-day activity rebuilt from a log (for version-1 stores, whose log was complete). */
export function daysFromLog(log: readonly LogEntry[]): Record<string, DayActivity> {
  const days: Record<string, DayActivity> = {};
  for (const r of effectiveReviews({ log })) {
    const k = dayKey(new Date(r.at));
    const d = days[k] ?? { reviews: 0, newCards: 0 };
    days[k] = { reviews: d.reviews + 1, newCards: d.newCards + (r.before === null ? 1 : 0) };
  }
  return days;
}

// ---------------------------------------------------------------- updates (each returns a new value)

export function withExercise(p: Progress, id: string, e: ExerciseProgress): Progress {
  return { ...p, exercises: { ...p.exercises, [id]: e } };
}

/** `days` with one day's activity changed by `delta`; days at zero are dropped, and so are days older than DAYS_KEPT. */
function bumpDay(days: Progress['days'], key: string, delta: DayActivity, now: Date): Record<string, DayActivity> {
  const oldest = dayKey(new Date(now.getTime() - DAYS_KEPT * 86_400_000));
  const out: Record<string, DayActivity> = {};
  for (const [k, v] of Object.entries(days)) if (k >= oldest) out[k] = v;
  const d = out[key] ?? { reviews: 0, newCards: 0 };
  const next = { reviews: Math.max(0, d.reviews + delta.reviews), newCards: Math.max(0, d.newCards + delta.newCards) };
  if (next.reviews || next.newCards) out[key] = next;
  else delete out[key];
  return out;
}

export function withReview(p: Progress, cardId: string, grade: Grade, at: Date, after: StoredCard): Progress {
  const before = p.cards[cardId] ?? null;
  return {
    ...p, cards: { ...p.cards, [cardId]: after },
    days: bumpDay(p.days, dayKey(at), { reviews: 1, newCards: before === null ? 1 : 0 }, at),
    log: [...p.log, { type: 'review', cardId, grade, at: at.toISOString(), before }],
  };
}

/**
 * "Add to my reviews": the card joins the review queue as a new card, due now. It goes in as a scheduled card
 * (`fresh`, from scheduler.newCard) rather than through the new-card queue, so the daily new-card limit neither
 * blocks nor counts it: that limit paces the deck's own introductions, and here the learner asked for this one
 * card, on purpose, from a diagnostic or a hover. Idempotent: a card already scheduled keeps its schedule.
 */
export function addToReviews(p: Progress, cardId: string, now: Date, fresh: StoredCard): { progress: Progress; added: boolean; due: string } {
  const existing = p.cards[cardId];
  if (existing) return { progress: p, added: false, due: existing.due };
  const card = { ...fresh, due: now.toISOString() };
  return { progress: { ...p, cards: { ...p.cards, [cardId]: card }, log: [...p.log, { type: 'add', cardId, at: now.toISOString() }] }, added: true, due: card.due };
}

/** The reviews still in effect, oldest first: each undo cancels the latest review not yet cancelled. */
export function effectiveReviews(p: Pick<Progress, 'log'>): ReviewEntry[] {
  const stack: ReviewEntry[] = [];
  for (const e of p.log) {
    if (e.type === 'review') stack.push(e);
    else if (e.type === 'undo') stack.pop();
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
  const days = bumpDay(p.days, dayKey(new Date(last.at)), { reviews: -1, newCards: last.before === null ? -1 : 0 }, now);
  return { progress: { ...p, cards, days, log: [...p.log, { type: 'undo', cardId: last.cardId, at: now.toISOString() }] }, undone: last };
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
  const has = (d: Date): boolean => (p.days[dayKey(d)]?.reviews ?? 0) > 0;
  const cursor = new Date(now);
  if (!has(cursor)) cursor.setDate(cursor.getDate() - 1);
  let n = 0;
  while (has(cursor)) {
    n++;
    cursor.setDate(cursor.getDate() - 1);
  }
  return n;
}

/** Cards seen for the first time today: counts against the new-card limit. */
export function newCardsToday(p: Progress, now: Date): number {
  return p.days[dayKey(now)]?.newCards ?? 0;
}

/** Reviews in effect over the days kept (synced, so another machine's reviews count too). */
export function reviewsDone(p: Progress): number {
  return Math.max(effectiveReviews(p).length, Object.values(p.days).reduce((n, d) => n + d.reviews, 0));
}
