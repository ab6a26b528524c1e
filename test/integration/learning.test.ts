import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { diagnosticsWhen, EXTENSION_ID, open, ruleOf } from './util';

// The slice of the object activate() returns (client/src/extension.ts, DockerTutorTestApi) that these tests use.
interface ExerciseFile { path: string; text: string }
interface Exercise { id: string; title: string; selfCheck?: boolean; starter: ExerciseFile[]; solution: ExerciseFile[] }
interface CheckResult { id: string; passed: boolean; title: string }
interface Progress { exercises: Record<string, { status: string } | undefined>; cards: Record<string, { due: string; state?: string } | undefined>; log: { type: string; cardId: string }[] }
interface TestApi {
  learning?: {
    exercises: {
      tree(): Promise<{ topic: string; exercises: { id: string; label: string; contextValue: string }[] }[]>;
      list(): readonly Exercise[];
      lastResults(id: string): readonly CheckResult[] | undefined;
    };
    quiz: {
      state(): { open: boolean; current: string | undefined; due: number; offered: string | undefined; lastAdded: string | undefined };
      grade(grade: 1 | 2 | 3 | 4): Promise<void>;
      addCurrent(): Promise<void>;
    };
    progress: { get(): Progress; set(p: Progress): Promise<void>; logUri(): string; reload(): Promise<void> };
  };
}

/** The exercises the server bundles, read from the compiled content module (next to this file in out/). */
function bundledExercises(): { id: string; title: string }[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const m = require(path.join(__dirname, '..', 'server', 'src', 'generated', 'exercises.js')) as { exercises: { id: string; title: string }[] };
  return m.exercises;
}

async function learning(): Promise<NonNullable<TestApi['learning']>> {
  const api = await vscode.extensions.getExtension<TestApi>(EXTENSION_ID)!.activate();
  assert.ok(api?.learning, 'activate() returned no learning API: the exercises and quiz did not start');
  return api.learning;
}

function quizTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .find((t) => t.input instanceof vscode.TabInputWebview && t.label === 'Docker Tutor Quiz');
}

/** Resolves once `accept` holds for the open tabs: checked now and on every tab change VS Code announces. */
function tabsWhen(accept: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const finish = (err?: Error): void => {
      sub.dispose();
      clearTimeout(timer);
      if (err) reject(err);
      else resolve();
    };
    const sub = vscode.window.tabGroups.onDidChangeTabs(() => { if (accept()) finish(); });
    const timer = setTimeout(() => finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
    if (accept()) finish();
  });
}

describe('Exercises view', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-tutor-exercises-'));
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('lists every exercise the server bundles, under its topic', async () => {
    const api = await learning();
    await vscode.commands.executeCommand('workbench.view.extension.dockerTutor');
    const tree = await api.exercises.tree();
    const rows = tree.flatMap((t) => t.exercises);
    const bundled = bundledExercises();
    assert.ok(bundled.length >= 13, `only ${bundled.length} exercises bundled`);
    assert.deepStrictEqual(rows.map((r) => r.id).sort(), bundled.map((e) => e.id).sort());
    for (const e of bundled) assert.strictEqual(rows.find((r) => r.id === e.id)?.label, e.title);
    assert.ok(tree.some((t) => t.topic === 'Compose' && t.exercises.some((r) => r.id === 'compose-db-healthcheck')));
    assert.ok(rows.every((r) => r.contextValue.startsWith('exercise.not-started')), 'a fresh profile has an exercise already started');
  });

  for (const id of ['multi-stage-build', 'compose-db-healthcheck']) {
    it(`${id}: Start scaffolds the starter files; Check fails on them and passes on the reference solution`, async () => {
      const api = await learning();
      const exercise = api.exercises.list().find((e) => e.id === id);
      assert.ok(exercise, `no exercise ${id}`);
      const folder = path.join(tmp, id);
      await vscode.commands.executeCommand('dockerTutor.exercises.start', id, vscode.Uri.file(folder));

      for (const f of exercise.starter) assert.strictEqual(fs.readFileSync(path.join(folder, f.path), 'utf8'), f.text, `${f.path} was not scaffolded`);
      assert.strictEqual(api.progress.get().exercises[id]?.status, 'in-progress');
      const starter = api.exercises.lastResults(id);
      assert.ok(starter?.length, 'Start did not check the starter files');
      assert.ok(starter.some((r) => !r.passed), 'the starter files already pass every check');
      assert.ok((await api.exercises.tree()).flatMap((t) => t.exercises).find((r) => r.id === id)?.contextValue.startsWith('exercise.in-progress'));

      // The learner types the solution into the open editor (unsaved text is what Check reads), or creates the file.
      for (const f of exercise.solution) {
        const uri = vscode.Uri.file(path.join(folder, f.path));
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === uri.fsPath);
        if (!doc) {
          fs.mkdirSync(path.dirname(uri.fsPath), { recursive: true });
          fs.writeFileSync(uri.fsPath, f.text);
          continue;
        }
        const edit = new vscode.WorkspaceEdit();
        edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), f.text);
        assert.ok(await vscode.workspace.applyEdit(edit));
        assert.ok(await doc.save());
      }
      await vscode.commands.executeCommand('dockerTutor.exercises.check', id);
      const solved = api.exercises.lastResults(id) ?? [];
      assert.deepStrictEqual(solved.filter((r) => !r.passed).map((r) => r.title), [], 'checks failing on the reference solution');
      assert.strictEqual(solved.length, starter.length);
      assert.strictEqual(api.progress.get().exercises[id]?.status, 'passed');
    });
  }
});

describe('Quiz panel', () => {
  let saved: Progress | undefined;
  after(async () => {
    const tab = quizTab();
    if (tab) await vscode.window.tabGroups.close(tab);
    if (saved) await (await learning()).progress.set(saved);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Start Quiz opens the "Docker Tutor Quiz" panel on a card', async () => {
    const api = await learning();
    assert.strictEqual(quizTab(), undefined);
    await vscode.commands.executeCommand('dockerTutor.quiz.start', 'dockerfile');
    await tabsWhen(() => quizTab() !== undefined, 'the quiz panel tab');
    const state = api.quiz.state();
    assert.ok(state.open);
    assert.ok(state.current, 'the panel shows no card');
  });

  it('grading a due card takes it off the due count and schedules it later', async () => {
    const api = await learning();
    saved = api.progress.get();
    const id = api.quiz.state().current;
    assert.ok(id);
    // A card the learner reviewed two days ago, due since yesterday.
    const day = 86_400_000;
    const due = {
      due: new Date(Date.now() - day).toISOString(), stability: 1, difficulty: 5, scheduledDays: 1, learningSteps: 0, reps: 1, lapses: 0,
      state: 'review', lastReview: new Date(Date.now() - 2 * day).toISOString(),
    };
    const before = api.quiz.state().due;
    await api.progress.set({ ...saved, cards: { ...saved.cards, [id]: due as unknown as { due: string } } });
    assert.strictEqual(api.quiz.state().due, before + 1);

    await vscode.commands.executeCommand('dockerTutor.quiz.start', 'dockerfile');
    assert.strictEqual(api.quiz.state().current, id, 'the due card does not come first');
    await api.quiz.grade(3);
    assert.strictEqual(api.quiz.state().due, before);
    const card = api.progress.get().cards[id];
    assert.ok(card && Date.parse(card.due) > Date.now(), 'the graded card is still due');
    const last = api.progress.get().log.at(-1);
    assert.strictEqual(last?.type, 'review');
    assert.strictEqual(last.cardId, id);
    assert.notStrictEqual(api.quiz.state().current, id, 'the panel did not move on to the next card');
  });

  it('"Learn why" on a diagnostic opens its card; "Add to my reviews" makes it due, once, and the review log file records it', async () => {
    const api = await learning();
    saved ??= api.progress.get();
    const editor = await open('Dockerfile');
    const ds = await diagnosticsWhen(editor.document.uri, (d) => d.some((x) => ruleOf(x) === 'dockerfile/maintainer-deprecated'), 'the MAINTAINER finding');
    const finding = ds.find((d) => ruleOf(d) === 'dockerfile/maintainer-deprecated')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, finding.range);
    const learnWhy = actions.find((a) => a.title.startsWith('Learn why'));
    assert.ok(learnWhy?.command, `no "Learn why" action: ${actions.map((a) => a.title).join(' | ')}`);
    const cardId = learnWhy.command.arguments?.[0] as string;
    // A learner who has never seen this card.
    const p = api.progress.get();
    const { [cardId]: _dropped, ...cards } = p.cards;
    void _dropped;
    await api.progress.set({ ...p, cards });

    await vscode.commands.executeCommand(learnWhy.command.command, ...(learnWhy.command.arguments ?? []));
    await tabsWhen(() => quizTab() !== undefined, 'the quiz panel tab');
    assert.strictEqual(api.quiz.state().current, cardId, 'the panel does not show the card "Learn why" named');
    assert.strictEqual(api.quiz.state().offered, cardId, 'the panel does not offer "Add to my reviews"');

    const before = api.quiz.state().due;
    await api.quiz.addCurrent();
    assert.strictEqual(api.quiz.state().due, before + 1, 'the added card is not due');
    assert.match(api.quiz.state().lastAdded ?? '', /^Added — due now/);
    assert.strictEqual(api.progress.get().cards[cardId]?.state, 'new');
    await api.quiz.addCurrent();
    assert.strictEqual(api.quiz.state().due, before + 1, 'adding twice counted twice');
    assert.match(api.quiz.state().lastAdded ?? '', /^Already in your reviews, due now/);

    // The log is a JSONL file under globalStorageUri, not part of the synced state.
    const logUri = vscode.Uri.parse(api.progress.logUri());
    const lines = Buffer.from(await vscode.workspace.fs.readFile(logUri)).toString('utf8').trimEnd().split('\n');
    const last = JSON.parse(lines.at(-1)!) as { type: string; cardId: string };
    assert.deepStrictEqual([last.type, last.cardId], ['add', cardId]);
    assert.strictEqual(lines.filter((l) => l.includes(`"add","cardId":"${cardId}"`)).length, 1);
  });

  it('a cut-off line in the review log file is skipped, the file backed up, and every other entry kept', async () => {
    const api = await learning();
    saved ??= api.progress.get();
    const logUri = vscode.Uri.parse(api.progress.logUri());
    const entries = api.progress.get().log;
    assert.ok(entries.length >= 2, 'the earlier tests left no log entries');
    const good = entries.map((e) => JSON.stringify(e) + '\n').join('');
    const damaged = good + '{"type":"review","cardId":"x","gr';
    await vscode.workspace.fs.writeFile(logUri, Buffer.from(damaged, 'utf8'));
    await api.progress.reload();
    assert.deepStrictEqual(api.progress.get().log, JSON.parse(JSON.stringify(entries)));
    assert.strictEqual(Buffer.from(await vscode.workspace.fs.readFile(logUri)).toString('utf8'), good, 'the log file still has the damaged line');
    const folder = vscode.Uri.joinPath(logUri, '..');
    const backups = (await vscode.workspace.fs.readDirectory(folder)).filter(([name]) => name.startsWith('review-log-backup-'));
    assert.strictEqual(backups.length, 1, 'no backup of the damaged file');
    assert.strictEqual(Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, backups[0]![0]))).toString('utf8'), damaged);
  });
});
