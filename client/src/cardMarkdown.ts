// Pure: a study card as Markdown for the preview, and the names client and server share.
// No `vscode` import, so the unit tests run it in Node.

/** The command hover links and "Learn why" actions run, with the card id as its only argument. */
export const OPEN_CARD_COMMAND = 'dockerTutor.quiz.openCard';
/** Custom LSP request: `{ id }` → the card, or null (server/src/server.ts). */
export const CARD_REQUEST_METHOD = 'dockerTutor/card';
/** Scheme of the read-only virtual documents the preview renders. */
export const CARD_SCHEME = 'docker-tutor-card';

/** The card as the server sends it (server/src/service/content/cards.ts); only what the preview shows. */
export interface StudyCard {
  readonly id: string;
  readonly kind: 'open' | 'true-false' | 'multiple-choice' | 'spot-the-bug';
  readonly topic: string;
  readonly difficulty: number;
  readonly question: string;
  readonly answer: string;
  readonly short: string;
  readonly docs?: string;
  readonly links?: {
    readonly instructions?: readonly string[];
    readonly flags?: readonly string[];
    readonly composeKeys?: readonly string[];
    readonly rules?: readonly string[];
  };
  readonly correct?: boolean;
  readonly explanation?: string;
  readonly options?: readonly { readonly text: string; readonly correct: boolean; readonly why: string }[];
  readonly snippet?: { readonly language: string; readonly code: string };
  readonly ruleId?: string;
}

/** Asks for a card by id; undefined while the server is not running. */
export type CardSource = (id: string) => Promise<StudyCard | null | undefined>;

/** Cards come from the language server (it owns the content), through the `dockerTutor/card` request. */
export function serverCards(server: { request<R>(method: string, params?: unknown): Promise<R | undefined> }): CardSource {
  return (id) => server.request<StudyCard | null>(CARD_REQUEST_METHOD, { id });
}

const KIND_LABEL: Record<StudyCard['kind'], string> = {
  open: 'open question',
  'true-false': 'true or false',
  'multiple-choice': 'multiple choice',
  'spot-the-bug': 'spot the bug',
};

/** A fence longer than any backtick run in `code`, so a snippet can never close it early. */
function fenced(code: string, language: string): string {
  const longest = Math.max(2, ...(code.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${code.replace(/\n$/, '')}\n${fence}`;
}

const inlineCode = (s: string): string => (s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``);
const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ').trim();
const letter = (i: number): string => String.fromCharCode(65 + i);

/**
 * The card as a Markdown page: question, snippet or options, then the answer with the reason for
 * every option, the one-line summary, what the card is about, and the documentation link.
 */
export function cardMarkdown(card: StudyCard): string {
  const level = Math.min(3, Math.max(1, Math.round(card.difficulty) || 1));
  const out: string[] = [
    `# ${oneLine(card.question)}`,
    `*${card.topic} · ${KIND_LABEL[card.kind] ?? card.kind} · difficulty ${'●'.repeat(level)}${'○'.repeat(3 - level)}*`,
  ];
  if (card.snippet) out.push(fenced(card.snippet.code, card.snippet.language === 'compose' ? 'yaml' : card.snippet.language));
  const options = card.options ?? [];
  if (options.length) out.push(options.map((o, i) => `- **${letter(i)}.** ${oneLine(o.text)}`).join('\n'));

  out.push('## Answer');
  if (card.kind === 'true-false' && card.correct !== undefined) out.push(`**${card.correct ? 'True' : 'False'}.**`);
  const right = options.findIndex((o) => o.correct);
  if (right >= 0) out.push(`**${letter(right)}** is right.`);
  out.push(card.answer.trim());
  if (card.explanation) out.push(card.explanation.trim());
  if (options.length) {
    out.push('### Every option');
    out.push(options.map((o, i) => `- ${o.correct ? '✔' : '✘'} **${letter(i)}.** ${oneLine(o.text)} — ${oneLine(o.why)}`).join('\n'));
  }
  if (card.ruleId) out.push(`Docker Tutor reports this mistake as ${inlineCode(card.ruleId)}.`);
  out.push(`> **In short:** ${oneLine(card.short)}`);

  const about: string[] = [];
  const links = card.links ?? {};
  if (links.instructions?.length) about.push(`Dockerfile instructions: ${links.instructions.map(inlineCode).join(', ')}`);
  if (links.flags?.length) about.push(`Flags: ${links.flags.map(inlineCode).join(', ')}`);
  if (links.composeKeys?.length) about.push(`Compose keys: ${links.composeKeys.map(inlineCode).join(', ')}`);
  if (links.rules?.length) about.push(`Rules: ${links.rules.map(inlineCode).join(', ')}`);
  if (about.length || card.docs) {
    out.push('## Learn more');
    const items = about.map((a) => `- ${a}`);
    if (card.docs) items.push(`- [Docker documentation](${card.docs})`);
    out.push(items.join('\n'));
  }
  return out.join('\n\n') + '\n';
}

/** Virtual document path for a card: `/<id>.md` (the `.md` makes VS Code treat it as Markdown). */
export const cardPath = (id: string): string => `/${encodeURIComponent(id)}.md`;

/** The card id back from a virtual document path; undefined for anything else. */
export function cardIdFromPath(path: string): string | undefined {
  const m = /^\/([^/]+)\.md$/.exec(path);
  if (!m) return undefined;
  try {
    const id = decodeURIComponent(m[1]!);
    return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/** The card id from the command's arguments (`["<id>"]` from a hover link or a code action); undefined when missing. */
export function cardIdFromArgs(args: readonly unknown[]): string | undefined {
  const a = args[0];
  const id = typeof a === 'string' ? a : a && typeof a === 'object' && typeof (a as { id?: unknown }).id === 'string' ? (a as { id: string }).id : undefined;
  return id && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id) ? id : undefined;
}
