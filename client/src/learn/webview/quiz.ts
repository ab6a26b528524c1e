// The quiz webview (browser, bundled by scripts/esbuild.mjs as an IIFE). Builds its DOM with textContent
// only: card text never becomes HTML. Keys: Space/Enter flip or continue, 1-4 grade, 1-9 pick an option,
// T/F answer a true/false card, U undoes the last grade, A adds a card opened from the editor to the reviews.
import type { FromWebview, SessionStats, ToWebview, WireCard } from '../quizMessages';
import { parseToWebview } from '../quizMessages';
import type { TopicStats } from '../quizQueue';

declare function acquireVsCodeApi(): { postMessage(m: FromWebview): void };

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;
const live = document.getElementById('live') as HTMLElement;

type Mode = { kind: 'idle' } | { kind: 'question'; card: WireCard; intervals: Record<number, string> } | { kind: 'answer'; card: WireCard; intervals: Record<number, string> } | { kind: 'feedback'; card: WireCard } | { kind: 'finished' };
let mode: Mode = { kind: 'idle' };
let canUndo = false;
/** A card opened from "Learn why" or a hover: the panel offers "Add to my reviews"; `message` once answered. */
let offer: { cardId: string; message?: string } | undefined;

const GRADES: [number, string][] = [[1, 'Again'], [2, 'Hard'], [3, 'Good'], [4, 'Easy']];

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

function button(label: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLElement {
  // vscode-button is a themed, focusable custom element from @vscode-elements/elements.
  const b = document.createElement('vscode-button');
  for (const [k, v] of Object.entries(attrs)) b.setAttribute(k, v);
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

function announce(text: string): void {
  live.textContent = '';
  // A fresh text node each time so screen readers announce repeats.
  setTimeout(() => (live.textContent = text), 30);
}

/** Inline Markdown: `code` and **bold**; everything else stays text. */
function inline(parent: HTMLElement, text: string): void {
  for (const [j, chunk] of text.split(/(`[^`]+`|\*\*[^*]+\*\*)/).entries()) {
    if (j % 2 === 1 && chunk.startsWith('`')) parent.append(el('code', {}, chunk.slice(1, -1)));
    else if (j % 2 === 1) parent.append(el('strong', {}, chunk.slice(2, -2)));
    else parent.append(chunk);
  }
}

/** Minimal Markdown: paragraphs, bullet and numbered lists, fenced code blocks, inline code and bold. */
function markdown(text: string): HTMLElement {
  const root = el('div', { class: 'md' });
  const parts = text.split(/```[a-z]*\n?/);
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      root.append(el('pre', {}, el('code', {}, part.replace(/\n$/, ''))));
      return;
    }
    let para: HTMLElement | undefined;
    let list: HTMLElement | undefined;
    for (const line of part.split('\n')) {
      const item = /^\s*(?:[-*]|(\d+)\.)\s+(.*)$/.exec(line);
      if (!line.trim()) {
        para = undefined;
        list = undefined;
      } else if (item) {
        para = undefined;
        const ordered = item[1] !== undefined;
        if (!list || (list.tagName === 'OL') !== ordered) {
          list = el(ordered ? 'ol' : 'ul');
          root.append(list);
        }
        const li = el('li');
        inline(li, item[2] ?? '');
        list.append(li);
      } else if (list && /^\s+/.test(line)) {
        // A continuation line of the last list item.
        inline(list.lastElementChild as HTMLElement, ' ' + line.trim());
      } else {
        list = undefined;
        if (!para) {
          para = el('p');
          root.append(para);
        } else para.append(' ');
        inline(para, line.trim());
      }
    }
  });
  return root;
}

const DOCKERFILE_KEYWORDS = /^(\s*)(FROM|RUN|CMD|LABEL|MAINTAINER|EXPOSE|ENV|ADD|COPY|ENTRYPOINT|VOLUME|USER|WORKDIR|ARG|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL)\b/i;

/** Simple highlighting by line: comments, keywords or keys, strings and flags, as spans with classes. */
function highlight(code: string, language: 'dockerfile' | 'compose'): HTMLElement {
  const pre = el('pre', { class: `snippet ${language}`, 'aria-label': `${language === 'compose' ? 'Compose file' : 'Dockerfile'} snippet` });
  const codeEl = el('code');
  code.split('\n').forEach((line, i) => {
    if (i > 0) codeEl.append('\n');
    const num = el('span', { class: 'ln', 'aria-hidden': 'true' }, String(i + 1).padStart(2, ' ') + '  ');
    codeEl.append(num);
    if (/^\s*#/.test(line)) {
      codeEl.append(el('span', { class: 'tok-comment' }, line));
      return;
    }
    let rest = line;
    const kw = language === 'dockerfile' ? DOCKERFILE_KEYWORDS.exec(line) : /^(\s*-?\s*)([A-Za-z0-9_.-]+)(?=:)/.exec(line);
    if (kw) {
      codeEl.append(kw[1] ?? '', el('span', { class: 'tok-keyword' }, kw[2] ?? ''));
      rest = line.slice(kw[0].length);
    }
    for (const [j, chunk] of rest.split(/("[^"]*"|'[^']*'|--[a-z-]+(?:=\S*)?)/).entries()) {
      if (j % 2 === 1) codeEl.append(el('span', { class: chunk.startsWith('-') ? 'tok-flag' : 'tok-string' }, chunk));
      else codeEl.append(chunk);
    }
  });
  pre.append(codeEl);
  return pre;
}

function header(stats: SessionStats, card?: WireCard): HTMLElement {
  const parts = [`${stats.remaining} left in this session`, `${stats.due} due`, `${stats.newLeftToday} new left today`, `streak ${stats.streak} day${stats.streak === 1 ? '' : 's'}`];
  const h = el('header', { class: 'bar' }, el('span', { class: 'topic' }, card ? card.topic : 'Docker Tutor'), el('span', { class: 'stats' }, parts.join(' · ')));
  return h;
}

function undoButton(): HTMLElement {
  const b = button('Undo last grade (U)', () => vscode.postMessage({ type: 'undo' }), { secondary: '' });
  if (!canUndo) b.setAttribute('disabled', '');
  return b;
}

function requestAdd(cardId: string): void {
  if (!offer || offer.cardId !== cardId || offer.message) return;
  vscode.postMessage({ type: 'addToReviews', cardId });
}

/** "Add to my reviews" with its status line, for a card opened from the editor; nothing otherwise. */
function addToReviews(card: WireCard): HTMLElement[] {
  if (!offer || offer.cardId !== card.id) return [];
  const b = button('Add to my reviews (A)', () => requestAdd(card.id), { 'aria-describedby': 'add-status' });
  if (offer.message) b.setAttribute('disabled', '');
  const status = el('span', { id: 'add-status', class: 'add-status' }, offer.message ?? 'Review this card on schedule with the rest of your deck.');
  return [el('div', { class: 'add-review' }, b, status)];
}

function renderCard(card: WireCard, intervals: Record<number, string>, stats: SessionStats, flipped: boolean, topics: readonly TopicStats[]): void {
  app.replaceChildren();
  app.removeAttribute('aria-busy');
  app.append(header(stats, card));
  const section = el('section', { class: 'card', role: 'region', 'aria-label': 'Card', 'aria-roledescription': 'flashcard' });
  const q = el('h1', { id: 'question', tabindex: '-1' });
  q.append(markdown(card.question));
  section.append(q);
  if (card.snippet) section.append(highlight(card.snippet.code, card.snippet.language));

  if (card.kind === 'multiple-choice' && card.options) {
    const group = el('div', { role: 'group', 'aria-labelledby': 'question', class: 'options' });
    card.options.forEach((o, i) => group.append(button(`${i + 1}. ${o.text}`, () => vscode.postMessage({ type: 'answer', cardId: card.id, choice: i }), { 'data-choice': String(i) })));
    section.append(group, el('p', { class: 'keys' }, `Press 1–${card.options.length} to answer.`));
  } else if (card.kind === 'true-false') {
    const group = el('div', { role: 'group', 'aria-labelledby': 'question', class: 'options' });
    group.append(
      button('True (T)', () => vscode.postMessage({ type: 'answer', cardId: card.id, choice: true }), { 'data-choice': 'true' }),
      button('False (F)', () => vscode.postMessage({ type: 'answer', cardId: card.id, choice: false }), { 'data-choice': 'false' }),
    );
    section.append(group);
  } else if (!flipped) {
    section.append(button('Show answer (Space)', () => flip()));
  } else {
    const answer = el('div', { class: 'answer', role: 'region', 'aria-label': 'Answer' });
    answer.append(markdown(card.answer));
    if (card.explanation) answer.append(markdown(card.explanation));
    section.append(answer);
    const grades = el('div', { role: 'group', 'aria-label': 'How well did you remember?', class: 'grades' });
    for (const [g, name] of GRADES) {
      grades.append(button(`${g} ${name} · ${intervals[g] ?? ''}`, () => vscode.postMessage({ type: 'grade', cardId: card.id, grade: g as 1 | 2 | 3 | 4 }), { 'aria-label': `${name}, next review in ${intervals[g] ?? ''}` }));
    }
    section.append(grades);
  }
  // A native <details>: keyboard and screen-reader friendly, closed so it never competes with the card.
  const more = el('details', { class: 'progress' }, el('summary', {}, 'Progress per topic'), statsTable(topics));
  app.append(section, el('footer', {}, ...addToReviews(card), undoButton()), more);
  q.focus();
}

function flip(): void {
  if (mode.kind !== 'question') return;
  mode = { kind: 'answer', card: mode.card, intervals: mode.intervals };
  renderCard(mode.card, mode.intervals, lastStats, true, lastTopics);
  announce('Answer shown. Grade with 1 Again, 2 Hard, 3 Good or 4 Easy.');
}

function renderFeedback(card: WireCard, correct: boolean, correctChoice: number | boolean): void {
  const section = app.querySelector('section.card');
  if (!section) return;
  for (const b of Array.from(section.querySelectorAll('[data-choice]'))) {
    b.setAttribute('disabled', '');
    if (b.getAttribute('data-choice') === String(correctChoice)) b.classList.add('correct');
  }
  const box = el('div', { class: `feedback ${correct ? 'ok' : 'wrong'}`, role: 'region', 'aria-label': 'Feedback' });
  box.append(el('p', { class: 'verdict' }, correct ? 'Correct.' : 'Not quite.'));
  if (card.kind === 'multiple-choice' && card.options) {
    const list = el('ul');
    card.options.forEach((o, i) => list.append(el('li', {}, el('strong', {}, `${i + 1}. ${o.text}`), ` — ${o.why}`)));
    box.append(list);
  }
  if (card.explanation) box.append(markdown(card.explanation));
  box.append(markdown(card.answer));
  const cont = button('Continue (Space)', () => vscode.postMessage({ type: 'next' }));
  box.append(cont);
  section.append(box);
  announce(correct ? 'Correct.' : 'Not quite. The explanation follows the options.');
  (cont as HTMLElement).focus();
}

function statsTable(topics: readonly TopicStats[]): HTMLElement {
  const table = el('table', { class: 'stats' });
  table.append(el('caption', {}, 'Your progress per topic'));
  table.append(el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Topic'), el('th', { scope: 'col' }, 'Seen'), el('th', { scope: 'col' }, 'Due'), el('th', { scope: 'col' }, 'Predicted recall'))));
  const body = el('tbody');
  for (const t of topics) {
    body.append(el('tr', {}, el('th', { scope: 'row' }, t.topic), el('td', {}, `${t.seen}/${t.total}`), el('td', {}, String(t.due)), el('td', {}, t.recall === undefined ? '—' : `${Math.round(t.recall * 100)} %`)));
  }
  table.append(body);
  return table;
}

function renderFinished(stats: SessionStats, topics: readonly TopicStats[]): void {
  app.replaceChildren();
  app.removeAttribute('aria-busy');
  app.append(header(stats));
  const section = el('section', { class: 'done', role: 'region', 'aria-label': 'Session finished' });
  const h = el('h1', { tabindex: '-1' }, 'Nothing left to review right now.');
  section.append(h, el('p', {}, stats.due ? `${stats.due} cards are due in other topics.` : 'Come back later: cards fall due as you start to forget them.'));
  const table = statsTable(topics);
  section.append(table);
  app.append(section, el('footer', {}, undoButton()));
  h.focus();
  announce('Session finished.');
}

let lastStats: SessionStats = { due: 0, remaining: 0, newLeftToday: 0, streak: 0, canUndo: false };
let lastTopics: readonly TopicStats[] = [];

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const m: ToWebview | undefined = parseToWebview(event.data);
  if (!m) return;
  switch (m.type) {
    case 'show':
      // The same card shown again (after an undo) keeps its answer to "Add to my reviews".
      offer = m.offerAdd ? (offer?.cardId === m.card.id ? offer : { cardId: m.card.id }) : undefined;
      lastStats = m.stats;
      canUndo = m.stats.canUndo;
      mode = { kind: 'question', card: m.card, intervals: m.intervals };
      lastTopics = m.topics;
      renderCard(m.card, m.intervals, m.stats, false, m.topics);
      announce(`New card, topic ${m.card.topic}. ${m.stats.remaining} left.`);
      return;
    case 'feedback':
      if (mode.kind !== 'question' || mode.card.id !== m.cardId) return;
      mode = { kind: 'feedback', card: mode.card };
      canUndo = true;
      renderFeedback(mode.card, m.correct, m.correctChoice);
      return;
    case 'added': {
      if (!offer || offer.cardId !== m.cardId) return;
      offer = { cardId: m.cardId, message: m.message };
      lastStats = m.stats;
      const status = app.querySelector('.add-status');
      if (status) status.textContent = m.message;
      app.querySelector('.add-review vscode-button')?.setAttribute('disabled', '');
      const bar = app.querySelector('header.bar');
      if (bar) bar.replaceWith(header(m.stats, mode.kind === 'question' || mode.kind === 'answer' || mode.kind === 'feedback' ? mode.card : undefined));
      announce(m.message);
      return;
    }
    case 'finished':
      offer = undefined;
      lastStats = m.stats;
      canUndo = m.stats.canUndo;
      mode = { kind: 'finished' };
      renderFinished(m.stats, m.topics);
      return;
    default: {
      const never: never = m;
      void never;
    }
  }
});

window.addEventListener('keydown', (e: KeyboardEvent) => {
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  const key = e.key.toLowerCase();
  if (key === 'u' && canUndo) {
    vscode.postMessage({ type: 'undo' });
    e.preventDefault();
    return;
  }
  if (key === 'a' && offer && !offer.message && (mode.kind === 'question' || mode.kind === 'answer' || mode.kind === 'feedback') && mode.card.id === offer.cardId) {
    requestAdd(offer.cardId);
    e.preventDefault();
    return;
  }
  switch (mode.kind) {
    case 'question': {
      const card = mode.card;
      if (card.kind === 'multiple-choice' && /^[1-9]$/.test(key) && Number(key) <= (card.options?.length ?? 0)) {
        vscode.postMessage({ type: 'answer', cardId: card.id, choice: Number(key) - 1 });
      } else if (card.kind === 'true-false' && (key === 't' || key === 'f')) {
        vscode.postMessage({ type: 'answer', cardId: card.id, choice: key === 't' });
      } else if ((card.kind === 'open' || card.kind === 'spot-the-bug') && (key === ' ' || key === 'enter')) {
        flip();
      } else return;
      e.preventDefault();
      return;
    }
    case 'answer':
      if (/^[1-4]$/.test(key)) {
        vscode.postMessage({ type: 'grade', cardId: mode.card.id, grade: Number(key) as 1 | 2 | 3 | 4 });
        e.preventDefault();
      }
      return;
    case 'feedback':
      if (key === ' ' || key === 'enter') {
        vscode.postMessage({ type: 'next' });
        e.preventDefault();
      }
      return;
    case 'idle':
    case 'finished':
      return;
    default: {
      const never: never = mode;
      void never;
    }
  }
});

vscode.postMessage({ type: 'ready' });
