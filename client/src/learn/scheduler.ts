// FSRS scheduling for the study deck. Pure (no `vscode`), unit-tested in Node.
//
// ts-fsrs 5.x assigns `scheduler`, `diff`, `format` and `dueFormat` to Date.prototype when its module is
// evaluated. The extension host is shared with every other extension, so we load it once through
// `require`, then put Date.prototype back exactly as it was. The library's own code calls its helper
// functions directly, never those prototype methods (checked for 5.4.2; a test runs the scheduler after
// the restore and checks Date.prototype).
import type * as TsFsrs from 'ts-fsrs' with { 'resolution-mode': 'require' };

function loadIsolated(): typeof TsFsrs {
  const proto = Date.prototype as unknown as Record<string, unknown>;
  const before = new Map<string, PropertyDescriptor | undefined>();
  for (const name of ['scheduler', 'diff', 'format', 'dueFormat']) before.set(name, Object.getOwnPropertyDescriptor(proto, name));
  const known = new Set(Object.getOwnPropertyNames(proto));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lib = require('ts-fsrs') as typeof TsFsrs;
  for (const name of Object.getOwnPropertyNames(proto)) {
    const original = before.get(name);
    if (original) Object.defineProperty(proto, name, original);
    else if (!known.has(name)) delete proto[name];
  }
  return lib;
}

const lib = loadIsolated();

export type Grade = 1 | 2 | 3 | 4;
export const GRADE_NAMES: Readonly<Record<Grade, string>> = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' };
export type CardStateName = 'new' | 'learning' | 'review' | 'relearning';

/** A card's schedule as stored: plain JSON (ISO dates), so it syncs and exports as is. */
export interface StoredCard {
  readonly due: string;
  readonly stability: number;
  readonly difficulty: number;
  readonly scheduledDays: number;
  readonly learningSteps: number;
  readonly reps: number;
  readonly lapses: number;
  readonly state: CardStateName;
  readonly lastReview?: string;
}

const STATE_NAMES: readonly CardStateName[] = ['new', 'learning', 'review', 'relearning'];

function toLib(c: StoredCard): TsFsrs.Card {
  const last = c.lastReview ? new Date(c.lastReview) : undefined;
  return {
    due: new Date(c.due), stability: c.stability, difficulty: c.difficulty,
    elapsed_days: 0, scheduled_days: c.scheduledDays, learning_steps: c.learningSteps, reps: c.reps, lapses: c.lapses,
    state: STATE_NAMES.indexOf(c.state) as TsFsrs.State, ...(last ? { last_review: last } : {}),
  };
}

function fromLib(c: TsFsrs.Card): StoredCard {
  return {
    due: c.due.toISOString(), stability: c.stability, difficulty: c.difficulty, scheduledDays: c.scheduled_days,
    learningSteps: c.learning_steps, reps: c.reps, lapses: c.lapses, state: STATE_NAMES[c.state] ?? 'new',
    ...(c.last_review ? { lastReview: c.last_review.toISOString() } : {}),
  };
}

/** Fuzz off: the same review history gives the same schedule, which makes tests and sync deterministic. */
const engine = lib.fsrs(lib.generatorParameters({ enable_fuzz: false, request_retention: 0.9 }));

export function newCard(now: Date): StoredCard {
  return fromLib(lib.createEmptyCard(now));
}

/** The card after a review with this grade. */
export function review(card: StoredCard, grade: Grade, now: Date): StoredCard {
  return fromLib(engine.next(toLib(card), now, grade as TsFsrs.Grade).card);
}

/** When the card would be due next for each grade: labels for the grade buttons. */
export function preview(card: StoredCard, now: Date): Record<Grade, string> {
  const out = {} as Record<Grade, string>;
  for (const g of [1, 2, 3, 4] as const) out[g] = engine.next(toLib(card), now, g as TsFsrs.Grade).card.due.toISOString();
  return out;
}

/** Predicted probability of recalling the card now (0 for a card never reviewed). */
export function recall(card: StoredCard, now: Date): number {
  if (card.state === 'new') return 0;
  const r = engine.get_retrievability(toLib(card), now, false);
  return Number.isFinite(r) ? Math.max(0, Math.min(1, r)) : 0;
}

export function isDue(card: StoredCard, now: Date): boolean {
  return Date.parse(card.due) <= now.getTime();
}

/** "in 10 min", "in 3 days": how far away an ISO date is. */
export function humanInterval(fromIso: string, now: Date): string {
  const ms = Date.parse(fromIso) - now.getTime();
  const min = Math.max(1, Math.round(ms / 60000));
  if (min < 60) return `${min} min`;
  const h = Math.round(min / 60);
  if (h < 24) return `${h} h`;
  const d = Math.round(h / 24);
  if (d < 31) return `${d} d`;
  const mo = Math.round(d / 30);
  return mo < 12 ? `${mo} mo` : `${(d / 365).toFixed(1)} y`;
}
