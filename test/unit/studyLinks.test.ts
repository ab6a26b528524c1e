import * as assert from 'assert';
import type { CodeAction, MarkupContent } from 'vscode-languageserver-types';
import { cards } from '../../server/src/generated/cards';
import { ruleCards } from '../../server/src/generated/ruleCards';
import { createLanguageService } from '../../server/src/service';
import { OPEN_CARD_COMMAND, openCardCommandUri, pickCards, studyDeckSection } from '../../server/src/service/content/hoverCards';
import { LEARN_WHY_KIND, learnWhyAction, wantsLearnWhy } from '../../server/src/service/content/learnWhy';
import { ruleCardId, unmatchedKeys, withStudyCard } from '../../server/src/service/content/ruleCards';
import { DOCS } from '../../server/src/service/dockerfile/docs';
import { dockerfileHover } from '../../server/src/service/dockerfile/hover';
import { parseDockerfile } from '../../server/src/service/dockerfile/model';
import { dockerfileRules } from '../../server/src/service/dockerfile/rules';
import { composeRules } from '../../server/src/service/compose/rules';
import { caret, doc } from '../util/text';

const byId = new Map(cards.map((c) => [c.id, c]));
const allRules = [...dockerfileRules, ...composeRules];
const COMMAND_LINK = /\]\((command:([^?)\s]+)\?([^)\s]+))(?: "[^"]*")?\)/g;

/** The card ids of every "Quiz me on this" link in a hover, decoded as VS Code decodes command URIs. */
function quizLinks(md: string): string[] {
  const ids: string[] = [];
  for (const m of md.matchAll(COMMAND_LINK)) {
    assert.strictEqual(m[2], OPEN_CARD_COMMAND, `unexpected command in ${m[1]}`);
    const args = JSON.parse(decodeURIComponent(m[3]!)) as unknown;
    assert.ok(Array.isArray(args) && args.length === 1 && typeof args[0] === 'string', `arguments ${m[3]}`);
    ids.push(args[0] as string);
  }
  return ids;
}

function hoverMd(source: string): string {
  const { text, position } = caret(source);
  const h = dockerfileHover(parseDockerfile(text), position);
  assert.ok(h, `no hover for ${source}`);
  return (h.contents as MarkupContent).value;
}

describe('study deck in hovers', () => {
  const rows: { what: string; src: string; cards: readonly string[]; topic?: string }[] = [
    { what: 'instruction', src: 'FROM alpine:3.20\nCO|PY . /app\n', cards: ['dockerfile-build-context'] },
    { what: 'flag', src: 'FROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --fr|om=build /out /app\n', cards: ['dockerfile-multi-stage'] },
    { what: 'flag value', src: 'FROM alpine:3.20\nRUN --security=inse|cure true\n', cards: ['security-privileged-tf'] },
    { what: 'image reference with a tag', src: 'FROM node:2|2-slim\n', cards: ['images-tag-vs-digest-mc', 'images-dangling'], topic: 'images' },
    { what: 'image reference without a tag', src: 'FROM ubu|ntu\n', cards: ['images-default-tag-latest-tf', 'images-dangling'], topic: 'images' },
    { what: 'image reference with a digest', src: 'FROM alpine@sha256:|0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n', cards: ['images-digest', 'images-layers'], topic: 'images' },
    { what: 'type=cache', src: 'FROM python:3.12\nRUN --mount=type=ca|che,target=/root/.cache/pip pip install -r requirements.txt\n', cards: ['images-cache-mount', 'images-build-cache'] },
    { what: 'cache mount option', src: 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt,shar|ing=locked apt-get update\n', cards: ['images-cache-mount'] },
    { what: 'secret mount', src: 'FROM alpine:3.20\nRUN --mount=type=sec|ret,id=npm cat /run/secrets/npm\n', cards: ['security-secrets-not-in-image'] },
    { what: 'VOLUME', src: 'FROM postgres:16\nVOL|UME /var/lib/postgresql/data\n', cards: ['volumes-volume-instruction', 'volumes-volume-vs-bind-mount'] },
    { what: 'USER', src: 'FROM alpine:3.20\nUS|ER app\n', cards: ['dockerfile-user', 'security-best-practices'], topic: 'security' },
    { what: 'directive', src: '# syn|tax=docker/dockerfile:1\nFROM alpine:3.20\n', cards: ['dockerfile-parser-directives'] },
    { what: 'check name in a check directive', src: '# check=skip=JSONArgs|Recommended\nFROM alpine:3.20\n', cards: ['dockerfile-exec-vs-shell-form-mc'] },
    { what: 'variable', src: 'FROM alpine:3.20\nARG VERSION=1\nRUN echo $VER|SION\n', cards: ['dockerfile-variable-substitution'] },
    { what: 'global ARG name', src: 'ARG BA|SE=alpine:3.20\nFROM $BASE\n', cards: ['dockerfile-env-vs-arg', 'dockerfile-arg-before-from'] },
    { what: 'secret-looking ARG', src: 'FROM alpine:3.20\nARG API_TO|KEN\n', cards: ['security-secrets-not-in-image'] },
    { what: 'stage name', src: 'FROM golang:1.23 AS bu|ild\n', cards: ['dockerfile-multi-stage', 'dockerfile-stage-names'] },
    { what: 'HEALTHCHECK subcommand', src: 'FROM nginx:1.27\nHEALTHCHECK --interval=30s C|MD curl -f http://localhost/\n', cards: ['dockerfile-healthcheck', 'production-self-healing'] },
    { what: 'instruction inside ONBUILD', src: 'FROM node:22\nONBUILD CO|PY . /app\n', cards: ['dockerfile-build-context'] },
    { what: 'heredoc', src: 'FROM alpine:3.20\nRUN <<E|OF\necho hi\nEOF\n', cards: ['dockerfile-chain-run'] },
  ];
  for (const row of rows) {
    it(`${row.what}: ${JSON.stringify(row.src.split('\n').find((l) => l.includes('|')))}`, () => {
      const md = hoverMd(row.src);
      const ids = quizLinks(md);
      assert.ok(ids.length >= 1 && ids.length <= 2, `expected 1–2 cards, got ${ids.join(', ')}:\n${md}`);
      for (const want of row.cards) assert.ok(ids.includes(want), `missing ${want}; got ${ids.join(', ')}`);
      assert.strictEqual(ids[0], row.cards[0], 'the best card comes first');
      if (row.topic) assert.ok(ids.some((id) => byId.get(id)?.topic === row.topic), `no ${row.topic} card`);
      // The section sits under the reference text, and shows each card's question and short answer.
      const at = md.indexOf('**From the study deck:**');
      assert.ok(at > 0 && md.lastIndexOf('---', at) > 0, 'a rule separates the section from the reference');
      for (const id of ids) {
        const card = byId.get(id);
        assert.ok(card, `link to unknown card ${id}`);
        assert.ok(md.includes(card.short.replace(/</g, '&lt;').replace(/>/g, '&gt;')), `short answer of ${id}`);
      }
    });
  }

  it('an image reference teaches layers, tags vs digests and dangling images', () => {
    const md = hoverMd('FROM python:3.1|2-slim\n');
    assert.match(md, /read-only layers/);
    assert.match(md, /@sha256/);
    assert.deepStrictEqual(quizLinks(md), ['images-tag-vs-digest-mc', 'images-dangling']);
  });

  it('says nothing from the deck on error hovers (an unknown flag)', () => {
    const md = hoverMd('FROM alpine:3.20\nCOPY --nop|e=1 a b\n');
    assert.match(md, /not a flag/);
    assert.deepStrictEqual(quizLinks(md), []);
  });

  it('builds command URIs VS Code decodes back to the card id', () => {
    for (const id of ['dockerfile-user', 'images-cache-mount']) {
      const uri = openCardCommandUri(id);
      assert.ok(uri.startsWith(`command:${OPEN_CARD_COMMAND}?`), uri);
      assert.ok(!/[\s"[\]]/.test(uri), `characters VS Code would mangle: ${uri}`);
      assert.deepStrictEqual(JSON.parse(decodeURIComponent(uri.slice(uri.indexOf('?') + 1))), [id]);
    }
  });

  it('studyDeckSection keeps order, drops duplicates and unknown ids, stops at the maximum', () => {
    assert.strictEqual(studyDeckSection([]), '');
    assert.strictEqual(studyDeckSection(['no-such-card', undefined]), '');
    assert.deepStrictEqual(pickCards([['dockerfile-user', 'no-such-card'], 'dockerfile-user', 'images-layers', 'images-digest']).map((c) => c.id), ['dockerfile-user', 'images-layers']);
    assert.deepStrictEqual(pickCards(['images-digest', 'images-layers', 'dockerfile-user'], 3).map((c) => c.id), ['images-digest', 'images-layers', 'dockerfile-user']);
    const md = studyDeckSection(['dockerfile-user']);
    assert.deepStrictEqual(quizLinks(md), ['dockerfile-user']);
    assert.ok(md.includes(`**From the study deck:** ${byId.get('dockerfile-user')!.question}`));
    // HTML-looking text outside code spans is escaped, so the hover does not swallow it.
    const dangling = studyDeckSection(['images-dangling']);
    assert.ok(dangling.includes('&lt;none&gt;:&lt;none&gt;') && !dangling.includes('<none>'), dangling);
  });

  it('every card a docs entry names exists', () => {
    const entries: { id: string; cards?: readonly string[] }[] = [
      ...DOCS.instructions, ...DOCS.subcommands, ...DOCS.concepts,
      ...DOCS.flags.flatMap((f) => [f, ...(f.values ?? [])]),
      ...DOCS.mounts.flatMap((m) => [m, ...m.options.flatMap((o) => [o, ...(o.values ?? [])])]),
      ...DOCS.directives.flatMap((d) => [d, ...(d.options ?? [])]),
    ];
    const named = entries.filter((e) => e.cards?.length);
    for (const e of named) for (const id of e.cards!) assert.ok(byId.has(id), `${e.id}: no card ${id}`);
    for (const e of named) assert.ok(e.cards!.length <= 2, `${e.id}: hovers show at most two cards`);
    // Every instruction has a card: the deck covers all 18.
    for (const i of DOCS.instructions) assert.ok(i.cards?.length, `${i.id} names no card`);
    assert.ok(named.length >= 60, `${named.length} docs entries name cards`);
  });
});

describe('rule → study card map (server/content/ruleCards.yaml)', () => {
  it('every registered rule resolves to an existing card', () => {
    const missing = allRules.filter((r) => !r.explain.cardId || !byId.has(r.explain.cardId)).map((r) => `${r.id} → ${r.explain.cardId ?? 'none'}`);
    assert.deepStrictEqual(missing, []);
  });

  it('names only existing cards', () => {
    const bad = Object.entries(ruleCards).filter(([, card]) => !byId.has(card)).map(([k, card]) => `${k}: ${card}`);
    assert.deepStrictEqual(bad, []);
  });

  it('has no entry that a registered rule shadows with a different card', () => {
    for (const r of allRules) {
      for (const key of [r.id, ...r.aliases]) {
        const card = ruleCards[key];
        if (card !== undefined && key === r.id) assert.strictEqual(r.explain.cardId, card, `${key}: the rule resolves to ${r.explain.cardId}, the map says ${card}`);
      }
    }
  });

  it('resolves the rule\'s own card first, then its id, then its aliases', () => {
    const map = { 'dockerfile/x': 'card-by-id', DL9999: 'card-by-alias', XCheck: 'card-by-name' };
    const rule = (id: string, aliases: string[], cardId?: string) => ({ id, aliases, explain: { docsUrl: 'https://x', cardId } });
    assert.strictEqual(ruleCardId(rule('dockerfile/x', ['DL9999'], 'own'), map), 'own');
    assert.strictEqual(ruleCardId(rule('dockerfile/x', ['DL9999']), map), 'card-by-id');
    assert.strictEqual(ruleCardId(rule('dockerfile/y', ['XCheck', 'DL9999']), map), 'card-by-name');
    assert.strictEqual(ruleCardId(rule('dockerfile/y', []), map), undefined);
    const r = rule('dockerfile/y', ['DL9999']);
    const linked = withStudyCard(r, map);
    assert.strictEqual(linked.explain.cardId, 'card-by-alias');
    assert.strictEqual(linked.explain.docsUrl, 'https://x');
    assert.strictEqual(r.explain.cardId, undefined, 'the original rule is left alone');
    assert.deepStrictEqual(unmatchedKeys(map, [rule('dockerfile/x', []), rule('dockerfile/z', ['XCheck'])]), ['DL9999']);
  });

  it('covers the expected BuildKit check ids', () => {
    const expected = ['json-args-recommended', 'legacy-key-value-format', 'undefined-var', 'workdir-relative-path', 'stage-name-casing', 'from-as-casing',
      'consistent-instruction-casing', 'no-empty-continuation', 'duplicate-stage-name', 'reserved-stage-name', 'undefined-arg-in-from',
      'multiple-instructions-disallowed', 'redundant-target-platform', 'secrets-used-in-arg-or-env', 'invalid-default-arg-in-from',
      'from-platform-flag-const-disallowed', 'copy-ignored-file', 'invalid-definition-description', 'expose-proto-casing', 'expose-invalid-format'];
    assert.deepStrictEqual(expected.filter((n) => !ruleCards[`dockerfile/${n}`]), []);
  });

  it('names only registered rules (Dockerfile and Compose registries)', () => {
    assert.deepStrictEqual(unmatchedKeys(ruleCards, allRules), []);
  });
});

describe('"Learn why" code actions', () => {
  const service = createLanguageService();
  const actionsFor = (text: string, only?: string[]): CodeAction[] => {
    const d = doc(text);
    const diagnostics = service.validate(d, 'dockerfile');
    return service.codeActions(d, 'dockerfile', { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } }, diagnostics, only);
  };

  it('opens the card behind the rule, as a non-preferred quickfix sub-kind with a command and no edit', () => {
    const actions = actionsFor('FROM node:latest\nCMD ["node", "server.js"]\n');
    const learn = actions.filter((a) => a.kind === LEARN_WHY_KIND);
    const card = byId.get('production-pin-base-image')!;
    const forLatest = learn.find((a) => a.diagnostics?.some((d) => d.code === 'dockerfile/latest-tag'));
    assert.ok(forLatest, `no Learn why for latest-tag: ${actions.map((a) => a.title).join(' | ')}`);
    assert.strictEqual(forLatest.title, `Learn why: ${card.question.replace(/`/g, '')}`);
    assert.deepStrictEqual(forLatest.command, { title: forLatest.title, command: OPEN_CARD_COMMAND, arguments: ['production-pin-base-image'] });
    assert.strictEqual(forLatest.edit, undefined);
    assert.ok(!forLatest.isPreferred);
    // The rule's own fix still comes first.
    const firstFix = actions.findIndex((a) => a.diagnostics?.some((d) => d.code === 'dockerfile/latest-tag'));
    assert.ok(actions[firstFix]!.edit, 'a real fix leads');
  });

  it('offers one per card, and every registered rule\'s card makes an action', () => {
    const actions = actionsFor('FROM ubuntu\nMAINTAINER a@b.c\nMAINTAINER d@e.f\n');
    const titles = actions.filter((a) => a.kind === LEARN_WHY_KIND).map((a) => a.title);
    assert.strictEqual(new Set(titles).size, titles.length, titles.join(' | '));
    assert.ok(titles.length >= 2, titles.join(' | '));
    for (const r of allRules) assert.ok(learnWhyAction(r.explain.cardId, []), r.id);
  });

  it('honours the client\'s kind filter', () => {
    const text = 'FROM node:latest\n';
    assert.ok(actionsFor(text, ['quickfix']).some((a) => a.kind === LEARN_WHY_KIND));
    const onlyLearn = actionsFor(text, [LEARN_WHY_KIND]);
    assert.ok(onlyLearn.length > 0 && onlyLearn.every((a) => a.kind === LEARN_WHY_KIND));
    assert.deepStrictEqual(actionsFor(text, ['refactor']), []);
    assert.ok(wantsLearnWhy(undefined) && wantsLearnWhy(['quickfix']) && !wantsLearnWhy(['quickfix.other']) && !wantsLearnWhy(['source']));
  });

  it('shortens long questions and skips unknown cards', () => {
    assert.strictEqual(learnWhyAction('no-such-card', []), undefined);
    assert.strictEqual(learnWhyAction(undefined, []), undefined);
    const long = cards.find((c) => c.question.length > 100)!;
    const a = learnWhyAction(long.id, [])!;
    assert.ok(a.title.length <= 'Learn why: '.length + 90 && a.title.endsWith('…'), a.title);
  });

  it('the facade hands out cards by id for the client', () => {
    assert.strictEqual(service.studyCard('dockerfile-user')?.id, 'dockerfile-user');
    assert.strictEqual(service.studyCard('nope'), null);
    assert.strictEqual(service.studyCard(42 as unknown as string), null);
  });
});

describe('study deck links in Compose files', () => {
  const service = createLanguageService();
  const composeDoc = (text: string) => doc(text, 'file:///test/compose.yaml', 'dockercompose');
  const everything = { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } };

  it('a compose key hover ends with the cards linked to that key, with quiz links', () => {
    const { text, position } = caret('services:\n  web:\n    image: nginx:1.27\n    po|rts:\n      - "8080:80"\n');
    const hover = service.hover(composeDoc(text), 'compose', position);
    const md = (hover?.contents as MarkupContent | undefined)?.value ?? '';
    const linked = cards.filter((c) => c.links?.composeKeys?.includes('services.*.ports')).map((c) => c.id);
    const shown = quizLinks(md);
    assert.ok(md.includes('**From the study deck:**'), md);
    assert.ok(shown.length >= 1 && shown.every((id) => linked.includes(id)), `${shown.join(', ')} not among ${linked.join(', ')}`);
  });

  it('matches named entries through the card\'s wildcard, and adds nothing to keys no card is about', () => {
    const { text, position } = caret('networks:\n  backend:\n    dri|ver: bridge\n');
    const md = (service.hover(composeDoc(text), 'compose', position)?.contents as MarkupContent | undefined)?.value ?? '';
    const picked = pickCards([cards.filter((c) => c.links?.composeKeys?.includes('networks.*.driver'))]).map((c) => c.id);
    assert.ok(picked.length > 0);
    assert.deepStrictEqual(quizLinks(md), picked);
    const plain = caret('services:\n  web:\n    image: nginx:1.27\n    container_na|me: web\n');
    const md2 = (service.hover(composeDoc(plain.text), 'compose', plain.position)?.contents as MarkupContent | undefined)?.value ?? '';
    assert.ok(md2.includes('container_name') && !md2.includes('From the study deck'), md2);
  });

  it('offers "Learn why" for a compose diagnostic, opening the rule\'s card, after its fixes', () => {
    const d = composeDoc('services:\n  api:\n    image: example/api:1.2\n    networks:\n      - backend\nnetworks:\n  back-end: {}\n');
    const diagnostics = service.validate(d, 'compose');
    const actions = service.codeActions(d, 'compose', everything, diagnostics, undefined);
    const rule = composeRules.find((r) => r.id === 'compose/undefined-network')!;
    const learn = actions.find((a) => a.kind === LEARN_WHY_KIND && a.diagnostics?.some((x) => x.code === 'compose/undefined-network'));
    assert.ok(learn, actions.map((a) => a.title).join(' | '));
    assert.deepStrictEqual(learn.command?.arguments, [rule.explain.cardId]);
    assert.strictEqual(learn.edit, undefined);
    const own = actions.findIndex((a) => a.edit && a.diagnostics?.some((x) => x.code === 'compose/undefined-network'));
    assert.ok(own >= 0 && own < actions.indexOf(learn), 'the rule\'s own fix comes first');
    const onlyLearn = service.codeActions(d, 'compose', everything, diagnostics, [LEARN_WHY_KIND]);
    assert.ok(onlyLearn.length > 0 && onlyLearn.every((a) => a.kind === LEARN_WHY_KIND));
    assert.deepStrictEqual(service.codeActions(d, 'compose', everything, diagnostics, ['refactor']), []);
  });
});
