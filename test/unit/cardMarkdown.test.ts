import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CARD_REQUEST_METHOD, CARD_SCHEME, OPEN_CARD_COMMAND, cardIdFromArgs, cardIdFromPath, cardMarkdown, cardPath, serverCards } from '../../client/src/cardMarkdown';
import type { StudyCard } from '../../client/src/cardMarkdown';
import { cards } from '../../server/src/generated/cards';
import { OPEN_CARD_COMMAND as SERVER_COMMAND, openCardCommandUri } from '../../server/src/service/content/hoverCards';
import { CARD_REQUEST } from '../../server/src/server';
import { ROOT } from '../util/text';

// Compile-time check: what the server sends fits what the client renders.
const deck: readonly StudyCard[] = cards;

describe('card preview (client, pure)', () => {
  it('renders every card of the deck with its question, answer and documentation link', () => {
    for (const c of deck) {
      const md = cardMarkdown(c);
      assert.ok(md.startsWith(`# ${c.question.replace(/\s*\n\s*/g, ' ').trim()}\n`), c.id);
      assert.ok(md.includes(c.answer.trim()), `${c.id}: answer`);
      assert.ok(md.includes('## Answer'), c.id);
      if (c.docs) assert.ok(md.includes(`[Docker documentation](${c.docs})`), `${c.id}: docs`);
      assert.ok(md.endsWith('\n'), c.id);
      assert.ok(!/\bundefined\b/.test(md) || JSON.stringify(c).includes('undefined'), `${c.id}: a missing field was printed`);
    }
  });

  it('shows every option with its reason, and marks the right one', () => {
    const mc = cards.find((c) => c.kind === 'multiple-choice')!;
    assert.ok(mc.kind === 'multiple-choice');
    const md = cardMarkdown(mc);
    const right = mc.options.findIndex((o) => o.correct);
    assert.ok(md.includes(`**${String.fromCharCode(65 + right)}** is right.`), md);
    for (const o of mc.options) assert.ok(md.includes(o.why.replace(/\s*\n\s*/g, ' ').trim()), o.why);
    assert.strictEqual((md.match(/^- ✔/gm) ?? []).length, 1);
    assert.strictEqual((md.match(/^- ✘/gm) ?? []).length, mc.options.length - 1);
  });

  it('states the true/false verdict and explanation', () => {
    const tf = cards.find((c) => c.kind === 'true-false' && !c.correct)!;
    assert.ok(tf.kind === 'true-false');
    const md = cardMarkdown(tf);
    assert.ok(md.includes('**False.**') && md.includes(tf.explanation.trim()), md);
  });

  it('fences spot-the-bug snippets safely and names the rule', () => {
    const bug = cards.find((c) => c.kind === 'spot-the-bug' && c.snippet.language === 'dockerfile')!;
    assert.ok(bug.kind === 'spot-the-bug');
    const md = cardMarkdown(bug);
    assert.ok(md.includes('```dockerfile\n' + bug.snippet.code.replace(/\n$/, '') + '\n```'), md);
    assert.ok(md.includes(`\`${bug.ruleId}\``));
    const tricky: StudyCard = { id: 'x', kind: 'spot-the-bug', topic: 'compose', difficulty: 5, question: 'Q', answer: 'A', short: 'S', snippet: { language: 'compose', code: 'command: ```\n' }, ruleId: 'compose/x' };
    const t = cardMarkdown(tricky);
    assert.ok(t.includes('````yaml\ncommand: ```\n````'), t);
    assert.ok(t.includes('difficulty ●●●'), 'difficulty is clamped to three dots');
  });

  it('lists what the card is about', () => {
    const c = cards.find((x) => x.links?.instructions?.length && x.links.flags?.length)!;
    const md = cardMarkdown(c);
    assert.ok(md.includes('## Learn more'));
    for (const i of c.links!.instructions!) assert.ok(md.includes(`\`${i}\``), i);
  });

  it('maps card ids to virtual document paths and back', () => {
    for (const id of ['dockerfile-user', 'oci-what-is-oci']) assert.strictEqual(cardIdFromPath(cardPath(id)), id);
    for (const p of ['/x/y.md', '/Dockerfile.md', '/a.txt', '/%E0%A4%A.md', '/../etc.md']) assert.strictEqual(cardIdFromPath(p), undefined, p);
    assert.strictEqual(CARD_SCHEME, 'docker-tutor-card');
  });

  it('reads the card id from the command arguments a hover link produces', () => {
    const uri = openCardCommandUri('images-cache-mount');
    const args = JSON.parse(decodeURIComponent(uri.slice(uri.indexOf('?') + 1))) as unknown[];
    assert.strictEqual(cardIdFromArgs(args), 'images-cache-mount');
    assert.strictEqual(cardIdFromArgs([{ id: 'dockerfile-user' }]), 'dockerfile-user');
    for (const bad of [[], [42], [''], ['../x'], [null], ['Not An Id']]) assert.strictEqual(cardIdFromArgs(bad), undefined, JSON.stringify(bad));
  });

  it('asks the server for a card with the dockerTutor/card request', async () => {
    const calls: [string, unknown][] = [];
    const source = serverCards({
      request: <R>(method: string, params?: unknown) => {
        calls.push([method, params]);
        return Promise.resolve(cards.find((c) => c.id === (params as { id: string }).id) as R | undefined);
      },
    });
    assert.strictEqual((await source('dockerfile-user'))?.id, 'dockerfile-user');
    assert.strictEqual(await source('nope'), undefined);
    assert.deepStrictEqual(calls, [[CARD_REQUEST_METHOD, { id: 'dockerfile-user' }], [CARD_REQUEST_METHOD, { id: 'nope' }]]);
  });

  it('agrees with the server on the command and the request, and the manifest contributes the command', () => {
    assert.strictEqual(OPEN_CARD_COMMAND, SERVER_COMMAND);
    assert.strictEqual(CARD_REQUEST_METHOD, CARD_REQUEST.method);
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      contributes: { commands: { command: string; category?: string }[]; menus?: { commandPalette?: { command: string; when?: string }[] } };
    };
    const cmd = manifest.contributes.commands.find((c) => c.command === OPEN_CARD_COMMAND);
    assert.ok(cmd, 'dockerTutor.quiz.openCard is not contributed');
    assert.strictEqual(cmd.category, 'Docker Tutor');
    assert.ok(manifest.contributes.menus?.commandPalette?.some((m) => m.command === OPEN_CARD_COMMAND && m.when === 'false'), 'hidden from the palette: it needs a card id');
  });
});
