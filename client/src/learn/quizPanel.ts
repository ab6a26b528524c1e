// The "Docker Tutor Quiz" webview panel: shows the due and new cards, grades them with FSRS, undoes the last
// grade, and keeps the due count in the status bar and on the view badge.
import * as crypto from 'crypto';
import type { Disposable, ExtensionContext, WebviewPanel } from 'vscode';
import { commands, StatusBarAlignment, Uri, ViewColumn, window, workspace } from 'vscode';
import type { LanguageServer } from '../languageClient';
import type { ProgressService } from './progressService';
import { addToReviews, effectiveReviews, newCardsToday, reviewsDone, streak, undoLastReview, withReview } from './progressStore';
import type { FromWebview, SessionStats, ToWebview, WireCard } from './quizMessages';
import { parseFromWebview } from './quizMessages';
import { buildQueue, dueCount, topicStats } from './quizQueue';
import type { Grade } from './scheduler';
import { humanInterval, newCard, preview, review } from './scheduler';

/** The deck card fields the quiz uses (server/src/service/content/cards.ts). */
interface DeckCard {
  readonly id: string;
  readonly kind: WireCard['kind'];
  readonly topic: string;
  readonly question: string;
  readonly answer: string;
  readonly options?: readonly { text: string; correct: boolean; why: string }[];
  readonly correct?: boolean;
  readonly explanation?: string;
  readonly snippet?: { language: 'dockerfile' | 'compose'; code: string };
}

const DEFAULT_NEW_PER_DAY = 10;
export const QUIZ_VIEW_TYPE = 'dockerTutor.quiz';

export class QuizController implements Disposable {
  private deck: DeckCard[] = [];
  private panel: WebviewPanel | undefined;
  private queue: string[] = [];
  private current: string | undefined;
  private topic: string | undefined;
  private answered = false;
  /** The card opened from "Learn why" or a hover: the panel offers "Add to my reviews" while it is on screen. */
  private offered: string | undefined;
  /** The last "Add to my reviews" confirmation, for the extension tests. */
  private lastAdded: string | undefined;
  private readonly status = window.createStatusBarItem('dockerTutor.quizDue', StatusBarAlignment.Left, 9);
  private readonly disposables: Disposable[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly context: ExtensionContext,
    private readonly server: LanguageServer,
    private readonly progress: ProgressService,
    private readonly setBadge: (due: number) => void,
  ) {
    this.status.name = 'Docker Tutor Reviews';
    this.status.command = 'dockerTutor.quiz.start';
    this.disposables.push(
      this.status,
      commands.registerCommand('dockerTutor.quiz.start', (topic?: unknown) => this.start(typeof topic === 'string' ? topic : undefined)),
      commands.registerCommand('dockerTutor.quiz.undo', () => this.undo()),
      commands.registerCommand('dockerTutor.quiz.addToReviews', (id?: unknown) => this.addFromCommand(typeof id === 'string' ? id : undefined)),
      window.registerWebviewPanelSerializer(QUIZ_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel: WebviewPanel) => {
          if (!this.deck.length) await this.loadDeck();
          this.panel?.dispose();
          this.adopt(panel);
          this.queue = buildQueue(this.deck, this.progress.progress, this.queueOptions());
          this.next();
        },
      }),
      commands.registerCommand('dockerTutor.progress.export', () => this.progress.exportToFile()),
      commands.registerCommand('dockerTutor.progress.import', () => this.progress.importFromFile()),
      progress.onDidChange(() => this.refreshCounts()),
      workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('dockerTutor.quiz')) this.refreshCounts();
      }),
    );
    // Cards fall due while VS Code stays open.
    this.timer = setInterval(() => this.refreshCounts(), 5 * 60_000);
    void this.loadDeck().then(() => this.refreshCounts());
  }

  private async loadDeck(): Promise<void> {
    for (let attempt = 0; attempt < 20 && !this.deck.length; attempt++) {
      const d = await this.server.request<DeckCard[]>('dockerTutor/deck');
      if (Array.isArray(d) && d.length) this.deck = d;
      else await new Promise((r) => setTimeout(r, 500));
    }
  }

  private newPerDay(): number {
    const n = workspace.getConfiguration('dockerTutor.quiz').get<number>('newCardsPerDay', DEFAULT_NEW_PER_DAY);
    return Number.isFinite(n) && n >= 0 ? Math.floor(n) : DEFAULT_NEW_PER_DAY;
  }

  private refreshCounts(): void {
    if (!this.deck.length) return;
    const due = dueCount(this.deck, this.progress.progress, new Date());
    this.setBadge(due);
    this.status.text = `$(mortar-board) ${due} due`;
    this.status.tooltip = due ? `${due} Docker Tutor card${due === 1 ? '' : 's'} to review: click to start` : 'No Docker Tutor cards due: click to learn new ones';
    this.status.show();
  }

  /** Opens the panel on one card (hovers and "Learn why" use this), then continues with the queue. */
  async openCard(id: string): Promise<void> {
    if (!this.deck.length) await this.loadDeck();
    if (!this.deck.some((c) => c.id === id)) {
      void window.showWarningMessage(`Docker Tutor has no card "${id}".`);
      return;
    }
    this.topic = undefined;
    this.offered = id;
    this.queue = [id, ...buildQueue(this.deck, this.progress.progress, this.queueOptions()).filter((x) => x !== id)];
    this.current = undefined;
    this.reveal();
    this.next();
  }

  private queueOptions() {
    return { now: new Date(), newPerDay: this.newPerDay(), ...(this.topic ? { topic: this.topic } : {}) };
  }

  async start(topic?: string): Promise<void> {
    if (!this.deck.length) await this.loadDeck();
    if (!this.deck.length) {
      void window.showWarningMessage('The Docker Tutor language server is not running, so the deck is not available yet.');
      return;
    }
    if (topic === undefined) {
      const stats = topicStats(this.deck, this.progress.progress, new Date());
      const all = { label: 'All topics', description: `${dueCount(this.deck, this.progress.progress, new Date())} due`, topic: undefined as string | undefined };
      const items = [all, ...stats.map((s) => ({ label: s.topic, description: `${s.due} due · ${s.seen}/${s.total} seen`, topic: s.topic as string | undefined }))];
      const pick = await window.showQuickPick(items, { placeHolder: 'Which topic do you want to review?' });
      if (!pick) return;
      topic = pick.topic;
    }
    this.topic = topic;
    this.offered = undefined;
    this.queue = buildQueue(this.deck, this.progress.progress, this.queueOptions());
    this.current = undefined;
    this.reveal();
    this.next();
  }

  private reveal(): void {
    if (this.panel) {
      this.panel.reveal(ViewColumn.Active);
      return;
    }
    this.adopt(window.createWebviewPanel(QUIZ_VIEW_TYPE, 'Docker Tutor Quiz', ViewColumn.Active, this.webviewOptions()));
  }

  private webviewOptions() {
    return { enableScripts: true, localResourceRoots: [Uri.joinPath(this.context.extensionUri, 'dist', 'webview')] };
  }

  /** Wires a panel, new or restored by VS Code after a reload; the session itself lives here, not in the webview. */
  private adopt(panel: WebviewPanel): void {
    panel.webview.options = this.webviewOptions();
    panel.webview.html = this.html(panel, Uri.joinPath(this.context.extensionUri, 'dist', 'webview'));
    panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw), undefined, this.disposables);
    panel.onDidDispose(() => {
      if (this.panel !== panel) return;
      this.panel = undefined;
      void commands.executeCommand('setContext', 'dockerTutor.quizOpen', false);
    }, undefined, this.disposables);
    void commands.executeCommand('setContext', 'dockerTutor.quizOpen', true);
    this.panel = panel;
  }

  private html(panel: WebviewPanel, media: Uri): string {
    const nonce = crypto.randomBytes(16).toString('base64');
    const w = panel.webview;
    const src = (f: string) => w.asWebviewUri(Uri.joinPath(media, f)).toString();
    const csp = [
      "default-src 'none'", `img-src ${w.cspSource} data:`, `style-src ${w.cspSource}`, `font-src ${w.cspSource}`, `script-src 'nonce-${nonce}'`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${src('quiz.css')}">
<title>Docker Tutor Quiz</title>
</head>
<body>
<main id="app" aria-busy="true"><p>Loading the deck…</p></main>
<div id="live" class="visually-hidden" role="status" aria-live="polite"></div>
<script nonce="${nonce}" src="${src('elements.js')}" type="module"></script>
<script nonce="${nonce}" src="${src('quiz.js')}"></script>
</body>
</html>`;
  }

  private post(m: ToWebview): void {
    void this.panel?.webview.postMessage(m);
  }

  private stats(): SessionStats {
    const p = this.progress.progress;
    const now = new Date();
    return {
      due: dueCount(this.deck, p, now), remaining: this.queue.length + (this.current ? 1 : 0),
      newLeftToday: Math.max(0, this.newPerDay() - newCardsToday(p, now)), streak: streak(p, now), canUndo: effectiveReviews(p).length > 0,
    };
  }

  private next(): void {
    this.current = this.queue.shift();
    this.answered = false;
    this.show();
  }

  private show(): void {
    const card = this.current ? this.deck.find((c) => c.id === this.current) : undefined;
    if (!card) {
      this.current = undefined;
      this.post({ type: 'finished', stats: this.stats(), topics: topicStats(this.deck, this.progress.progress, new Date()) });
      return;
    }
    const now = new Date();
    const state = this.progress.progress.cards[card.id] ?? newCard(now);
    const p = preview(state, now);
    const intervals = { 1: humanInterval(p[1], now), 2: humanInterval(p[2], now), 3: humanInterval(p[3], now), 4: humanInterval(p[4], now) };
    this.post({
      type: 'show', card: toWire(card), intervals, stats: this.stats(), topics: topicStats(this.deck, this.progress.progress, now),
      ...(card.id === this.offered ? { offerAdd: true } : {}),
    });
  }

  private async grade(cardId: string, grade: Grade): Promise<void> {
    if (cardId !== this.current) return; // A stale click from a card already graded.
    const now = new Date();
    const before = this.progress.progress.cards[cardId] ?? newCard(now);
    await this.progress.update(withReview(this.progress.progress, cardId, grade, now, review(before, grade, now)));
    if (reviewsDone(this.progress.progress) >= 5) void commands.executeCommand('setContext', 'dockerTutor.reviewedFive', true);
    // Again means "show me this again in this session", as Anki does.
    if (grade === 1) this.queue.push(cardId);
  }

  private async receive(raw: unknown): Promise<void> {
    const m: FromWebview | undefined = parseFromWebview(raw);
    if (!m) return;
    switch (m.type) {
      case 'ready':
        this.show();
        return;
      case 'grade':
        if (m.cardId !== this.current) return;
        await this.grade(m.cardId, m.grade);
        this.next();
        return;
      case 'answer': {
        const card = this.deck.find((c) => c.id === m.cardId);
        if (!card || m.cardId !== this.current || this.answered) return;
        const correctChoice = card.kind === 'true-false' ? card.correct ?? false : Math.max(0, card.options?.findIndex((o) => o.correct) ?? 0);
        const correct = m.choice === correctChoice;
        this.answered = true;
        await this.grade(card.id, correct ? 3 : 1);
        this.post({ type: 'feedback', cardId: card.id, correct, correctChoice });
        return;
      }
      case 'next':
        if (this.answered) this.next();
        return;
      case 'undo':
        await this.undo();
        return;
      case 'addToReviews': {
        const r = await this.add(m.cardId);
        if (r) this.post({ type: 'added', cardId: m.cardId, added: r.added, message: r.message, stats: this.stats() });
        return;
      }
      default: {
        const never: never = m;
        void never;
      }
    }
  }

  /** Puts a deck card into the review queue (idempotent); undefined for an id the deck does not have. */
  private async add(cardId: string): Promise<{ added: boolean; message: string } | undefined> {
    if (!this.deck.some((c) => c.id === cardId)) return undefined;
    const now = new Date();
    const r = addToReviews(this.progress.progress, cardId, now, newCard(now));
    if (r.added) await this.progress.update(r.progress);
    const message = r.added ? 'Added — due now.' : `Already in your reviews, due ${dueText(r.due, now)}.`;
    this.lastAdded = message;
    return { added: r.added, message };
  }

  /** The command palette's and scripts' way in: the card given, or the one on screen; confirms in a notification. */
  private async addFromCommand(id: string | undefined): Promise<void> {
    if (!this.deck.length) await this.loadDeck();
    const cardId = id ?? this.current;
    if (!cardId) {
      void window.showInformationMessage('Open a card in the Docker Tutor quiz first, for example with "Learn why" on a problem.');
      return;
    }
    const r = await this.add(cardId);
    if (!r) {
      void window.showWarningMessage(`Docker Tutor has no card "${cardId}".`);
      return;
    }
    if (cardId === this.current) this.post({ type: 'added', cardId, added: r.added, message: r.message, stats: this.stats() });
    void window.showInformationMessage(`Docker Tutor: ${r.message}`);
  }

  private async undo(): Promise<void> {
    const u = undoLastReview(this.progress.progress, new Date());
    if (!u) return;
    await this.progress.update(u.progress);
    // The undone card comes back first; the one on screen goes back to the front of the queue.
    const rest = this.queue.filter((id) => id !== u.undone.cardId);
    this.queue = this.current && this.current !== u.undone.cardId ? [this.current, ...rest] : rest;
    this.current = u.undone.cardId;
    this.answered = false;
    if (!this.panel) this.reveal();
    this.show();
  }

  /** For the extension tests (see extension.ts): whether the panel is open, the card on screen, the due count. */
  testState(): { open: boolean; current: string | undefined; due: number; offered: string | undefined; lastAdded: string | undefined } {
    return {
      open: !!this.panel, current: this.current, due: this.deck.length ? dueCount(this.deck, this.progress.progress, new Date()) : 0,
      offered: this.offered, lastAdded: this.lastAdded,
    };
  }

  /** "Add to my reviews" on the card on screen, through the same path as the webview's button. */
  addCurrent(): Promise<void> {
    return this.receive({ type: 'addToReviews', cardId: this.current });
  }

  /** Grades the card on screen through the same path as the webview's message. */
  gradeCurrent(grade: Grade): Promise<void> {
    return this.receive({ type: 'grade', cardId: this.current, grade });
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** "now", or "in 3 d (5 Mar 2026)": when a scheduled card comes up. */
function dueText(due: string, now: Date): string {
  if (Date.parse(due) <= now.getTime()) return 'now';
  return `in ${humanInterval(due, now)} (${new Date(due).toLocaleDateString(undefined, { dateStyle: 'medium' })})`;
}

/** What the webview gets: for graded cards, the right answer only arrives with the feedback. */
function toWire(c: DeckCard): WireCard {
  return {
    id: c.id, kind: c.kind, topic: c.topic, question: c.question, answer: c.answer,
    ...(c.options ? { options: c.options.map((o) => ({ text: o.text, why: o.why })) } : {}),
    ...(c.snippet ? { snippet: c.snippet } : {}),
    ...(c.explanation ? { explanation: c.explanation } : {}),
  };
}
