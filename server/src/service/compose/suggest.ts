import { didYouMean } from '../text';

/**
 * Did-you-mean for Compose names: the shared edit-distance guess, plus a swapped pair of
 * neighbouring letters (`cahce` -> `cache`), the most common typo that plain edit distance counts twice.
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  const guess = didYouMean(word, list);
  if (guess) return guess;
  const w = word.toLowerCase();
  for (const c of list) {
    const l = c.toLowerCase();
    if (l.length !== w.length) continue;
    const diff: number[] = [];
    for (let i = 0; i < w.length && diff.length <= 2; i++) if (w[i] !== l[i]) diff.push(i);
    if (diff.length === 2 && diff[1] === diff[0]! + 1 && w[diff[0]!] === l[diff[1]!] && w[diff[1]!] === l[diff[0]!]) return c;
  }
  return undefined;
}
