// Runs the bundled quiz webview (dist/webview) in headless Chromium with a stand-in for VS Code's
// acquireVsCodeApi, and drives it with the keyboard the way a learner would.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { ROOT } from '../util/text';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => fs.existsSync(p));
const DIST = path.join(ROOT, 'dist', 'webview');

const stats = { due: 2, remaining: 3, newLeftToday: 5, streak: 1, canUndo: false };
const intervals = { 1: '1 min', 2: '6 min', 3: '10 min', 4: '3 d' };

describe('quiz webview (headless Chromium)', function () {
  let browser: Browser | undefined;
  let page: Page;

  before(async function () {
    if (!CHROMIUM || !fs.existsSync(path.join(DIST, 'quiz.js'))) {
      console.log(`    skipped: ${CHROMIUM ? 'dist/webview is not built (npm run bundle)' : 'no Chromium on this machine'}`);
      this.skip();
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });
  after(async () => browser?.close());

  beforeEach(async () => {
    page = await browser!.newPage();
    await page.setContent('<!DOCTYPE html><html><body><main id="app"></main><div id="live" role="status" aria-live="polite"></div></body></html>');
    await page.evaluate(() => {
      const w = globalThis as unknown as { sent: unknown[]; acquireVsCodeApi: () => { postMessage(m: unknown): void } };
      w.sent = [];
      w.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => void w.sent.push(m) });
    });
    await page.addScriptTag({ content: fs.readFileSync(path.join(DIST, 'elements.js'), 'utf8'), type: 'module' });
    await page.addScriptTag({ content: fs.readFileSync(path.join(DIST, 'quiz.js'), 'utf8') });
  });
  afterEach(async () => page?.close());

  const sent = (): Promise<unknown[]> => page.evaluate(() => (globalThis as unknown as { sent: unknown[] }).sent);
  const post = (m: unknown): Promise<void> => page.evaluate((msg) => (globalThis as unknown as { postMessage(m: unknown, o: string): void }).postMessage(msg, '*'), m);

  it('says ready, flips an open card with Space and grades it with 3', async () => {
    assert.deepStrictEqual(await sent(), [{ type: 'ready' }]);
    await post({ type: 'show', card: { id: 'what-is-a-layer', kind: 'open', topic: 'images', question: 'What is a **layer**?', answer: 'A set of file changes:\n- **RUN** adds one\n- `ENV` does not\n\nDone.' }, intervals, stats, topics: [{ topic: 'images', total: 12, seen: 3, due: 1, recall: 0.75 }] });
    await page.waitForSelector('section.card h1');
    assert.match(await page.textContent('h1') ?? '', /What is a layer\?/);
    assert.strictEqual(await page.$('.answer'), null, 'the answer is hidden before the flip');
    assert.match(await page.textContent('details.progress') ?? '', /images\s*3\/12\s*1\s*75 %/);
    await page.keyboard.press('Space');
    await page.waitForSelector('.answer');
    assert.match(await page.textContent('.grades') ?? '', /3 Good · 10 min/);
    assert.deepStrictEqual(await page.$$eval('.answer li', (e) => e.map((x) => x.textContent)), ['RUN adds one', 'ENV does not']);
    assert.strictEqual(await page.$$eval('.answer p', (e) => e.length), 2);
    await page.keyboard.press('3');
    assert.deepStrictEqual((await sent()).slice(1), [{ type: 'grade', cardId: 'what-is-a-layer', grade: 3 }]);
    await page.waitForFunction(() => (globalThis as unknown as { document: { getElementById(id: string): { textContent: string | null } | null } }).document.getElementById('live')?.textContent?.includes('Answer shown'));
  });

  it('answers a multiple-choice card with a number key and shows the feedback', async () => {
    const card = { id: 'mc', kind: 'multiple-choice', topic: 'images', question: 'Which adds a layer?', answer: 'RUN does.', options: [{ text: 'ENV', why: 'config only' }, { text: 'RUN', why: 'changes files' }] };
    await post({ type: 'show', card, intervals, stats, topics: [] });
    await page.waitForSelector('[data-choice="1"]');
    await page.keyboard.press('2');
    assert.deepStrictEqual((await sent()).slice(1), [{ type: 'answer', cardId: 'mc', choice: 1 }]);
    await post({ type: 'feedback', cardId: 'mc', correct: true, correctChoice: 1 });
    await page.waitForSelector('.feedback.ok');
    assert.match(await page.textContent('.feedback') ?? '', /changes files/);
    await page.keyboard.press('Enter');
    assert.deepStrictEqual((await sent()).slice(-1), [{ type: 'next' }]);
  });

  it('highlights spot-the-bug snippets without turning text into HTML, and ignores forged messages', async () => {
    const code = 'FROM node\n# <img src=x onerror=alert(1)>\nCOPY --from=build "/a" /b';
    await post({ type: 'show', card: { id: 'bug', kind: 'spot-the-bug', topic: 'dockerfile', question: 'Find the bug', answer: 'a', snippet: { language: 'dockerfile', code } }, intervals, stats, topics: [] });
    await page.waitForSelector('pre.snippet');
    assert.deepStrictEqual(await page.$$eval('.tok-keyword', (e) => e.map((x) => x.textContent)), ['FROM', 'COPY']);
    assert.deepStrictEqual(await page.$$eval('.tok-flag', (e) => e.map((x) => x.textContent)), ['--from=build']);
    assert.strictEqual(await page.$('pre img'), null);
    await post({ type: 'show', card: { id: 'evil', kind: 'essay' }, intervals, stats, topics: [] });
    assert.match(await page.textContent('h1') ?? '', /Find the bug/);
  });

  it('offers "Add to my reviews" only for a card opened from the editor, sends it with A, then shows and announces the answer', async () => {
    const card = { id: 'dockerfile-user', kind: 'open', topic: 'security', question: 'Why run as a non-root user?', answer: 'Less damage if broken into.' };
    await post({ type: 'show', card: { ...card, id: 'plain' }, intervals, stats, topics: [] });
    await page.waitForSelector('section.card h1');
    assert.strictEqual(await page.$('.add-review'), null, 'a card from the normal queue has no "Add to my reviews"');
    await page.keyboard.press('a');

    await post({ type: 'show', card, intervals, stats, topics: [], offerAdd: true });
    await page.waitForSelector('.add-review vscode-button');
    await page.keyboard.press('a');
    assert.deepStrictEqual((await sent()).slice(1), [{ type: 'addToReviews', cardId: 'dockerfile-user' }]);
    await post({ type: 'added', cardId: 'dockerfile-user', added: true, message: 'Added — due now.', stats: { ...stats, due: 3 } });
    await page.waitForFunction(() => (globalThis as unknown as { document: { getElementById(id: string): { textContent: string | null } | null } }).document.getElementById('live')?.textContent === 'Added — due now.');
    assert.strictEqual(await page.textContent('.add-status'), 'Added — due now.');
    assert.strictEqual(await page.getAttribute('.add-review vscode-button', 'disabled'), '');
    assert.match(await page.textContent('header.bar') ?? '', /3 due/);
    // Flipping keeps the answer; a second A sends nothing.
    await page.keyboard.press('Space');
    await page.waitForSelector('.answer');
    assert.strictEqual(await page.textContent('.add-status'), 'Added — due now.');
    await page.keyboard.press('a');
    assert.strictEqual((await sent()).length, 2);
  });

  it('shows the per-topic stats table when the session is finished', async () => {
    await post({ type: 'finished', stats: { ...stats, canUndo: true }, topics: [{ topic: 'images', total: 10, seen: 4, due: 1, recall: 0.87 }] });
    await page.waitForSelector('table.stats');
    assert.match(await page.textContent('table.stats') ?? '', /images\s*4\/10\s*1\s*87 %/);
    await page.keyboard.press('u');
    assert.deepStrictEqual((await sent()).slice(-1), [{ type: 'undo' }]);
  });
});
