import * as assert from 'assert';

// Snapshot Date.prototype before anything loads ts-fsrs (mocha may have loaded it already through another
// test file, which is why the check below also looks for the names ts-fsrs 5.x adds).
const protoBefore = Object.getOwnPropertyNames(Date.prototype).sort();

import * as scheduler from '../../client/src/learn/scheduler';
import type { StoredCard } from '../../client/src/learn/scheduler';
import {
  addToReviews, daysFromLog, effectiveReviews, emptyProgress, exportProgress, importProgress, loadProgress, logLine, mergeLogs, newCardsToday, parseLog,
  logWrite, progressProblem, reviewsDone, streak, toSynced, undoLastReview, withExercise, withReview,
} from '../../client/src/learn/progressStore';
import type { LogEntry, Progress } from '../../client/src/learn/progressStore';
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
    assert.deepStrictEqual(loadProgress(undefined), { ok: true, progress: emptyProgress(), migrated: false });
  });

  it('round-trips through export and import', () => {
    let p: Progress = emptyProgress();
    p = withReview(p, 'layers-basics', 3, T0, card());
    p = withExercise(p, 'first-dockerfile', { status: 'passed', hintsShown: 2, passedChecks: ['a', 'b'], totalChecks: 2, passedAt: T0.toISOString() });
    p = addToReviews(p, 'volumes-basics', hours(1), scheduler.newCard(hours(1))).progress;
    assert.strictEqual(p.log.length, 2);
    const back = importProgress(exportProgress(p));
    assert.ok(back.ok);
    assert.deepStrictEqual(back.progress, p, 'the export carries the log, and the import gives it back');
    // The synced state is everything but the log; loading it gives an empty log for the file to fill.
    const synced = JSON.parse(JSON.stringify(toSynced(p))) as unknown;
    assert.strictEqual((synced as { log?: unknown }).log, undefined);
    assert.deepStrictEqual(loadProgress(synced), { ok: true, progress: { ...p, log: [] }, migrated: false });
  });

  const corrupted: [string, unknown, RegExp][] = [
    ['a string', 'hello', /not a JSON object/],
    ['an array', [1, 2], /not a JSON object/],
    ['another extension\'s data', { format: 'other', version: 1 }, /not written by Docker Tutor/],
    ['a newer version', { format: 'docker-tutor-progress', version: 99, exercises: {}, cards: {}, log: [] }, /version 99/],
    ['a missing section', { format: 'docker-tutor-progress', version: 1, exercises: {}, cards: {} }, /section is missing/],
    ['a version 2 store without its days', { format: 'docker-tutor-progress', version: 2, exercises: {}, cards: {} }, /section is missing/],
    ['a damaged day', { format: 'docker-tutor-progress', version: 2, exercises: {}, cards: {}, days: { '2026-03-01': { reviews: -1, newCards: 0 } } }, /day 2026-03-01/],
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

  it('counts the streak in local days and the new cards of today, and an undo takes its day back', () => {
    const day = (d: number, h = 12) => new Date(2026, 2, d, h);
    let p = emptyProgress();
    for (const d of [1, 3, 4, 5]) p = withReview(p, `c${d}`, 3, day(d), card());
    assert.strictEqual(streak(p, day(5)), 3);
    assert.strictEqual(streak(p, day(6)), 3, 'today not reviewed yet: the streak holds');
    assert.strictEqual(streak(p, day(7)), 0);
    assert.strictEqual(newCardsToday(p, day(5)), 1);
    assert.strictEqual(reviewsDone(p), 4);
    const undone = undoLastReview(p, day(5, 13))!.progress;
    assert.strictEqual(newCardsToday(undone, day(5)), 0);
    assert.strictEqual(streak(undone, day(5)), 2, 'the only review of the 5th was undone');
    // The streak and the daily count live in the synced part: a machine without this log still sees them.
    const elsewhere = { ...p, log: [] };
    assert.strictEqual(streak(elsewhere, day(5)), 3);
    assert.strictEqual(newCardsToday(elsewhere, day(5)), 1);
    assert.deepStrictEqual(daysFromLog(p.log), p.days);
  });

  it('"Add to my reviews" schedules the card due now, once, outside the new-card limit', () => {
    const now = hours(5);
    let p = withReview(emptyProgress(), 'seen', 3, T0, card());
    const r = addToReviews(p, 'picked', now, scheduler.newCard(T0));
    assert.strictEqual(r.added, true);
    assert.strictEqual(r.due, now.toISOString());
    assert.strictEqual(r.progress.cards.picked?.state, 'new');
    assert.deepStrictEqual(r.progress.log.at(-1), { type: 'add', cardId: 'picked', at: now.toISOString() });
    assert.strictEqual(newCardsToday(r.progress, now), newCardsToday(p, now), 'adding does not use up a new-card slot');
    assert.deepStrictEqual(effectiveReviews(r.progress), effectiveReviews(p), 'an add is not a review, and undo skips it');
    const deck = [{ id: 'seen', topic: 't' }, { id: 'picked', topic: 't' }, { id: 'other', topic: 't' }];
    assert.strictEqual(dueCount(deck, r.progress, now), dueCount(deck, p, now) + 1);
    // The daily limit is used up (0 new per day), yet the added card is in the queue as a due card.
    assert.ok(buildQueue(deck, r.progress, { now, newPerDay: 0 }).includes('picked'));
    assert.ok(!buildQueue(deck, r.progress, { now, newPerDay: 0 }).includes('other'));
    // Again: nothing changes, and the answer says when it is due.
    const again = addToReviews(r.progress, 'picked', hours(6), scheduler.newCard(hours(6)));
    assert.deepStrictEqual([again.added, again.due, again.progress], [false, now.toISOString(), r.progress]);
    // A card already scheduled keeps its schedule.
    const seen = addToReviews(r.progress, 'seen', now, scheduler.newCard(now));
    assert.strictEqual(seen.added, false);
    assert.strictEqual(seen.due, p.cards.seen!.due);
    // Grading it now counts as a review, not as a new card of today; undo gives back the added state.
    p = withReview(r.progress, 'picked', 3, now, scheduler.review(r.progress.cards.picked!, 3, now));
    assert.strictEqual(newCardsToday(p, now), newCardsToday(r.progress, now));
    assert.deepStrictEqual(undoLastReview(p, hours(6))!.progress.cards.picked, r.progress.cards.picked);
  });
});

describe('learn: review log file (JSONL) and migration', () => {
  const c = (): StoredCard => scheduler.review(scheduler.newCard(T0), 3, T0);
  const review = (cardId: string, h: number): LogEntry => ({ type: 'review', cardId, grade: 3, at: hours(h).toISOString(), before: null });

  it('writes one JSON object per line and reads it back', () => {
    const entries: LogEntry[] = [review('a', 0), { type: 'add', cardId: 'b', at: hours(1).toISOString() }, { type: 'undo', cardId: 'a', at: hours(2).toISOString() }];
    const text = entries.map(logLine).join('');
    assert.strictEqual(text.split('\n').length, 4);
    assert.ok(text.endsWith('\n'));
    assert.deepStrictEqual(parseLog(text), { entries, bad: [] });
    assert.deepStrictEqual(parseLog(''), { entries: [], bad: [] });
  });

  it('appends what a grade, an undo or an add adds, and rewrites the file for anything else', () => {
    const p0 = withReview(emptyProgress(), 'a', 3, T0, c());
    const p1 = withReview(p0, 'b', 3, hours(1), c());
    const p2 = undoLastReview(p1, hours(2))!.progress;
    const p3 = addToReviews(p2, 'z', hours(3), scheduler.newCard(hours(3))).progress;
    assert.strictEqual(logWrite(p1.log, p1.log), undefined);
    assert.strictEqual(logWrite(p1.log, withExercise(p1, 'e', INITIAL_EXERCISE).log), undefined, 'an exercise update leaves the log alone');
    assert.deepStrictEqual(logWrite(emptyProgress().log, p0.log), { append: logLine(p0.log[0]!) });
    assert.deepStrictEqual(logWrite(p0.log, p3.log), { append: p3.log.slice(1).map(logLine).join('') });
    // An import or a restore of older progress: same length or shorter, or other entries.
    assert.deepStrictEqual(logWrite(p3.log, p0.log), { rewrite: logLine(p0.log[0]!) });
    assert.deepStrictEqual(logWrite(p1.log, JSON.parse(JSON.stringify(p2.log)) as LogEntry[]), { rewrite: p2.log.map(logLine).join('') });
    assert.deepStrictEqual(logWrite(p1.log, []), { rewrite: '' });
  });

  it('skips a cut-off or damaged line and says which, keeping the others', () => {
    const good = [review('a', 0), review('b', 1)];
    const text = logLine(good[0]!) + '{"type":"review","cardId":"x","gra\n' + logLine(good[1]!) + '{"type":"review","cardId":"y","grade":9,"at":"2026-03-02T09:00:00Z","before":null}\n[1]\n{"type":"undo","cardId":"a","at":"2026';
    const parsed = parseLog(text);
    assert.deepStrictEqual(parsed.entries, good);
    assert.deepStrictEqual(parsed.bad.map((b) => b.line), [2, 4, 5, 6]);
    assert.match(parsed.bad[0]!.reason, /not JSON/);
    assert.match(parsed.bad[1]!.reason, /bad grade 9/);
  });

  it('migrates a version-1 store: the log moves out, the days come from it, nothing is lost or doubled', () => {
    const log: LogEntry[] = [
      { type: 'review', cardId: 'a', grade: 3, at: new Date(2026, 2, 1, 10).toISOString(), before: null },
      { type: 'review', cardId: 'b', grade: 1, at: new Date(2026, 2, 2, 10).toISOString(), before: null },
      { type: 'undo', cardId: 'b', at: new Date(2026, 2, 2, 10, 1).toISOString() },
    ];
    const v1 = { format: 'docker-tutor-progress', version: 1, exercises: {}, cards: { a: c() }, log };
    const r = loadProgress(v1);
    assert.ok(r.ok && r.migrated);
    assert.deepStrictEqual(r.progress.log, log);
    assert.deepStrictEqual(r.progress.days, { '2026-03-01': { reviews: 1, newCards: 1 } });
    assert.strictEqual(r.progress.version, 2);
    // The file is empty the first time; after a crash between writing it and updating globalState, it already has them.
    assert.deepStrictEqual(mergeLogs([], log), log);
    assert.deepStrictEqual(mergeLogs(log, log), log);
    // Entries the file got since (a newer session) and the old ones interleave by time; undo still pairs with its review.
    const later = review('c', 24 * 30);
    assert.deepStrictEqual(mergeLogs([later], log), [...log, later]);
    assert.deepStrictEqual(effectiveReviews({ log: mergeLogs([later], log) }).map((e) => e.cardId), ['a', 'c']);
    // A version-1 export imports the same way.
    const imported = importProgress(JSON.stringify(v1));
    assert.ok(imported.ok);
    assert.deepStrictEqual(imported.progress, r.progress);
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
    for (const m of [{ type: 'ready' }, { type: 'next' }, { type: 'undo' }, { type: 'grade', cardId: 'layers-basics', grade: 4 }, { type: 'answer', cardId: 'x', choice: 2 }, { type: 'answer', cardId: 'x', choice: false }, { type: 'addToReviews', cardId: 'dockerfile-user' }]) {
      assert.deepStrictEqual(parseFromWebview(m), m);
    }
  });
  it('rejects malformed messages from the webview', () => {
    for (const m of [null, 'grade', {}, { type: 'eval' }, { type: 'grade', cardId: 'x', grade: 5 }, { type: 'grade', cardId: '../x', grade: 1 }, { type: 'answer', cardId: 'x', choice: -1 }, { type: 'answer', cardId: 'x', choice: '1' }, { type: 'addToReviews' }, { type: 'addToReviews', cardId: 'A B' }]) {
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
    assert.deepStrictEqual(parseToWebview({ ...show, offerAdd: true }), { ...show, offerAdd: true });
    assert.strictEqual(parseToWebview({ ...show, offerAdd: 'yes' }), undefined);
    const added = { type: 'added', cardId: 'a', added: true, message: 'Added — due now.', stats };
    assert.deepStrictEqual(parseToWebview(added), added);
    assert.strictEqual(parseToWebview({ ...added, message: 3 }), undefined);
    assert.strictEqual(parseToWebview({ ...added, added: 'no' }), undefined);
    assert.strictEqual(parseToWebview({ ...added, stats: undefined }), undefined);
  });
});
