import type { Flag, Heredoc, Property } from 'dockerfile-ast';
import type { Hover, Position, Range } from 'vscode-languageserver-types';
import {
  buildCheckDoc, conceptDoc, directiveDoc, flagDoc, flagSet, instructionDoc, mountOptionDoc, mountTypeDoc, subcommandDoc,
} from './docs';
import type { DocEntry, LayerEffect, ValueDoc } from './docsTypes';
import { parseImageRef } from './imageRef';
import { ruleCards } from '../../generated/ruleCards';
import { dockerfileRules } from './rules';
import { BUILDKIT_DOCS } from './rules/types';
import type { CardRef } from '../content/hoverCards';
import { flagCards, instructionCards, studyDeckSection } from '../content/hoverCards';
import type { DirectiveInfo, DockerfileModel, Instr, Stage } from './model';
import { positionInRange } from './model';
import type { Resolution, VarDecl } from './variables';
import { PLATFORM_ARGS, PROXY_ARGS, variablesOf } from './variables';

/**
 * Hover for the token under the cursor: instruction keyword, flag, `--mount` option, parser
 * directive, variable, ARG/ENV name, stage name, image reference or heredoc delimiter.
 * Works on the cached model: one binary search for the instruction, then only that
 * instruction's tokens are looked at.
 */
export function dockerfileHover(model: DockerfileModel, position: Position): Hover | null {
  try {
    return hoverAt(model, position);
  } catch {
    // Hover is a nicety: odd input must never turn into an error in the editor.
    return null;
  }
}

function hoverAt(model: DockerfileModel, pos: Position): Hover | null {
  const last = model.directives[model.directives.length - 1];
  if (last && pos.line <= last.range.end.line) {
    for (const d of model.directives) if (positionInRange(pos, d.range)) return directiveHover(d, pos, model);
  }
  const instr = model.instructionAtLine(pos.line);
  if (!instr) return null;
  const trigger = instr.onbuildTrigger;
  if (trigger && !positionInRange(pos, instr.keywordRange) && before(trigger.keywordRange.start, pos)) {
    return instructionHover(model, trigger, pos, true);
  }
  return instructionHover(model, instr, pos, false);
}

// ---------------------------------------------------------------------------------------------
// Markdown helpers

const md = (value: string, range: Range): Hover => ({ contents: { kind: 'markdown', value }, range });

/** Card choices, best first: a docs entry's `cards`, then the deck's own links. */
type CardChoice = readonly (CardRef | readonly CardRef[] | undefined)[];

/** `md` with the "From the study deck" section under the reference text. */
function mdWithCards(value: string, range: Range, cards: CardChoice): Hover {
  const deck = studyDeckSection(cards.filter((c) => c !== undefined));
  return md(deck ? `${value}\n\n${deck}` : value, range);
}

/** The card behind each BuildKit check, by check name, for hovers on `# check=skip=…` names. */
const checkCards = new Map<string, string>();
for (const r of dockerfileRules) for (const a of r.aliases) if (r.explain.cardId) checkCards.set(a, r.explain.cardId);

/** A check's card: its registered rule's, else the map's entry for the id BuildKit checks get (`dockerfile/<kebab-name>`). */
function checkCard(name: string): string | undefined {
  return checkCards.get(name) ?? ruleCards[name] ?? ruleCards[`dockerfile/${kebab(name)}`];
}

const kebab = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z])([A-Z][a-z])/g, '$1-$2').toLowerCase();
const code = (s: string): string => {
  const clipped = s.length > 80 ? s.slice(0, 77) + '…' : s;
  const ticks = clipped.includes('`') ? '``' : '`';
  return `${ticks}${ticks.length > 1 ? ' ' : ''}${clipped}${ticks.length > 1 ? ' ' : ''}${ticks}`;
};
const link = (label: string, url: string): string => `[${label}](${url})`;

const LAYER_NOTE: Record<LayerEffect, string> = {
  filesystem: '*Image:* adds a filesystem layer (and a build-cache step).',
  metadata: '*Image:* changes only the image configuration (metadata), no filesystem layer.',
  'build-only': '*Image:* exists only during the build; nothing is stored in the image config.',
  'new-stage': '*Image:* starts a new stage from the base image\'s layers.',
};

interface RenderOptions {
  readonly before?: readonly string[];
  readonly after?: readonly string[];
  readonly syntax?: boolean;
  readonly pitfalls?: boolean;
  readonly linkLabel: string;
  /** Defaults to the entry's own `cards`. */
  readonly cards?: CardChoice;
}

/** Title line, summary, syntax, body, extra lines, pitfalls, link: the shape every hover shares. */
function render(title: string, doc: DocEntry, o: RenderOptions): string {
  const parts: string[] = [`${title} — ${doc.summary}`];
  if (o.before) parts.push(...o.before);
  if (o.syntax !== false && doc.syntax?.length) parts.push('```dockerfile\n' + doc.syntax.join('\n') + '\n```');
  if (doc.body) parts.push(...doc.body);
  if (o.after) parts.push(...o.after);
  if (o.pitfalls !== false && doc.pitfalls?.length) parts.push('**Watch out**\n' + doc.pitfalls.map((p) => `- ${p}`).join('\n'));
  parts.push(link(o.linkLabel, doc.link));
  const deck = studyDeckSection((o.cards ?? [doc.cards]).filter((c) => c !== undefined));
  if (deck) parts.push(deck);
  return parts.join('\n\n');
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function textOf(model: DockerfileModel, r: Range): string {
  return model.text.slice(model.document.offsetAt(r.start), model.document.offsetAt(r.end));
}

const lineNo = (i: Instr | undefined): number => (i ? i.range.start.line + 1 : 0);

// ---------------------------------------------------------------------------------------------
// Instructions and their tokens

function instructionHover(model: DockerfileModel, instr: Instr, pos: Position, viaOnbuild: boolean): Hover | null {
  if (positionInRange(pos, instr.keywordRange)) return keywordHover(instr, viaOnbuild);

  const line = model.lineText(pos.line);
  // dockerfile-ast's heredoc getter costs a re-scan of the instruction: only ask on lines that can hold one.
  if (instr.keyword !== 'FROM' && (line.includes('<<') || /^\s*["']?[A-Za-z0-9_.-]+["']?\s*$/.test(line))) {
    for (const h of instr.heredocs) {
      const end = h.getDelimiterRange();
      if (positionInRange(pos, h.getStartRange())) return heredocHover(model, instr, h, h.getStartRange());
      if (end && positionInRange(pos, end)) return heredocHover(model, instr, h, end);
    }
  }

  // In FROM, a variable inside the image name is explained by the image hover, which resolves it.
  const image = instr.keyword === 'FROM' ? (instr.node as unknown as FromNode).getImageRange() : null;
  if (!(image && positionInRange(pos, image)) && !/^\s*#/.test(line)) {
    const v = variableAt(line, pos.character, model.escapeChar);
    if (v) return variableHover(model, instr, v, { start: { line: pos.line, character: v.start }, end: { line: pos.line, character: v.end } });
  }

  for (const f of instr.flags) {
    const nameEnd = f.getNameRange().end;
    const nameRange: Range = { start: f.getRange().start, end: nameEnd };
    if (positionInRange(pos, nameRange)) return flagHover(instr, f, nameRange);
    const vr = f.getValueRange();
    if (vr && positionInRange(pos, vr)) return flagValueHover(model, instr, f, vr, pos);
  }

  switch (instr.keyword) {
    case 'ARG':
    case 'ENV':
      for (const p of properties(instr)) {
        if (positionInRange(pos, p.getNameRange())) return declarationHover(model, instr, p);
      }
      return null;
    case 'FROM':
      return fromHover(model, instr, pos);
    case 'HEALTHCHECK': {
      const sub = healthcheckSubcommand(model, instr);
      if (sub && positionInRange(pos, sub.range)) {
        const doc = subcommandDoc('HEALTHCHECK', sub.value);
        if (doc) return md(render(`**HEALTHCHECK ${doc.subcommand}**`, doc, { linkLabel: 'Dockerfile reference: HEALTHCHECK', cards: [doc.cards, instructionDoc('HEALTHCHECK')?.cards, instructionCards('HEALTHCHECK')] }), sub.range);
      }
      return null;
    }
    default:
      return null;
  }
}

interface VarToken {
  readonly name: string;
  /** As written: `$X`, `${X}`, `${X:-word}`. */
  readonly raw: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Every `$NAME` / `${...}` in a piece of text, skipping escaped dollars. A plain scan of one line
 * is far cheaper than dockerfile-ast's `getVariables()`, which re-reads the whole document.
 */
function scanVariables(text: string, escapeChar: string): VarToken[] {
  const out: VarToken[] = [];
  for (let i = text.indexOf('$'); i >= 0 && i < text.length; i = text.indexOf('$', i + 1)) {
    if (i > 0 && text[i - 1] === escapeChar) continue;
    let end: number;
    let name: string | undefined;
    if (text[i + 1] === '{') {
      const close = text.indexOf('}', i + 2);
      end = close < 0 ? text.length : close + 1;
      name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 2, end))?.[0];
    } else {
      name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1))?.[0];
      end = i + 1 + (name?.length ?? 0);
    }
    if (name) out.push({ name, raw: text.slice(i, end), start: i, end });
    i = Math.max(i, end - 1);
  }
  return out;
}

function variableAt(line: string, character: number, escapeChar: string): VarToken | undefined {
  if (!line.includes('$')) return undefined;
  return scanVariables(line, escapeChar).find((v) => character >= v.start && character <= v.end);
}

function properties(instr: Instr): readonly Property[] {
  const n = instr.node as unknown as { getProperties?: () => Property[] };
  return typeof n.getProperties === 'function' ? n.getProperties() : [];
}

/** `CMD`/`NONE` after HEALTHCHECK's flags: the first argument that is not a flag. */
function healthcheckSubcommand(model: DockerfileModel, instr: Instr): { value: string; range: Range } | undefined {
  const start = instr.keywordRange.end;
  const lastFlag = instr.flags[instr.flags.length - 1];
  const from = lastFlag ? lastFlag.getRange().end : start;
  const line = model.lineText(from.line);
  const m = /^\s*(\S+)/.exec(line.slice(from.character));
  if (!m) return undefined;
  const s = from.character + m[0].length - m[1]!.length;
  return { value: m[1]!, range: { start: { line: from.line, character: s }, end: { line: from.line, character: s + m[1]!.length } } };
}

function keywordHover(instr: Instr, viaOnbuild: boolean): Hover | null {
  const doc = instructionDoc(instr.keyword);
  if (!doc) return null;
  const before: string[] = [];
  if (viaOnbuild) {
    before.push(`**Inside ONBUILD (line ${lineNo(instr.parent)}):** this ${doc.keyword} does not run in this build. It is stored in the image and runs first in any build that starts \`FROM\` this image.`);
  }
  const layers = conceptDoc('concept.layers');
  const after = [LAYER_NOTE[doc.layer] + (layers && doc.layer === 'filesystem' ? ` ${link('How layers and the cache work', layers.link)}` : '')];
  if ((doc.keyword === 'CMD' || doc.keyword === 'ENTRYPOINT' || doc.keyword === 'RUN') && instr.argsText !== null) {
    after.push(instr.isJsonForm
      ? '*Written here in exec form:* no shell is started and `$VARS` stay literal.'
      : /^\s*<<-?["']?[A-Za-z_]/.test(instr.argsText.replace(/^(\s*--\S+)+/, '')) ? '*Written here with a heredoc:* the body runs as a script.' : '*Written here in shell form:* runs through `/bin/sh -c` (or the `SHELL` in effect).');
  }
  return md(render(`**${doc.keyword}**`, doc, { before, after, linkLabel: `Dockerfile reference: ${doc.keyword}`, cards: [doc.cards, instructionCards(doc.keyword)] }), instr.keywordRange);
}

// ---------------------------------------------------------------------------------------------
// Flags and --mount options

function flagHover(instr: Instr, f: Flag, range: Range): Hover | null {
  const name = '--' + f.getName();
  const doc = flagDoc(instr.keyword, name);
  if (doc) {
    const after = doc.values?.length ? ['Values: ' + doc.values.map((v) => code(v.value)).join(', ')] : [];
    return md(render(`**${instr.keyword} ${name}**`, doc, { after, linkLabel: `Dockerfile reference: ${instr.keyword} ${name}`, cards: [doc.cards, flagCards(instr.keyword, name)] }), range);
  }
  const known = flagSet(instr.keyword);
  if (!instructionDoc(instr.keyword)) return null;
  const list = known.length ? `It accepts ${known.map(code).join(', ')}.` : `It takes no flags.`;
  return md(`**${name}** — not a flag of \`${instr.keyword}\`, so the build stops here. ${list}`, range);
}

function valueHover(title: string, v: ValueDoc, url: string, range: Range, cards: CardChoice): Hover {
  return mdWithCards([`${title} — ${v.summary}`, link('Dockerfile reference', url)].join('\n\n'), range, [v.cards, ...cards]);
}

function flagValueHover(model: DockerfileModel, instr: Instr, f: Flag, vr: Range, pos: Position): Hover | null {
  const name = f.getName().toLowerCase();
  const value = f.getValue() ?? '';
  if (instr.keyword === 'RUN' && name === 'mount') return mountHover(model, instr, f, pos);
  if ((instr.keyword === 'COPY' && name === 'from')) return fromRefHover(model, instr, value, vr, 'COPY --from');
  const doc = flagDoc(instr.keyword, name);
  if (!doc) return null;
  const v = doc.values?.find((x) => x.value === value.toLowerCase());
  if (v) return valueHover(`**${instr.keyword} --${name}=${v.value}**`, v, doc.link, vr, [doc.cards, flagCards(instr.keyword, name, v.value), flagCards(instr.keyword, name)]);
  return flagHover(instr, f, vr);
}

/** `COPY --from=x` / `--mount=from=x`: a stage (by name or index), else an image or named context. */
function fromRefHover(model: DockerfileModel, instr: Instr, value: string, range: Range, where: string): Hover | null {
  if (!value) return null;
  const numeric = /^\d+$/.test(value);
  const stage = numeric ? model.stages[Number(value)] : model.stageByName(value);
  const host = instr.parent ?? instr;
  if (stage && stage === host.stage) {
    return md(`**Stage ${stageLabel(stage)}** is the stage this instruction belongs to; a stage cannot read from itself, so the build fails.`, range);
  }
  if (stage && stage.from.index < host.index) {
    const note = numeric ? `Refers to stage number ${value} (counting from 0): a name given with \`AS\` survives reordering, a number does not.` : undefined;
    return stageHover(model, stage, range, note ? [note] : []);
  }
  if (stage) {
    return md(`**Stage ${stageLabel(stage)}** (line ${lineNo(stage.from)}) is defined after this ${where}; only earlier stages can be used here.`, range);
  }
  const note = `Not a stage of this Dockerfile, so ${where} treats it as an image (pulled from its registry) or a named context passed with \`--build-context ${value}=…\`.`;
  return imageHover(model, value, range, [note]);
}

function mountHover(model: DockerfileModel, instr: Instr, f: Flag, pos: Position): Hover | null {
  const options = f.getOptions();
  const typeOpt = options.find((o) => o.getName().toLowerCase() === 'type');
  const type = (typeOpt?.getValue() ?? 'bind').toLowerCase();
  for (const o of options) {
    const nr = o.getNameRange();
    const vr = o.getValueRange();
    const onName = positionInRange(pos, nr);
    const onValue = !!vr && positionInRange(pos, vr);
    if (!onName && !onValue) continue;
    const optName = o.getName().toLowerCase();
    const range = onValue && vr ? vr : nr;
    if (optName === 'type') {
      const tdoc = mountTypeDoc(type);
      if (!tdoc) return md(`**type=${o.getValue() ?? ''}** — not a mount type, so the build stops here. Types: \`bind\` (default), \`cache\`, \`tmpfs\`, \`secret\`, \`ssh\`.`, range);
      const optionList = 'Options: ' + tdoc.options.map((x) => code(x.names[0]!)).join(', ');
      return md(render(`**--mount type=${tdoc.type}**`, tdoc, { after: [optionList], linkLabel: `Dockerfile reference: RUN --mount=type=${tdoc.type}`, cards: mountCards(tdoc.type) }), range);
    }
    if (optName === 'from' && onValue && vr) {
      const h = fromRefHover(model, instr, o.getValue() ?? '', vr, 'the mount');
      if (h) return h;
    }
    const odoc = mountOptionDoc(type, optName);
    if (!odoc) {
      const tdoc = mountTypeDoc(type);
      const list = tdoc ? tdoc.options.map((x) => code(x.names[0]!)).join(', ') : '';
      return md(`**${optName}** — not an option of \`type=${type}\` mounts, so the build stops here.${list ? ` Options: ${list}.` : ''}`, range);
    }
    const val = (o.getValue() ?? '').toLowerCase();
    const v = onValue ? odoc.values?.find((x) => x.value === val) : undefined;
    if (v) return valueHover(`**${odoc.names[0]}=${v.value}** (\`type=${type}\` mount)`, v, odoc.link, range, [odoc.cards, ...mountCards(type)]);
    const aliases = odoc.names.length > 1 ? [`Also spelled ${odoc.names.slice(1).map(code).join(', ')}.`] : [];
    const values = odoc.values?.length ? ['Values:' + odoc.values.map((x) => `\n- ${code(x.value)}: ${x.summary}`).join('')] : [];
    return md(render(`**${odoc.names[0]}** (\`type=${type}\` mount)`, odoc, { after: [...aliases, ...values], linkLabel: `Dockerfile reference: RUN --mount=type=${type}`, cards: [odoc.cards, ...mountCards(type)] }), range);
  }
  // Between options (a comma): explain the mount type in effect.
  const tdoc = mountTypeDoc(type);
  const vr = f.getValueRange();
  return tdoc && vr ? md(render(`**--mount type=${tdoc.type}**`, tdoc, { linkLabel: `Dockerfile reference: RUN --mount=type=${tdoc.type}`, cards: mountCards(tdoc.type) }), vr) : null;
}

/** A mount type's cards, then the deck's `RUN --mount=<type>` links; the general `--mount` cards only when neither has one. */
function mountCards(type: string): CardChoice {
  const own = mountTypeDoc(type)?.cards ?? [];
  const linked = flagCards('RUN', 'mount', type);
  return own.length || linked.length ? [own, linked] : [flagDoc('RUN', '--mount')?.cards, flagCards('RUN', 'mount')];
}

// ---------------------------------------------------------------------------------------------
// Parser directives

function directiveHover(d: DirectiveInfo, pos: Position, model: DockerfileModel): Hover | null {
  const onName = positionInRange(pos, d.nameRange);
  const onValue = positionInRange(pos, d.valueRange);
  if (!onName && !onValue) return null;
  const doc = directiveDoc(d.name);
  if (!doc) {
    // BuildKit ignores unknown directives: the line is just a comment. Only say so when it looks like one.
    if (!onName || !/^\s*#\s*[A-Za-z][A-Za-z0-9]*\s*=/.test(model.lineText(d.nameRange.start.line))) return null;
    return md(`**# ${d.name}=** — not a parser directive BuildKit knows (\`syntax\`, \`escape\`, \`check\`), so the line is an ordinary comment.`, d.nameRange);
  }
  if (d.name === 'check' && positionInRange(pos, d.valueRange)) {
    const h = checkValueHover(d, pos, model, doc.link);
    if (h) return h;
  }
  const range = onValue ? d.valueRange : d.nameRange;
  const after = doc.options?.length ? ['Options:' + doc.options.map((o) => `\n- ${code(o.value)}: ${o.summary}`).join('')] : [];
  if (d.name === 'check') {
    const named = checkNames(d.value).slice(0, 6).map((n) => {
      const c = buildCheckDoc(n);
      if (n.toLowerCase() === 'all') return `\n- \`all\`: every check`;
      if (!c) return `\n- \`${n}\`: not a check BuildKit knows`;
      return `\n- \`${c.name}\`: ${c.summary}${c.name !== n ? ' (names are case-sensitive)' : ''}`;
    });
    if (named.length) after.unshift('Named here:' + named.join(''));
  }
  return md(render(`**# ${doc.name}=**`, doc, { after, linkLabel: `Dockerfile reference: ${doc.name}` }), range);
}

/** The check names listed after `skip=` / `experimental=` in a `check` directive value. */
function checkNames(value: string): string[] {
  const out: string[] = [];
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    if (key !== 'skip' && key !== 'experimental') continue;
    for (const n of part.slice(eq + 1).split(',')) if (n.trim()) out.push(n.trim());
  }
  return out;
}

/** On a `check=` value: explain the option key or the check name under the cursor. */
function checkValueHover(d: DirectiveInfo, pos: Position, model: DockerfileModel, url: string): Hover | null {
  if (d.valueRange.start.line !== pos.line) return null;
  const value = textOf(model, d.valueRange);
  const at = pos.character - d.valueRange.start.character;
  const isSep = (c: string | undefined) => c === undefined || c === ';' || c === ',' || c === '=' || c === ' ';
  let s = Math.min(at, value.length);
  let e = s;
  while (s > 0 && !isSep(value[s - 1])) s--;
  while (e < value.length && !isSep(value[e])) e++;
  const word = value.slice(s, e);
  if (!word) return null;
  const range: Range = {
    start: { line: pos.line, character: d.valueRange.start.character + s },
    end: { line: pos.line, character: d.valueRange.start.character + e },
  };
  const isKey = value[e] === '=';
  const option = directiveDoc('check')?.options?.find((o) => o.value === word.toLowerCase());
  if (isKey && option) return valueHover(`**check ${option.value}=**`, option, url, range, [directiveDoc('check')?.cards]);
  if (word.toLowerCase() === 'all') return md(`**all** — every check (or every experimental check, after \`experimental=\`).\n\n${link('Build checks', 'https://docs.docker.com/reference/build-checks/')}`, range);
  if (/^(true|false|1|0)$/i.test(word)) return null;
  const check = buildCheckDoc(word);
  if (!check) return md(`**${word}** — not a build check name BuildKit knows; check names are case-sensitive, e.g. \`JSONArgsRecommended\`.\n\n${link('Build checks', 'https://docs.docker.com/reference/build-checks/')}`, range);
  const casing = check.name !== word ? [`Check names are case-sensitive: write \`${check.name}\`, or BuildKit will not recognise it.`] : [];
  return mdWithCards([`**${check.name}** (build check) — ${check.summary}`, ...casing, link(`Build check: ${check.name}`, BUILDKIT_DOCS(check.name))].join('\n\n'), range, [checkCard(check.name)]);
}

// ---------------------------------------------------------------------------------------------
// Variables

const MODIFIERS: Record<string, string> = {
  ':-': 'uses the text after `:-` when the variable is unset or empty',
  '-': 'uses the text after `-` only when the variable is unset (an empty value is kept)',
  ':+': 'gives the text after `:+` when the variable is set and not empty, otherwise nothing',
  '+': 'gives the text after `+` when the variable is set (even empty), otherwise nothing',
  ':?': 'stops the build with the text after `:?` as the error when the variable is unset or empty',
  '?': 'stops the build with the text after `?` as the error when the variable is unset',
};

function parseModifier(raw: string): { modifier: string; word: string } | undefined {
  const m = /^\$\{[A-Za-z_][A-Za-z0-9_]*(:?[-+?])([\s\S]*)\}$/.exec(raw);
  return m ? { modifier: m[1]!, word: m[2]! } : undefined;
}

/** Where a declaration comes from, in one sentence. */
function describeDecl(model: DockerfileModel, d: VarDecl, res: Resolution): string {
  const at = `line ${lineNo(d.instr)}`;
  const value = d.value === undefined ? undefined : code(d.value);
  if (d.kind === 'builtin') {
    return PROXY_ARGS.has(d.name)
      ? `Predefined proxy ARG: no declaration needed; set it with \`--build-arg ${d.name}=…\`. Proxy values are kept out of the image history.`
      : `Set automatically by the builder: ${d.builtinNote?.replace(/^set by the builder: /, '') ?? 'a platform value'}.`;
  }
  if (d.kind === 'ENV') {
    const stage = d.instr?.stage;
    if (res.inheritedFrom) {
      return `ENV ${value ?? ''} inherited from stage ${stageLabel(res.inheritedFrom)} (set on ${at}): a stage built \`FROM\` another stage keeps its ENV.`;
    }
    return `ENV set on ${at}${stage ? ` in stage ${stageLabel(stage)}` : ''}: ${value ?? 'empty'}.`;
  }
  if (d.global) {
    return `Global ARG declared on ${at}, ${value ? `default ${value}` : 'no default'}; \`--build-arg ${d.name}=…\` overrides it.`;
  }
  if (d.fromGlobal) {
    return `ARG re-declared on ${at} without a value, so it takes the global default ${value ?? '(none)'} from line ${lineNo(d.fromGlobal.instr)}.`;
  }
  if (d.builtinNote) return `Declared on ${at} with \`ARG ${d.name}\`; the builder fills it in: ${d.builtinNote.replace(/^set by the builder: /, '')}.`;
  void model;
  return value
    ? `ARG declared on ${at}, default ${value}; \`--build-arg ${d.name}=…\` overrides it.`
    : `ARG declared on ${at} without a default: empty unless the build passes \`--build-arg ${d.name}=…\`.`;
}

function stageLabel(s: Stage): string {
  return s.name ? `\`${s.name}\`` : `#${s.index}`;
}

function variableHover(model: DockerfileModel, instr: Instr, v: VarToken, range: Range): Hover {
  const raw = v.raw;
  const name = v.name;
  const res = variablesOf(model).resolve(instr, name);
  const parts: string[] = [];
  const host = instr.parent ?? instr;
  let value: string | undefined;
  let set = false;
  if (res.decl) {
    parts.push(describeDecl(model, res.decl, res));
    value = res.decl.value;
    set = res.decl.kind === 'builtin' || res.decl.value !== undefined;
  } else if (res.hiddenGlobal) {
    const g = res.hiddenGlobal;
    parts.push(`**Not set here.** \`${name}\` is a global ARG (line ${lineNo(g.instr)}${g.value !== undefined ? `, default ${code(g.value)}` : ''}), but global ARGs are visible only in FROM lines until re-declared with \`ARG ${name}\` in the stage. Add \`ARG ${name}\` to this stage above line ${lineNo(host)}.`);
  } else if (PLATFORM_ARGS.has(name) && host.keyword !== 'FROM') {
    parts.push(`**Not set here.** \`${name}\` is provided by the builder in the global scope only: inside a stage write \`ARG ${name}\` (no value) before using it. It means: ${PLATFORM_ARGS.get(name)!}.`);
  } else if (host.keyword === 'FROM') {
    parts.push(PLATFORM_ARGS.has(name) ? `Set by the builder.` : `No global ARG \`${name}\` is declared above: FROM lines only see ARGs declared before the first FROM, so this expands to an empty string.`);
  } else {
    const shell = (instr.keyword === 'RUN' || instr.keyword === 'CMD' || instr.keyword === 'ENTRYPOINT') && !instr.isJsonForm;
    parts.push(shell
      ? `Not an ARG or ENV of this Dockerfile before line ${lineNo(host)}. The shell expands it, so it is probably a shell variable set earlier in the command, or comes from the base image's environment (like \`PATH\`); otherwise it is empty.`
      : `Not declared by any ARG or ENV before line ${lineNo(host)}. Unless the base image sets it as ENV (like \`PATH\` or \`HOME\`), it is empty.`);
  }

  const mod = parseModifier(raw);
  if (mod) {
    const meaning = MODIFIERS[mod.modifier];
    if (meaning) parts.push(`\`${mod.modifier}\` ${meaning}.`);
    const effective = expand(mod.modifier, mod.word, set, value);
    if (effective !== undefined) parts.push(`With the values written in this file it becomes ${effective === '' ? 'empty' : code(effective)}.`);
  }

  const kw = host.keyword;
  const viaShell = (kw === 'RUN' || kw === 'CMD' || kw === 'ENTRYPOINT' || instr.keyword === 'RUN' || instr.keyword === 'CMD' || instr.keyword === 'ENTRYPOINT');
  const k = instr.keyword;
  if (viaShell && instr.isJsonForm) {
    parts.push(`Exec form runs no shell, so \`$${name}\` is passed on literally; use \`["sh", "-c", "… $${name}"]\` if it must expand.`);
  } else if (k === 'CMD' || k === 'ENTRYPOINT') {
    parts.push(res.decl?.kind === 'ARG'
      ? `**Careful:** the shell expands this when the container starts, and ARGs no longer exist then. Copy it into an ENV (\`ENV ${name}=$${name}\`) if the container needs it.`
      : 'Expanded by the shell when the container starts: only ENV values (and `docker run -e`) exist then.');
  } else if (k === 'RUN' && res.decl) {
    parts.push('Expanded by the shell while this step runs; ARG and ENV values are both in its environment.');
  }

  const title = `**\`$${name}\`** (${res.decl ? (res.decl.kind === 'builtin' ? 'builder ARG' : res.decl.kind) : 'variable'})`;
  const concept = conceptDoc(res.hiddenGlobal ? 'concept.global-arg' : PLATFORM_ARGS.has(name) ? 'concept.platform-args' : 'concept.variables');
  if (concept) parts.push(link(concept.title, concept.link));
  return mdWithCards([title, ...parts].join('\n\n'), range, [concept?.cards]);
}

/** The value after a modifier, when everything is known; undefined when it depends on build args. */
function expand(modifier: string, word: string, set: boolean, value: string | undefined): string | undefined {
  if (word.includes('$')) return undefined;
  const empty = !value;
  switch (modifier) {
    case ':-': return set && !empty ? value : word;
    case '-': return set ? (value ?? '') : word;
    case ':+': return set && !empty ? word : '';
    case '+': return set ? word : '';
    default: return undefined;
  }
}

/** Hover on the NAME of `ARG NAME=…` / `ENV NAME=…`: its value and scope. */
function declarationHover(model: DockerfileModel, instr: Instr, p: Property): Hover {
  const name = p.getName();
  const value = p.getValue();
  const parts: string[] = [];
  const table = variablesOf(model);
  const stage = instr.stage;
  if (instr.keyword === 'ARG') {
    if (!stage) {
      parts.push(`Global ARG${value !== null ? `, default ${code(value)}` : ' without a default'}. Global ARGs are visible only in FROM lines until re-declared with \`ARG ${name}\` in the stage.`);
    } else {
      if (value !== null) parts.push(`Default ${code(value)}; \`docker build --build-arg ${name}=…\` overrides it.`);
      else {
        const g = table.globals.get(name);
        if (g) parts.push(`No value here, so it takes the global default ${g.value !== undefined ? code(g.value) : '(none)'} declared on line ${lineNo(g.instr)}.`);
        else if (PLATFORM_ARGS.has(name)) parts.push(`Filled in by the builder: ${PLATFORM_ARGS.get(name)!}.`);
        else parts.push(`No default: empty unless the build passes \`--build-arg ${name}=…\`.`);
      }
      parts.push(`Visible from the next line to the end of stage ${stageLabel(stage)}. Build-time only: containers do not see it.`);
    }
  } else {
    parts.push(`Value ${value !== null ? code(value) : 'empty'}. Visible to the rest of stage ${stage ? stageLabel(stage) : ''}, to stages built \`FROM\` it, and inside every container started from the image.`);
    const prev = table.resolve(instr, name).decl;
    if (prev && prev.kind !== 'builtin') parts.push(`Replaces the ${prev.kind} value from line ${lineNo(prev.instr)}.`);
  }
  const secret = /(^|_)(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_KEY|CREDENTIALS?)($|_)/i.test(name);
  if (secret) {
    parts.push(`**Looks like a secret:** ${instr.keyword} values are readable in the image or its history. Use \`RUN --mount=type=secret\` instead.`);
  }
  const doc = instructionDoc(instr.keyword)!;
  parts.push(link(`Dockerfile reference: ${instr.keyword}`, doc.link));
  const scope = conceptDoc(instr.keyword === 'ARG' && !stage ? 'concept.global-arg' : 'concept.variables');
  return mdWithCards([`**${instr.keyword} \`${name}\`**`, ...parts].join('\n\n'), p.getNameRange(),
    [secret ? mountTypeDoc('secret')?.cards : undefined, doc.cards, scope?.cards]);
}

// ---------------------------------------------------------------------------------------------
// FROM: stage names and image references

interface FromNode {
  getImageRange(): Range | null;
  getBuildStageRange(): Range | null;
}

function fromHover(model: DockerfileModel, instr: Instr, pos: Position): Hover | null {
  const node = instr.node as unknown as FromNode;
  const stageRange = node.getBuildStageRange();
  if (stageRange && positionInRange(pos, stageRange) && instr.stage) return stageHover(model, instr.stage, stageRange, []);
  const imageRange = node.getImageRange();
  if (!imageRange || !positionInRange(pos, imageRange)) return null;
  const raw = textOf(model, imageRange);
  const parent = instr.stage ? variablesOf(model).parentStage(instr.stage) : undefined;
  if (parent) return stageHover(model, parent, imageRange, [`This stage continues from it: its files, ENV and other settings carry over.`]);
  if (!raw.includes('$')) return imageHover(model, raw, imageRange, []);

  const { resolved, notes, unknown } = resolveImage(model, instr, raw);
  if (unknown && !parseImageRef(resolved)) {
    return md([`**Image ${code(raw)}**`, ...notes, link('Understand how ARG and FROM interact', 'https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact')].join('\n\n'), imageRange);
  }
  const stage = model.stageByName(resolved);
  if (stage && instr.stage && stage.index < instr.stage.index) return stageHover(model, stage, imageRange, notes);
  return imageHover(model, resolved, imageRange, notes, raw);
}

/** A FROM image with its variables replaced by the global ARG defaults, as the builder does without --build-arg. */
function resolveImage(model: DockerfileModel, instr: Instr, raw: string): { resolved: string; notes: string[]; unknown: boolean } {
  const notes: string[] = [];
  let resolved = '';
  let last = 0;
  let unknown = false;
  for (const v of scanVariables(raw, model.escapeChar)) {
    const s = v.start;
    const e = v.end;
    const vname = v.name;
    const res = variablesOf(model).resolve(instr, vname);
    const mod = parseModifier(raw.slice(s, e));
    const set = res.decl !== undefined && (res.decl.value !== undefined);
    let val: string | undefined = res.decl?.value;
    if (mod) val = mod.modifier.includes('?') ? (set ? val : undefined) : expand(mod.modifier, mod.word, set, val);
    if (val === undefined && res.decl?.kind === 'builtin') {
      unknown = true;
      notes.push(`\`${vname}\` is set by the builder for each build: ${res.decl.builtinNote?.replace(/^set by the builder: /, '') ?? 'a platform value'}.`);
      val = '';
    } else if (val === undefined) {
      unknown = true;
      notes.push(`\`${vname}\` has no default${res.decl ? '' : ' (no global ARG declares it)'}: the image is only known once the build passes \`--build-arg ${vname}=…\`.`);
      val = '';
    } else {
      notes.push(`\`${vname}\` → ${code(val)}${res.decl?.instr ? ` (global ARG, line ${lineNo(res.decl.instr)})` : ' (the fallback written here)'}; \`--build-arg ${vname}=…\` can change it.`);
    }
    resolved += raw.slice(last, s) + val;
    last = e;
  }
  resolved += raw.slice(last);
  return { resolved, notes, unknown };
}

function stageHover(model: DockerfileModel, stage: Stage, range: Range, notes: readonly string[]): Hover {
  const base = (stage.from.node as unknown as FromNode).getImageRange();
  const baseText = base ? textOf(model, base) : '';
  const parent = variablesOf(model).parentStage(stage);
  let built = parent ? `built from stage ${stageLabel(parent)} (line ${lineNo(parent.from)})` : baseText ? `built from ${code(baseText)}` : 'with no base image';
  if (!parent && baseText.includes('$')) {
    const r = resolveImage(model, stage.from, baseText);
    if (!r.unknown) built += ` (${code(r.resolved)} with the ARG defaults)`;
  }
  const concept = conceptDoc('concept.stage');
  const parts = [
    `**Stage ${stage.name ? code(stage.name) : `#${stage.index}`}** (line ${lineNo(stage.from)}), ${built}.`,
    ...notes,
    `Use it later with \`FROM ${stage.name ?? stage.index}\`, \`COPY --from=${stage.name ?? stage.index}\` or \`RUN --mount=from=${stage.name ?? stage.index}\`; only the stages the target needs are built.`,
  ];
  if (concept) parts.push(link(concept.title, concept.link));
  return mdWithCards(parts.join('\n\n'), range, [concept?.cards]);
}

function imageHover(model: DockerfileModel, ref: string, range: Range, notes: readonly string[], written?: string): Hover | null {
  void model;
  if (ref.toLowerCase() === 'scratch') {
    const c = conceptDoc('concept.scratch');
    return c ? mdWithCards([`**\`scratch\`** — ${c.summary}`, ...notes, ...(c.body ?? []), link(c.title, c.link)].join('\n\n'), range, [c.cards]) : null;
  }
  const img = parseImageRef(ref);
  if (!img) return null;
  const bullets: string[] = [];
  bullets.push(img.registry
    ? `Registry: ${code(img.registry)}${img.dockerHub ? ' (Docker Hub)' : ''}`
    : 'Registry: none given, so Docker Hub (`docker.io`)');
  const repo = (img.namespace ? img.namespace + '/' : '') + img.repository;
  bullets.push(img.official
    ? `Repository: ${code(repo)}, a Docker Hub official image (\`library/${img.repository}\`)`
    : `Repository: ${code(repo)}${img.namespace ? ` (namespace ${code(img.namespace)})` : ''}`);
  if (img.tag) bullets.push(`Tag: ${code(img.tag)}, a label the publisher can move to new content`);
  if (img.digest) bullets.push(`Digest: ${code(img.digest.length > 23 ? img.digest.slice(0, 19) + '…' : img.digest)}, the exact content, which can never change`);

  const parts = [`**Image ${code(written ?? ref)}**${written && written !== ref ? ` → ${code(ref)}` : ''}`, ...notes, bullets.map((b) => `- ${b}`).join('\n')];
  // Cards follow what this reference teaches: the digest, the implicit or moving tag, then the reference itself.
  const cards: CardChoice[number][] = [];
  const say = (id: string) => {
    const c = conceptDoc(id);
    if (c) parts.push(c.summary + (c.body?.[0] ? ' ' + c.body[0] : ''));
    cards.push(c?.cards);
  };
  if (img.digest) say('concept.digest');
  else if (!img.tag) say('concept.untagged');
  else if (img.tag === 'latest') say('concept.latest-tag');
  else {
    parts.push('Tags can be re-pointed; add `@sha256:…` to pin the exact image for reproducible builds.');
    cards.push(conceptDoc('concept.tag')?.cards);
  }
  if (img.official) {
    const c = conceptDoc('concept.official-image');
    if (c) parts.push(c.summary);
  }
  parts.push('The image arrives as a stack of read-only layers; layers you already have from other images are reused, not downloaded again.');
  const c = conceptDoc('concept.image-reference');
  if (c) parts.push(link(c.title, c.link));
  cards.push(c?.cards);
  return mdWithCards(parts.join('\n\n'), range, cards);
}

// ---------------------------------------------------------------------------------------------
// Heredocs

function heredocHover(model: DockerfileModel, instr: Instr, h: Heredoc, range: Range): Hover | null {
  const c = conceptDoc('concept.heredoc');
  if (!c) return null;
  const start = textOf(model, h.getStartRange());
  const end = h.getDelimiterRange();
  const notes: string[] = [];
  notes.push(instr.keyword === 'RUN'
    ? `Here the lines up to ${code(h.getName())}${end ? ` (line ${end.start.line + 1})` : ''} run as one script in a single layer.`
    : `Here the lines up to ${code(h.getName())}${end ? ` (line ${end.start.line + 1})` : ''} become the content of a file.`);
  if (!end) notes.push(`**No closing ${code(h.getName())} line found:** the heredoc runs to the end of the file.`);
  const pitfalls = instr.keyword === 'RUN' ? (c.pitfalls ?? []).map((p) => `**Watch out:** ${p}`) : [];
  return mdWithCards([`**Heredoc \`${start}\`** — ${c.summary}`, ...notes, ...(c.body ?? []), ...pitfalls, link(c.title, c.link)].join('\n\n'), range, [c.cards, instructionCards(instr.keyword)]);
}
