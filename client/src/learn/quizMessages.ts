// Messages between the quiz webview and the extension host, in both directions, with guards that each side
// runs on receipt. Pure (no `vscode`, no DOM): the webview bundle and the unit tests import it.
import type { Grade } from './scheduler';
import type { TopicStats } from './quizQueue';

export interface WireOption {
  readonly text: string;
  readonly why: string;
}

/** A card as the webview needs it; for graded kinds the answer is only sent with the feedback. */
export interface WireCard {
  readonly id: string;
  readonly kind: 'open' | 'true-false' | 'multiple-choice' | 'spot-the-bug';
  readonly topic: string;
  readonly question: string;
  readonly answer: string;
  readonly options?: readonly WireOption[];
  readonly snippet?: { readonly language: 'dockerfile' | 'compose'; readonly code: string };
  readonly explanation?: string;
}

export interface SessionStats {
  readonly due: number;
  readonly remaining: number;
  readonly newLeftToday: number;
  readonly streak: number;
  readonly canUndo: boolean;
}

export type ToWebview =
  /** `offerAdd`: the card was opened from a diagnostic's "Learn why" or a hover, so the panel offers "Add to my reviews". */
  | { readonly type: 'show'; readonly card: WireCard; readonly intervals: Readonly<Record<Grade, string>>; readonly stats: SessionStats; readonly topics: readonly TopicStats[]; readonly offerAdd?: boolean }
  /** The answer to `addToReviews`: `added` false when the card was already scheduled; `message` is what to show and announce. */
  | { readonly type: 'added'; readonly cardId: string; readonly added: boolean; readonly message: string; readonly stats: SessionStats }
  | { readonly type: 'feedback'; readonly cardId: string; readonly correct: boolean; readonly correctChoice: number | boolean }
  | { readonly type: 'finished'; readonly stats: SessionStats; readonly topics: readonly TopicStats[] };

export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'grade'; readonly cardId: string; readonly grade: Grade }
  | { readonly type: 'answer'; readonly cardId: string; readonly choice: number | boolean }
  | { readonly type: 'next' }
  | { readonly type: 'undo' }
  | { readonly type: 'addToReviews'; readonly cardId: string };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isId = (v: unknown): v is string => isStr(v) && /^[a-z0-9][a-z0-9-]{0,99}$/.test(v);
const isGrade = (v: unknown): v is Grade => v === 1 || v === 2 || v === 3 || v === 4;
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/** Validates a message from the webview; anything else is dropped by the caller. */
export function parseFromWebview(v: unknown): FromWebview | undefined {
  if (!isObj(v) || !isStr(v.type)) return undefined;
  const type = v.type as FromWebview['type'];
  switch (type) {
    case 'ready':
    case 'next':
    case 'undo':
      return { type };
    case 'addToReviews':
      return isId(v.cardId) ? { type, cardId: v.cardId } : undefined;
    case 'grade':
      return isId(v.cardId) && isGrade(v.grade) ? { type, cardId: v.cardId, grade: v.grade } : undefined;
    case 'answer':
      return isId(v.cardId) && (typeof v.choice === 'boolean' || (isCount(v.choice) && (v.choice as number) < 16))
        ? { type, cardId: v.cardId, choice: v.choice as number | boolean } : undefined;
    default: {
      const _exhaustive: never = type;
      void _exhaustive;
      return undefined;
    }
  }
}

function isStats(v: unknown): v is SessionStats {
  return isObj(v) && isCount(v.due) && isCount(v.remaining) && isCount(v.newLeftToday) && isCount(v.streak) && typeof v.canUndo === 'boolean';
}

function isTopics(v: unknown): v is TopicStats[] {
  return Array.isArray(v) && v.every((t) => isObj(t) && isStr(t.topic) && isCount(t.total) && isCount(t.seen) && isCount(t.due)
    && (t.recall === undefined || (typeof t.recall === 'number' && t.recall >= 0 && t.recall <= 1)));
}

function isCard(v: unknown): v is WireCard {
  if (!isObj(v) || !isId(v.id) || !isStr(v.topic) || !isStr(v.question) || !isStr(v.answer)) return false;
  if (!['open', 'true-false', 'multiple-choice', 'spot-the-bug'].includes(v.kind as string)) return false;
  if (v.options !== undefined && !(Array.isArray(v.options) && v.options.every((o) => isObj(o) && isStr(o.text) && isStr(o.why)))) return false;
  if (v.snippet !== undefined && !(isObj(v.snippet) && isStr(v.snippet.code) && (v.snippet.language === 'dockerfile' || v.snippet.language === 'compose'))) return false;
  return v.explanation === undefined || isStr(v.explanation);
}

/** Validates a message from the extension host (the webview trusts nothing it has not checked). */
export function parseToWebview(v: unknown): ToWebview | undefined {
  if (!isObj(v) || !isStr(v.type)) return undefined;
  const type = v.type as ToWebview['type'];
  switch (type) {
    case 'show': {
      const iv = v.intervals;
      const ok = isCard(v.card) && isStats(v.stats) && isObj(iv) && [1, 2, 3, 4].every((g) => isStr(iv[g])) && isTopics(v.topics)
        && (v.offerAdd === undefined || typeof v.offerAdd === 'boolean');
      return ok ? (v as unknown as ToWebview) : undefined;
    }
    case 'feedback':
      return isId(v.cardId) && typeof v.correct === 'boolean' && (typeof v.correctChoice === 'boolean' || isCount(v.correctChoice))
        ? { type, cardId: v.cardId, correct: v.correct, correctChoice: v.correctChoice as number | boolean } : undefined;
    case 'added':
      return isId(v.cardId) && typeof v.added === 'boolean' && isStr(v.message) && isStats(v.stats)
        ? { type, cardId: v.cardId, added: v.added, message: v.message, stats: v.stats } : undefined;
    case 'finished':
      return isStats(v.stats) && isTopics(v.topics) ? (v as unknown as ToWebview) : undefined;
    default: {
      const _exhaustive: never = type;
      void _exhaustive;
      return undefined;
    }
  }
}
