/**
 * Reads the questions out of the containers Q&A seeds (../shared/seeds/000_… and 001_…), so a test can
 * prove every answered question is covered by a card. The two seeds hold the same Q&A in two shapes:
 * - `<details><summary>question</summary><b>answer</b></details>` blocks (001);
 * - flattened text (000): one question per line, its answer on the following lines, `####` headings
 *   sometimes glued to the end of a line.
 */

export interface SeedQuestion {
  readonly text: string;
  /** Lower case words only: how questions are compared across seeds and with the coverage map. */
  readonly normalized: string;
  readonly answered: boolean;
}

export function normalizeQuestion(s: string): string {
  return (s.toLowerCase().replace(/<[^>]*>/g, ' ').match(/[a-z0-9]+/g) ?? []).join(' ');
}

const stripTags = (s: string) => s.replace(/<[^>]*>/g, '');

export function parseDetailsQuestions(text: string): SeedQuestion[] {
  const out: SeedQuestion[] = [];
  for (const m of text.matchAll(/<summary>([\s\S]*?)<\/summary>([\s\S]*?)<\/details>/g)) {
    const q = stripTags(m[1] ?? '').replace(/\s+/g, ' ').trim();
    out.push({ text: q, normalized: normalizeQuestion(q), answered: stripTags(m[2] ?? '').trim().length > 0 });
  }
  return out;
}

// A flattened line is a question when it opens like one (or is a fill-in-the-blank) and is short:
// answers that happen to end in "?" are long paragraphs.
const OPENER = /^(true or false|what|how|why|which|where|when|who|do|does|is|are|can|in which|explain|describe|list)\b/i;
const MAX_QUESTION_LENGTH = 250;

export function parseFlatQuestions(text: string): SeedQuestion[] {
  const lines = text.split('\n').flatMap((l) => l.split(/(?=#{2,6} )/)).map((l) => l.trim());
  const out: SeedQuestion[] = [];
  let current: { text: string; answered: boolean } | undefined;
  const flush = () => {
    if (current) out.push({ ...current, normalized: normalizeQuestion(current.text) });
    current = undefined;
  };
  for (const line of lines) {
    if (line.startsWith('#')) {
      flush();
      continue;
    }
    const isQuestion = line.length < MAX_QUESTION_LENGTH && (OPENER.test(line) || line.includes('____') || line.endsWith('?'));
    if (isQuestion) {
      flush();
      current = { text: line, answered: false };
    } else if (current && line.length > 0) current.answered = true;
  }
  flush();
  return out;
}

export function parseSeedQuestions(text: string): SeedQuestion[] {
  return text.includes('<summary>') ? parseDetailsQuestions(text) : parseFlatQuestions(text);
}

/** Whether `prefix` (normalized) starts `question` (normalized) at a word boundary. */
export function startsWithWords(question: string, prefix: string): boolean {
  return prefix.length > 0 && (question === prefix || question.startsWith(prefix + ' '));
}
