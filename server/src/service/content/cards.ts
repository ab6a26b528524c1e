// Types of the study deck. The data lives in server/content/cards/*.yaml, is validated against
// server/content/schema/cards.schema.json at build time and generated into server/src/generated/cards.ts.

/** The deck's topics: the seed Q&A sections, plus registry, swarm and logging from the DCA notes and the course deck. */
export const CARD_TOPICS = [
  'containers-101', 'oci', 'images', 'basic-commands', 'volumes', 'dockerfile', 'architecture',
  'docker-architecture', 'compose', 'networking', 'security', 'production', 'registry', 'swarm', 'logging',
] as const;
export type CardTopic = (typeof CARD_TOPICS)[number];

export const CARD_KINDS = ['open', 'true-false', 'multiple-choice', 'spot-the-bug'] as const;
export type CardKind = (typeof CARD_KINDS)[number];

/** The study material the deck was written from (files in ../shared/seeds). Cards teach their facts in our own words. */
export const SEED_FILES = [
  '000_06e53bcb1866fafb.txt', // containers interview Q&A, flattened text
  '001_ec166ca812b68367.txt', // the same Q&A as <details> blocks
  '002_1855f6866af9cdde.txt', // "Docker: Zero to Hero" course deck
  '004_834157dec129d59f.txt', // Docker Certified Associate notes
] as const;
export type SeedFile = (typeof SEED_FILES)[number];

export interface CardSource {
  readonly seed: SeedFile;
  /** The seed question or section heading the card covers (short, for traceability). */
  readonly ref: string;
}

/** What a card is about, so hovers and diagnostics can find it. */
export interface CardLinks {
  /** Dockerfile keywords, upper case: `COPY`. */
  readonly instructions?: readonly string[];
  /** Instruction flags: `RUN --mount`, `COPY --from`. */
  readonly flags?: readonly string[];
  /** Compose paths with `*` for names: `services.*.ports`. */
  readonly composeKeys?: readonly string[];
  /** Rule ids whose principle the card explains. */
  readonly rules?: readonly string[];
}

interface CardBase {
  /** Stable kebab-case id; rules and progress refer to it. */
  readonly id: string;
  readonly topic: CardTopic;
  readonly difficulty: 1 | 2 | 3;
  readonly question: string;
  /** Markdown, shown when the card is flipped. */
  readonly answer: string;
  /** One line (<= 140 chars) for hovers. */
  readonly short: string;
  readonly links?: CardLinks;
  /** A page on docs.docker.com with the full story. */
  readonly docs?: string;
  readonly source: readonly CardSource[];
}

export interface OpenCard extends CardBase {
  readonly kind: 'open';
}

export interface TrueFalseCard extends CardBase {
  readonly kind: 'true-false';
  /** Whether the statement in `question` is true. */
  readonly correct: boolean;
  readonly explanation: string;
}

export interface CardOption {
  readonly text: string;
  readonly correct: boolean;
  /** Why this option is right or, for a wrong one, why it is wrong. */
  readonly why: string;
}

export interface MultipleChoiceCard extends CardBase {
  readonly kind: 'multiple-choice';
  /** Exactly one option is correct (a content test checks). */
  readonly options: readonly CardOption[];
}

export interface Snippet {
  readonly language: 'dockerfile' | 'compose';
  readonly code: string;
}

export interface SpotTheBugCard extends CardBase {
  readonly kind: 'spot-the-bug';
  readonly snippet: Snippet;
  /** The rule that reports the mistake in `snippet` (a content test runs it). */
  readonly ruleId: string;
  readonly explanation: string;
}

export type Card = OpenCard | TrueFalseCard | MultipleChoiceCard | SpotTheBugCard;
export type Deck = readonly Card[];

/** Cards by id, for rules (`explain.cardId`) and hovers. */
export function indexDeck(deck: Deck): ReadonlyMap<string, Card> {
  return new Map(deck.map((c) => [c.id, c]));
}

/** Cards that link to a Dockerfile instruction, most basic first: what a hover on that keyword shows. */
export function cardsForInstruction(deck: Deck, keyword: string): Card[] {
  const k = keyword.toUpperCase();
  return deck.filter((c) => c.links?.instructions?.includes(k)).sort((a, b) => a.difficulty - b.difficulty);
}

/** Cards that link to an instruction flag, e.g. `RUN --mount`. */
export function cardsForFlag(deck: Deck, keyword: string, flag: string): Card[] {
  const want = `${keyword.toUpperCase()} --${flag.replace(/^--/, '')}`;
  return deck.filter((c) => c.links?.flags?.some((f) => f === want || f.startsWith(want + '='))).sort((a, b) => a.difficulty - b.difficulty);
}

/** Cards that link to a compose path; `*` in a card's path matches any one segment. */
export function cardsForComposePath(deck: Deck, path: readonly string[]): Card[] {
  return deck.filter((c) => c.links?.composeKeys?.some((k) => composePathMatches(k, path))).sort((a, b) => a.difficulty - b.difficulty);
}

export function composePathMatches(pattern: string, path: readonly string[]): boolean {
  const parts = pattern.split('.');
  return parts.length === path.length && parts.every((p, i) => p === '*' || p === path[i]);
}

/** Cards that explain a rule's principle. */
export function cardsForRule(deck: Deck, ruleId: string): Card[] {
  return deck.filter((c) => c.links?.rules?.includes(ruleId) || (c.kind === 'spot-the-bug' && c.ruleId === ruleId));
}
