// Which card comes next, and the numbers the quiz shows. Pure (no `vscode`), unit-tested in Node.
import type { Progress } from './progressStore';
import { newCardsToday } from './progressStore';
import { isDue, recall } from './scheduler';

/** The fields of a deck card the queue and the stats need. */
export interface QueueCard {
  readonly id: string;
  readonly topic: string;
}

export interface QueueOptions {
  readonly now: Date;
  readonly newPerDay: number;
  /** Only cards of this topic; all topics when undefined. */
  readonly topic?: string;
}

/** Due cards first (most overdue first), then new cards up to what is left of today's limit, in deck order. */
export function buildQueue(deck: readonly QueueCard[], progress: Progress, o: QueueOptions): string[] {
  const cards = o.topic ? deck.filter((c) => c.topic === o.topic) : deck;
  const due = cards
    .filter((c) => progress.cards[c.id] && isDue(progress.cards[c.id]!, o.now))
    .sort((a, b) => Date.parse(progress.cards[a.id]!.due) - Date.parse(progress.cards[b.id]!.due))
    .map((c) => c.id);
  const left = Math.max(0, Math.floor(o.newPerDay) - newCardsToday(progress, o.now));
  const fresh = cards.filter((c) => !progress.cards[c.id]).slice(0, left).map((c) => c.id);
  return [...due, ...fresh];
}

export function dueCount(deck: readonly QueueCard[], progress: Progress, now: Date): number {
  return deck.filter((c) => progress.cards[c.id] && isDue(progress.cards[c.id]!, now)).length;
}

export interface TopicStats {
  readonly topic: string;
  readonly total: number;
  readonly seen: number;
  readonly due: number;
  /** Mean predicted recall over the cards seen, 0..1; undefined when none seen. */
  readonly recall: number | undefined;
}

export function topicStats(deck: readonly QueueCard[], progress: Progress, now: Date): TopicStats[] {
  const byTopic = new Map<string, QueueCard[]>();
  for (const c of deck) byTopic.set(c.topic, [...(byTopic.get(c.topic) ?? []), c]);
  return [...byTopic].map(([topic, list]) => {
    const seen = list.filter((c) => progress.cards[c.id]);
    const rs = seen.map((c) => recall(progress.cards[c.id]!, now));
    return {
      topic, total: list.length, seen: seen.length,
      due: seen.filter((c) => isDue(progress.cards[c.id]!, now)).length,
      recall: rs.length ? rs.reduce((a, b) => a + b, 0) / rs.length : undefined,
    };
  });
}
