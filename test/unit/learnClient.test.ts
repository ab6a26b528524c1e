import * as assert from 'assert';

// Snapshot Date.prototype before anything loads ts-fsrs (mocha may have loaded it already through another
// test file, which is why the check below also looks for the names ts-fsrs 5.x adds).
const protoBefore = Object.getOwnPropertyNames(Date.prototype).sort();

import * as scheduler from '../../client/src/learn/scheduler';
import type { StoredCard } from '../../client/src/learn/scheduler';
import {
  effectiveReviews, emptyProgress, exportProgress, importProgress, loadProgress, newCardsToday, progressProblem, streak, undoLastReview, withExercise, withReview,
} from '../../client/src/learn/progressStore';
import type { Progress } from '../../client/src/learn/progressStore';
import { checkSummary, INITIAL_EXERCISE, reduceExercise } from '../../client/src/learn/exerciseState';
import type { CheckResult } from '../../client/src/learn/exerciseState';
import { buildQueue, dueCount, topicStats } from '../../client/src/learn/quizQueue';
import { parseFromWebview, parseToWebview } from '../../client/src/learn/quizMessages';

const T0 = new Date('2026-03-02T09:00:00Z');
const hours = (h: number) => new Date(T0.getTime() + h * 3600_000);

describe('learn: scheduler (ts-fsrs, isolated)', () => {
  it('leaves Date.prototype untouched after loading and using ts-fsrs', () => {
    const c = scheduler.review(scheduler.newCard(T0), 3, T0);
    scheduler.recall(c, hours(48));
    const after = Object.getOwnPropertyNames(Date.prototype).sort();
    assert.deepStrictEqual(after, protoBefore);
    for (const name of ['scheduler', 'diff', 'format', 'dueFormat']) {
      assert.ok(!(name in Date.prototype), `Date.prototype.${name} leaked`);
    }
  });

  it('schedules Good further out than Again, and Easy further than Good', () => {
    const c = scheduler.newCard(T0);
    const p = scheduler.preview(c, T0);
    assert.ok(Date.parse(p[1]) < Date.parse(p[3]));
    assert.ok(Date.parse(p[3]) < Date.parse(p[4]));
    assert.strictEqual(c.state, 'new');
    assert.strictEqual(scheduler.recall(c, T0), 0);
  });

  it('grows the interval with successive Good reviews and predicts lower recall as time passes', () => {
    let c = scheduler.newCard(T0);
    let now = T0;
    const gaps: number[] = [];
    for (let i = 0; i < 5; i++) {
      c = scheduler.review(c, 3, now);
      const next = new Date(c.due);
      gaps.push(next.getTime() - now.getTime());
      now = next;
    }
    assert.strictEqual(c.state, 'review');
    assert.ok(gaps[4]! > gaps[2]!, `gaps ${gaps.join(',')}`);
    const soon = scheduler.recall(c, new Date(Date.parse(c.lastReview!) + 3600_000));
    const late = scheduler.recall(c, new Date(Date.parse(c.due) + 30 * 86400_000));
    assert.ok(soon > late && soon <= 1 && late > 0, `${soon} vs ${late}`);
  });

  it('formats intervals', () => {
    assert.strictEqual(scheduler.humanInterval(hours(0.5).toISOString(), T0), '30 min');
    assert.strictEqual(scheduler.humanInterval(hours(72).toISOString(), T0), '3 d');
  });
});

describe('learn: progress store', () => {
  const card = (): StoredCard => scheduler.review(scheduler.newCard(T0), 3, T0);

  it('starts empty when nothing is stored', () => {
    assert.deepStrictEqual(loadProgress(undefined), { ok: true, progress: emptyProgress() });
  });

  it('round-trips through export and import', () => {
    let p: Progress = emptyProgress();
    p = withReview(p, 'layers-basics', 3, T0, card());
    p = withExercise(p, 'first-dockerfile', { status: 'passed', hintsShown: 2, passedChecks: ['a', 'b'], totalChecks: 2, passedAt: T0.toISOString() });
    const back = importProgress(exportProgress(p));
    assert.ok(back.ok);
    assert.deepStrictEqual(back.progress, p);
    assert.deepStrictEqual(loadProgress(JSON.parse(exportProgress(p))), { ok: true, progress: p });
  });

  const corrupted: [string, unknown, RegExp][] = [
    ['a string', 'hello', /not a JSON object/],
    ['an array', [1, 2], /not a JSON object/],
    ['another extension\'s data', { format: 'other', version: 1 }, /not written by Docker Tutor/],
    ['a newer version', { format: 'docker-tutor-progress', version: 99, exercises: {}, cards: {}, log: [] }, /version 99/],
    ['a missing section', { format: 'docker-tutor-progress', version: 1, exercises: {}, cards: {} }, /section is missing/],
    ['a damaged card', { format: 'docker-tutor-progress', version: 1, exercises: {}, cards: { x: { due: 'soon' } }, log: [] }, /card x: due/],
    ['a bad exercise status', { format: 'docker-tutor-progress', version: 1, exercises: { e: { status: 'done', hintsShown: 0, passedChecks: [], totalChecks: 0 } }, cards: {}, log: [] }, /exercise e: unknown status/],
    ['a bad grade in the log', { format: 'docker-tutor-progress', version: 1, exercises: {}, cards: {}, log: [{ type: 'review', cardId: 'a', grade: 7, at: T0.toISOString(), before: null }] }, /log entry 1: bad grade/],
    ['an unknown log entry', { format: 'docker-tutor-progress', version: 1, exercises: {}, cards: {}, log: [{ type: 'skip', cardId: 'a', at: T0.toISOString() }] }, /log entry 1: unknown entry type/],
  ];
  for (const [name, raw, why] of corrupted) {
    it(`detects ${name}, hands it back for a backup and resets`, () => {
      const r = loadProgress(raw);
      assert.strictEqual(r.ok, false);
      if (r.ok) return;
      assert.strictEqual(r.backup, raw);
      assert.deepStrictEqual(r.progress, emptyProgress());
      assert.match(r.message, why);
      assert.match(r.message, /backup/);
    });
  }

  it('survives a value whose getters throw', () => {
    const evil = { format: 'docker-tutor-progress', version: 1, exercises: {}, cards: {}, get log(): unknown { throw new Error('boom'); } };
    const r = loadProgress(evil);
    assert.strictEqual(r.ok, false);
  });

  it('refuses to import broken files without touching anything', () => {
    for (const text of ['', '{', '[]', '{"format":"docker-tutor-progress"}']) {
      const r = importProgress(text);
      assert.strictEqual(r.ok, false, text);
    }
  });

  it('undo restores the previous schedule and only ever appends to the log', () => {
    const first = card();
    let p = withReview(emptyProgress(), 'c1', 3, T0, first);
    const second = scheduler.review(first, 1, hours(1));
    p = withReview(p, 'c1', 1, hours(1), second);
    p = withReview(p, 'c2', 4, hours(2), card());
    const u = undoLastReview(p, hours(3))!;
    assert.strictEqual(u.undone.cardId, 'c2');
    assert.strictEqual(u.progress.cards.c2, undefined);
    assert.deepStrictEqual(u.progress.log.slice(0, 3), p.log, 'earlier entries are untouched');
    assert.deepStrictEqual(u.progress.log[3], { type: 'undo', cardId: 'c2', at: hours(3).toISOString() });
    const u2 = undoLastReview(u.progress, hours(3))!;
    assert.deepStrictEqual(u2.progress.cards.c1, first);
    const u3 = undoLastReview(u2.progress, hours(3))!;
    assert.strictEqual(u3.progress.cards.c1, undefined);
    assert.strictEqual(undoLastReview(u3.progress, hours(3)), undefined);
    assert.deepStrictEqual(effectiveReviews(u3.progress), []);
    assert.strictEqual(u3.progress.log.length, 6);
    assert.strictEqual(progressProblem(u3.progress), undefined);
    // Grading again after undos continues from the restored state.
    const again = withReview(u2.progress, 'c1', 3, hours(4), second);
    assert.deepStrictEqual(effectiveReviews(again).map((r) => r.cardId), ['c1', 'c1']);
  });

  it('counts the streak in local days and the new cards of today', () => {
    const day = (d: number) => new Date(2026, 2, d, 12);
    let p = emptyProgress();
    for (const d of [1, 3, 4, 5]) p = withReview(p, `c${d}`, 3, day(d), card());
    assert.strictEqual(streak(p, day(5)), 3);
    assert.strictEqual(streak(p, day(6)), 3, 'today not reviewed yet: the streak holds');
    assert.strictEqual(streak(p, day(7)), 0);
    assert.strictEqual(newCardsToday(p, day(5)), 1);
  });
});

describe('learn: exercise status reducer', () => {
  const res = (...passed: boolean[]): CheckResult[] => passed.map((p, i) => ({ id: `c${i}`, title: 't', passed: p, message: 'm', hint: p ? '' : 'h' }));

  it('moves not started -> in progress -> passed and stays passed', () => {
    let s = reduceExercise(undefined, { type: 'started', folder: 'file:///x' });
    assert.strictEqual(s.status, 'in-progress');
    s = reduceExercise(s, { type: 'checked', results: res(true, false), at: T0 });
    assert.deepStrictEqual([s.status, s.passedChecks, s.totalChecks], ['in-progress', ['c0'], 2]);
    s = reduceExercise(s, { type: 'checked', results: res(true, true), at: T0 });
    assert.strictEqual(s.status, 'passed');
    assert.strictEqual(s.passedAt, T0.toISOString());
    s = reduceExercise(s, { type: 'checked', results: res(false, true), at: hours(1) });
    assert.strictEqual(s.status, 'passed');
    assert.strictEqual(s.passedAt, T0.toISOString());
  });

  it('reveals hints one at a time up to the number available', () => {
    let s = INITIAL_EXERCISE;
    for (let i = 0; i < 5; i++) s = reduceExercise(s, { type: 'hintRevealed', available: 3 });
    assert.strictEqual(s.hintsShown, 3);
    assert.strictEqual(s.status, 'in-progress');
  });

  it('an empty check list never passes; a self-check does; reset clears', () => {
    assert.strictEqual(reduceExercise(undefined, { type: 'checked', results: [], at: T0 }).status, 'in-progress');
    assert.strictEqual(reduceExercise(undefined, { type: 'selfChecked', at: T0 }).status, 'passed');
    assert.deepStrictEqual(reduceExercise({ ...INITIAL_EXERCISE, status: 'passed' }, { type: 'reset' }), INITIAL_EXERCISE);
    assert.strictEqual(checkSummary(res(true, false, true)), '2/3 checks');
  });
});

describe('learn: quiz queue and stats', () => {
  const deck = [
    { id: 'a', topic: 'images' }, { id: 'b', topic: 'images' }, { id: 'c', topic: 'volumes' }, { id: 'd', topic: 'volumes' }, { id: 'e', topic: 'volumes' },
  ];

  it('puts due cards first, then new cards up to the daily limit', () => {
    let p = withReview(emptyProgress(), 'c', 1, T0, scheduler.review(scheduler.newCard(T0), 1, T0));
    p = withReview(p, 'a', 4, T0, scheduler.review(scheduler.newCard(T0), 4, T0));
    const now = hours(1); // 'c' (Again) is due, 'a' (Easy) is not
    assert.deepStrictEqual(buildQueue(deck, p, { now, newPerDay: 10 }), ['c', 'b', 'd', 'e']);
    assert.deepStrictEqual(buildQueue(deck, p, { now, newPerDay: 3 }), ['c', 'b']);
    assert.deepStrictEqual(buildQueue(deck, p, { now, newPerDay: 10, topic: 'volumes' }), ['c', 'd', 'e']);
    assert.strictEqual(dueCount(deck, p, now), 1);
    const stats = topicStats(deck, p, now);
    const images = stats.find((s) => s.topic === 'images')!;
    assert.deepStrictEqual([images.total, images.seen, images.due], [2, 1, 0]);
    assert.ok(images.recall! > 0.5);
    assert.strictEqual(stats.find((s) => s.topic === 'volumes')!.due, 1);
  });
});

describe('learn: quiz message guards', () => {
  it('accepts well-formed messages from the webview', () => {
    for (const m of [{ type: 'ready' }, { type: 'next' }, { type: 'undo' }, { type: 'grade', cardId: 'layers-basics', grade: 4 }, { type: 'answer', cardId: 'x', choice: 2 }, { type: 'answer', cardId: 'x', choice: false }]) {
      assert.deepStrictEqual(parseFromWebview(m), m);
    }
  });
  it('rejects malformed messages from the webview', () => {
    for (const m of [null, 'grade', {}, { type: 'eval' }, { type: 'grade', cardId: 'x', grade: 5 }, { type: 'grade', cardId: '../x', grade: 1 }, { type: 'answer', cardId: 'x', choice: -1 }, { type: 'answer', cardId: 'x', choice: '1' }]) {
      assert.strictEqual(parseFromWebview(m), undefined, JSON.stringify(m));
    }
  });
  it('validates messages to the webview', () => {
    const stats = { due: 1, remaining: 2, newLeftToday: 3, streak: 0, canUndo: false };
    const show = { type: 'show', card: { id: 'a', kind: 'open', topic: 't', question: 'q', answer: 'a' }, intervals: { 1: '1 min', 2: '5 min', 3: '10 min', 4: '2 d' }, stats, topics: [{ topic: 'images', total: 3, seen: 1, due: 0, recall: 0.9 }] };
    assert.deepStrictEqual(parseToWebview(show), show);
    assert.strictEqual(parseToWebview({ ...show, card: { ...show.card, kind: 'essay' } }), undefined);
    assert.strictEqual(parseToWebview({ ...show, intervals: { 1: 'x' } }), undefined);
    assert.strictEqual(parseToWebview({ ...show, topics: [{ topic: 'images', total: 3, seen: 1, due: 0, recall: 2 }] }), undefined);
    assert.strictEqual(parseToWebview({ ...show, topics: undefined }), undefined);
    assert.deepStrictEqual(parseToWebview({ type: 'feedback', cardId: 'a', correct: true, correctChoice: 1 }), { type: 'feedback', cardId: 'a', correct: true, correctChoice: 1 });
    assert.strictEqual(parseToWebview({ type: 'finished', stats: { ...stats, due: -1 }, topics: [] }), undefined);
  });
});
