import type { Card } from './cards';
import { composePathMatches } from './cards';
import { studyContent } from '../lazy';

// The "From the study deck" part of hovers, shared by Dockerfile and Compose hovers. Indexes are
// built once, on the first lookup: a hover only does map lookups.

/** The client command that opens a card (the quiz panel, or a Markdown preview until it lands). */
export const OPEN_CARD_COMMAND = 'dockerTutor.quiz.openCard';
/** How many cards a hover shows: one or two keep the reference text the main thing. */
export const MAX_HOVER_CARDS = 2;

const byDifficulty = (a: Card, b: Card): number => a.difficulty - b.difficulty;

interface Indexes {
  readonly byId: ReadonlyMap<string, Card>;
  readonly byInstruction: ReadonlyMap<string, Card[]>;
  /** `RUN --mount` and `RUN --mount=cache` both index a card linked to `RUN --mount=cache` (like `cardsForFlag`). */
  readonly byFlag: ReadonlyMap<string, Card[]>;
  readonly composeLinked: readonly Card[];
}

let indexes: Indexes | undefined;

/** Built on the first lookup, with the deck itself (loaded on first use, see ../lazy.ts). */
function index(): Indexes {
  if (indexes) return indexes;
  const { cards } = studyContent();
  const byInstruction = new Map<string, Card[]>();
  const byFlag = new Map<string, Card[]>();
  const push = (map: Map<string, Card[]>, key: string, card: Card): void => {
    const list = map.get(key);
    if (!list) map.set(key, [card]);
    else if (!list.includes(card)) list.push(card);
  };
  for (const c of cards) {
    for (const k of c.links?.instructions ?? []) push(byInstruction, k, c);
    for (const f of c.links?.flags ?? []) {
      push(byFlag, f, c);
      const eq = f.indexOf('=');
      if (eq > 0) push(byFlag, f.slice(0, eq), c);
    }
  }
  for (const list of [...byInstruction.values(), ...byFlag.values()]) list.sort(byDifficulty);
  indexes = { byId: new Map(cards.map((c) => [c.id, c])), byInstruction, byFlag, composeLinked: cards.filter((c) => c.links?.composeKeys?.length) };
  return indexes;
}

export const studyCard = (id: string): Card | undefined => index().byId.get(id);

/** Cards linked to a Dockerfile keyword, easiest first. */
export const instructionCards = (keyword: string): readonly Card[] => index().byInstruction.get(keyword.toUpperCase()) ?? [];

/** Cards linked to `RUN --mount`, or with a value to `RUN --mount=cache`; `flag` with or without dashes. */
export function flagCards(keyword: string, flag: string, value?: string): readonly Card[] {
  const key = `${keyword.toUpperCase()} --${flag.replace(/^--/, '').toLowerCase()}${value ? '=' + value.toLowerCase() : ''}`;
  return index().byFlag.get(key) ?? [];
}

/** Cards linked to a compose path such as `['services', 'web', 'ports']` (`*` in a card's key matches any name). */
export function composeKeyCards(path: readonly string[]): readonly Card[] {
  return index().composeLinked.filter((c) => c.links!.composeKeys!.some((k) => composePathMatches(k, path))).sort(byDifficulty);
}

/** `command:` URI that opens a card; the argument list is JSON, URI-encoded, as VS Code expects. */
export function openCardCommandUri(cardId: string): string {
  return `command:${OPEN_CARD_COMMAND}?${encodeURIComponent(JSON.stringify([cardId]))}`;
}

/** A card id, a card, or nothing (missing docs entries, lookups that found none). */
export type CardRef = string | Card | undefined;

/**
 * The first `max` distinct existing cards of `refs`, in order: callers list the explicit choices
 * (the docs entry's `cards`) before the deck's own links, so the best match comes first.
 */
export function pickCards(refs: Iterable<CardRef | readonly CardRef[]>, max = MAX_HOVER_CARDS): Card[] {
  const out: Card[] = [];
  const add = (r: CardRef): boolean => {
    const card = typeof r === 'string' ? index().byId.get(r) : r;
    if (card && !out.includes(card)) out.push(card);
    return out.length >= max;
  };
  for (const r of refs) {
    if (Array.isArray(r)) {
      for (const x of r as readonly CardRef[]) if (add(x)) return out;
    } else if (add(r as CardRef)) return out;
  }
  return out;
}

/**
 * Markdown for the end of a hover: per card "**From the study deck:** question", its one-line answer
 * and a "Quiz me on this" command link. Empty when no card matches. The client must trust
 * `OPEN_CARD_COMMAND` in hovers for the link to work.
 */
export function studyDeckSection(refs: Iterable<CardRef | readonly CardRef[]>, max = MAX_HOVER_CARDS): string {
  const picked = pickCards(refs, max);
  if (picked.length === 0) return '';
  return '---\n\n' + picked.map(cardBlock).join('\n\n');
}

/** Each card's block is rendered once, on first use: hovers repeat the same few cards. */
const blocks = new Map<Card, string>();
function cardBlock(c: Card): string {
  let b = blocks.get(c);
  if (b === undefined) {
    b = `**From the study deck:** ${escapeHtml(oneLine(c.question))}\n\n${escapeHtml(c.short)} [Quiz me on this](${openCardCommandUri(c.id)} "Open this card")`;
    blocks.set(c, b);
  }
  return b;
}

/** `<none>:<none>` would be read as HTML tags and vanish from the hover; inside backticks it is already safe. */
function escapeHtml(s: string): string {
  return s.split('`').map((part, i) => (i % 2 === 0 ? part.replace(/</g, '&lt;').replace(/>/g, '&gt;') : part)).join('`');
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}
