import type { CompletionItem, CompletionList, Position, Range } from 'vscode-languageserver-types';
import { CompletionItemKind, CompletionItemTag, InsertTextFormat } from 'vscode-languageserver-types';
import { isBuildkitName, isHadolintId } from '../settings';
import { buildCheckDoc, flagDoc, instructionDoc, mountOptionDoc, mountTypeDoc, subcommandDoc } from './docs';
import type { DockerfileModel, Instr } from './model';
import { KEYWORDS } from './model';
import { dockerfileRules } from './rules';
import type { FlagSpec, MountType } from './rules/syntax/flagTables';
import { flagSpecs, MOUNT_OPTIONS, MOUNT_TYPES, mountOption, SIGNALS } from './rules/syntax/flagTables';
import { PLATFORM_ARGS, variablesOf } from './variables';
import { swallowed } from './swallowed';

/**
 * Context-aware completion on the cached model: only the line under the caret and the caret's
 * own instruction are read, so the cost does not grow with the file.
 */
export function dockerfileCompletion(model: DockerfileModel, position: Position): CompletionList {
  try {
    return { isIncomplete: false, items: complete(model, position) };
  } catch (err) {
    swallowed(err);
    // Completion is a nicety: odd input must never turn into an error in the editor.
    return { isIncomplete: false, items: [] };
  }
}

const EMPTY: CompletionItem[] = [];
const RETRIGGER = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

function complete(model: DockerfileModel, pos: Position): CompletionItem[] {
  if (pos.line < 0 || pos.line >= model.document.lineCount || pos.character < 0) return EMPTY;
  const line = model.lineText(pos.line);
  if (pos.character > line.length) return EMPTY;
  const prefix = line.slice(0, pos.character);
  const instr = model.instructionAtLine(pos.line);

  if (instr && pos.line > instr.range.start.line) {
    const body = heredocBodyAt(model, instr, pos);
    if (body === 'delimiter') return EMPTY;
    if (body === 'body') return variableItems(model, instr, prefix, line, pos) ?? EMPTY;
  }
  if (/^\s*#/.test(prefix) && (!instr || pos.line > instr.range.start.line)) return commentItems(model, prefix, pos, line);
  if (!instr || (pos.line === instr.keywordRange.start.line && pos.character <= instr.keywordRange.end.character)) {
    return /^\s*[A-Za-z]*$/.test(prefix) ? keywordItems(model, line, pos, false) : EMPTY;
  }

  // ONBUILD: complete the trigger keyword, then work on the trigger as if it stood alone.
  let target = instr;
  if (instr.keyword === 'ONBUILD') {
    const trigger = instr.onbuildTrigger;
    if (!trigger || !before(trigger.keywordRange.end, pos) || samePos(trigger.keywordRange.end, pos)) {
      const onbuild = /^\s*\S+\s+([A-Za-z]*)$/.exec(prefix);
      if (pos.line === instr.range.start.line && onbuild) return keywordItems(model, line, pos, true);
      if (!trigger) return EMPTY;
    }
    target = trigger;
  }
  return argumentItems(model, target, line, prefix, pos);
}

// ---------------------------------------------------------------------------------------------
// Helpers

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}
const samePos = (a: Position, b: Position): boolean => a.line === b.line && a.character === b.character;

/** The run of `word` characters around the caret, as the range an item replaces. */
function wordRange(line: string, pos: Position, word: RegExp): Range {
  let s = pos.character;
  while (s > 0 && word.test(line[s - 1]!)) s--;
  let e = pos.character;
  while (e < line.length && word.test(line[e]!)) e++;
  return { start: { line: pos.line, character: s }, end: { line: pos.line, character: e } };
}

/** From `typed` characters before the caret to the end of the token the caret is in (up to a `stop` character). */
function rangeFrom(pos: Position, typed: number, line = '', stop = /\s/): Range {
  let end = pos.character;
  while (end < line.length && !stop.test(line[end]!)) end++;
  return { start: { line: pos.line, character: pos.character - typed }, end: { line: pos.line, character: end } };
}

function item(label: string, kind: CompletionItemKind, range: Range, o: Partial<CompletionItem> & { insert?: string } = {}): CompletionItem {
  const { insert, ...rest } = o;
  return { label, kind, textEdit: { range, newText: insert ?? label }, ...rest };
}

/** `body` when the caret is on a heredoc's content lines, `delimiter` on its closing line. */
function heredocBodyAt(model: DockerfileModel, instr: Instr, pos: Position): 'body' | 'delimiter' | undefined {
  // The heredoc getter re-scans the instruction: only ask when the instruction can hold one.
  const text = model.text.slice(model.document.offsetAt(instr.range.start), model.document.offsetAt(instr.range.end));
  if (!text.includes('<<')) return undefined;
  for (const h of (instr.onbuildTrigger ?? instr).heredocs) {
    const end = h.getDelimiterRange();
    if (end && end.start.line === pos.line) return 'delimiter';
    const startLine = h.getStartRange().start.line;
    const endLine = end ? end.start.line : model.document.lineCount;
    if (pos.line > startLine && pos.line < endLine) return 'body';
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Instruction keywords

interface Snippet { readonly keyword: string; readonly label: string; readonly body: string }

/** Common whole-instruction forms, offered beside the bare keywords. */
const SNIPPETS: readonly Snippet[] = [
  { keyword: 'FROM', label: 'FROM image:tag AS name', body: 'FROM ${1:image}:${2:tag} AS ${3:name}' },
  { keyword: 'COPY', label: 'COPY --from=stage', body: 'COPY --from=${1:stage} ${2:/src} ${3:/dest}' },
  { keyword: 'RUN', label: 'RUN --mount=type=cache', body: 'RUN --mount=type=cache,target=${1:/root/.cache} ${2:command}' },
  { keyword: 'RUN', label: 'RUN <<EOF (heredoc)', body: 'RUN <<EOF\n${1:set -e}\nEOF' },
  { keyword: 'CMD', label: 'CMD ["executable", "param"]', body: 'CMD ["${1:executable}", "${2:param}"]' },
  { keyword: 'ENTRYPOINT', label: 'ENTRYPOINT ["executable", "param"]', body: 'ENTRYPOINT ["${1:executable}", "${2:param}"]' },
  { keyword: 'HEALTHCHECK', label: 'HEALTHCHECK --interval CMD', body: 'HEALTHCHECK --interval=${1:30s} --timeout=${2:5s} CMD ${3:command}' },
  { keyword: 'ARG', label: 'ARG name=default', body: 'ARG ${1:NAME}=${2:value}' },
  { keyword: 'ENV', label: 'ENV key=value', body: 'ENV ${1:KEY}=${2:value}' },
];

/** ONBUILD cannot trigger these (BuildKit rejects them). */
const NOT_TRIGGERS: ReadonlySet<string> = new Set(['ONBUILD', 'FROM', 'MAINTAINER']);

function keywordItems(model: DockerfileModel, line: string, pos: Position, afterOnbuild: boolean): CompletionItem[] {
  const range = wordRange(line, pos, /[A-Za-z]/);
  // Re-typing the keyword of an existing line must not double the space after it.
  const space = /\s/.test(line[range.end.character] ?? '') ? '' : ' ';
  // Before the first FROM only ARG (and FROM) are legal: rank them first there.
  const preamble = model.stages.length === 0 || pos.line < model.stages[0]!.from.range.start.line;
  const items: CompletionItem[] = [];
  for (const k of KEYWORDS) {
    if (afterOnbuild && NOT_TRIGGERS.has(k)) continue;
    const doc = instructionDoc(k);
    const first = preamble ? (k === 'FROM' || k === 'ARG') : k !== 'MAINTAINER';
    items.push(item(k, CompletionItemKind.Keyword, range, {
      insert: k + space,
      detail: doc?.summary,
      ...(doc ? { documentation: { kind: 'markdown', value: `${doc.summary}\n\n[Dockerfile reference: ${k}](${doc.link})` } } : {}),
      sortText: `${first ? 0 : 1}${k}`,
      ...(k === 'MAINTAINER' ? { tags: [CompletionItemTag.Deprecated], detail: 'Deprecated: use LABEL org.opencontainers.image.authors=…' } : {}),
      command: RETRIGGER,
    }));
  }
  for (const s of SNIPPETS) {
    if (afterOnbuild && NOT_TRIGGERS.has(s.keyword)) continue;
    items.push(item(s.label, CompletionItemKind.Snippet, range, {
      insert: s.body,
      insertTextFormat: InsertTextFormat.Snippet,
      filterText: s.keyword,
      detail: instructionDoc(s.keyword)?.summary,
      sortText: `2${s.label}`,
    }));
  }
  return items;
}

// ---------------------------------------------------------------------------------------------
// Arguments: flags, flag values, stages, variables

function argumentItems(model: DockerfileModel, instr: Instr, line: string, prefix: string, pos: Position): CompletionItem[] {
  const vars = variableItems(model, instr, prefix, line, pos);
  if (vars) return vars;

  const startOffset = model.document.offsetAt(instr.keywordRange.end);
  const caretOffset = model.document.offsetAt(pos);
  if (caretOffset < startOffset) return EMPTY;
  const t = tokensBefore(model.text, model.escapeChar, startOffset, caretOffset);
  if (!t) return EMPTY;
  const { previous, current } = t;
  const onlyFlagsBefore = previous.every((tok) => tok.startsWith('--'));
  const specs = flagSpecs(instr.keyword);

  if (onlyFlagsBefore && current.startsWith('-') && specs) {
    const eq = current.indexOf('=');
    if (eq < 0) return flagNameItems(instr, specs, previous, pos, current.length, line);
    const name = current.slice(2, eq).toLowerCase();
    const spec = specs.find((s) => s.name === name);
    if (!spec) return EMPTY;
    return flagValueItems(model, instr, spec, current.slice(eq + 1), pos, line);
  }
  if (!onlyFlagsBefore || current.startsWith('-')) {
    if ((instr.keyword === 'COPY' || instr.keyword === 'ADD') && !current.startsWith('-') && !current.startsWith('[')) {
      return workdirItems(instr, rangeFrom(pos, current.length, line));
    }
    if (instr.keyword === 'FROM' && previous.filter((t) => !t.startsWith('--')).length === 1 && /^[A-Za-z]*$/.test(current)) {
      return [item('AS', CompletionItemKind.Keyword, rangeFrom(pos, current.length, line), { insert: 'AS ', detail: 'Name this stage so later stages can refer to it', command: RETRIGGER })];
    }
    return EMPTY;
  }

  // First argument after the flags.
  const typedRange = rangeFrom(pos, current.length, line);
  switch (instr.keyword) {
    case 'FROM':
      return stageItems(model, instr, typedRange, false);
    case 'ARG':
      return previous.length === 0 ? argNameItems(model, instr, typedRange) : EMPTY;
    case 'STOPSIGNAL':
      return previous.length === 0
        ? SIGNALS.map((sig) => item(`SIG${sig}`, CompletionItemKind.EnumMember, typedRange, { sortText: sig === 'TERM' || sig === 'QUIT' || sig === 'INT' ? `0${sig}` : `1${sig}` }))
        : EMPTY;
    case 'SHELL':
      return previous.length === 0 ? [
        item('["/bin/bash", "-o", "pipefail", "-c"]', CompletionItemKind.Value, typedRange, { detail: 'bash that fails a pipeline when any command in it fails' }),
        item('["/bin/sh", "-c"]', CompletionItemKind.Value, typedRange, { detail: 'the Linux default' }),
        item('["pwsh", "-Command"]', CompletionItemKind.Value, typedRange, { detail: 'PowerShell' }),
        item('["cmd", "/S", "/C"]', CompletionItemKind.Value, typedRange, { detail: 'the Windows default' }),
      ] : EMPTY;
    case 'HEALTHCHECK': {
      const items = ['CMD', 'NONE'].map((sub) => {
        const doc = subcommandDoc('HEALTHCHECK', sub);
        return item(sub, CompletionItemKind.Keyword, typedRange, { insert: sub === 'CMD' ? 'CMD ' : 'NONE', detail: doc?.summary, sortText: `1${sub}` });
      });
      if (current === '') items.push(...flagNameItems(instr, specs ?? [], previous, pos, 0, line).map((i) => ({ ...i, sortText: `2${i.label}` })));
      return items;
    }
    default:
      return EMPTY;
  }
}

/**
 * The whitespace-separated tokens between an instruction's keyword and the caret (escaped line
 * breaks count as space), and the token the caret is in. Stops after the second argument that is
 * not a flag: nothing later changes what completes, and long RUN scripts stay cheap.
 * Undefined when the caret is still inside the keyword.
 */
function tokensBefore(text: string, esc: string, start: number, caret: number): { previous: string[]; current: string } | undefined {
  const previous: string[] = [];
  let tokenStart = -1;
  let nonFlags = 0;
  const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
  const endToken = (end: number): void => {
    const tok = text.slice(tokenStart, end);
    previous.push(tok);
    if (!tok.startsWith('--')) nonFlags++;
    tokenStart = -1;
  };
  if (caret > start && !isSpace(text[start]!) && text[start] !== esc) return undefined;
  for (let i = start; i < caret; i++) {
    const c = text[i]!;
    if (c === esc) {
      let j = i + 1;
      while (j < caret && (text[j] === ' ' || text[j] === '\t')) j++;
      if (text[j] === '\r') j++;
      if (text[j] === '\n') {
        if (tokenStart >= 0) endToken(i);
        i = j;
        continue;
      }
    }
    if (isSpace(c)) {
      if (tokenStart >= 0) endToken(i);
      if (nonFlags >= 2) return { previous, current: '' };
    } else if (tokenStart < 0) {
      tokenStart = i;
    }
  }
  return { previous, current: tokenStart >= 0 ? text.slice(tokenStart, caret) : '' };
}

function flagNameItems(instr: Instr, specs: readonly FlagSpec[], previous: readonly string[], pos: Position, typed: number, line: string): CompletionItem[] {
  const used = new Set(previous.map((t) => t.slice(2).split('=')[0]!.toLowerCase()));
  const range = rangeFrom(pos, typed, line, /[\s=]/);
  const eqFollows = line[range.end.character] === '=';
  return specs.filter((s) => s.repeatable || !used.has(s.name)).map((s) => {
    const takesValue = s.kind !== 'boolean' && !eqFollows;
    const doc = flagDoc(instr.keyword, s.name);
    return item(`--${s.name}`, CompletionItemKind.Property, range, {
      insert: takesValue ? `--${s.name}=` : `--${s.name}`,
      detail: s.summary,
      ...(doc ? { documentation: { kind: 'markdown', value: `${doc.summary}\n\n[Dockerfile reference](${doc.link})` } } : {}),
      ...(takesValue ? { command: RETRIGGER } : {}),
    });
  });
}

function flagValueItems(model: DockerfileModel, instr: Instr, spec: FlagSpec, value: string, pos: Position, line: string): CompletionItem[] {
  if (spec.name === 'mount' && instr.keyword === 'RUN') return mountItems(model, instr, value, pos, line);
  const range = rangeFrom(pos, value.length, line);
  if (spec.name === 'from' && instr.keyword === 'COPY') return stageItems(model, instr, range, true);
  if (spec.name === 'platform') {
    return ['$BUILDPLATFORM', '$TARGETPLATFORM', 'linux/amd64', 'linux/arm64'].map((v, i) =>
      item(v, CompletionItemKind.Value, range, { sortText: String(i), detail: v.startsWith('$') ? 'Platform ARG set by the builder' : 'Platform' }));
  }
  const values = spec.kind === 'boolean' ? ['true', 'false'] : spec.values ?? [];
  const doc = flagDoc(instr.keyword, spec.name);
  return values.map((v) => item(v, CompletionItemKind.EnumMember, range, {
    detail: doc?.values?.find((d) => d.value === v)?.summary,
  }));
}

/** `--mount=type=cache,target=/x,sh|`: option names for the mount type, or an option's values. */
function mountItems(model: DockerfileModel, instr: Instr, value: string, pos: Position, line: string): CompletionItem[] {
  const parts = value.split(',');
  const current = parts.pop() ?? '';
  let type: MountType = 'bind';
  const used = new Set<string>();
  for (const p of parts) {
    const [k = '', v = ''] = p.split('=');
    const spec = mountOption(k);
    if (!spec) continue;
    used.add(spec.name);
    if (spec.name === 'type' && (MOUNT_TYPES as readonly string[]).includes(v.toLowerCase())) type = v.toLowerCase() as MountType;
  }
  const eq = current.indexOf('=');
  if (eq < 0) {
    const range = rangeFrom(pos, current.length, line, /[\s,=]/);
    const eqFollows = line[range.end.character] === '=';
    return MOUNT_OPTIONS.filter((o) => o.types.includes(type) && !used.has(o.name)).map((o) => {
      const doc = mountOptionDoc(type, o.name);
      return item(o.name, CompletionItemKind.Property, range, {
        insert: o.bare || eqFollows ? o.name : `${o.name}=`,
        detail: doc?.summary ?? o.summary,
        sortText: `${o.name === 'type' ? 0 : o.name === 'target' ? 1 : 2}${o.name}`,
        ...(o.bare ? {} : { command: RETRIGGER }),
      });
    });
  }
  const spec = mountOption(current.slice(0, eq));
  if (!spec) return EMPTY;
  const typed = current.slice(eq + 1);
  const range = rangeFrom(pos, typed.length, line, /[\s,]/);
  if (spec.name === 'from') return stageItems(model, instr, range, true);
  if (spec.name === 'type') {
    return MOUNT_TYPES.map((t) => item(t, CompletionItemKind.EnumMember, range, { detail: mountTypeDoc(t)?.summary }));
  }
  const values = spec.kind === 'boolean' ? ['true', 'false'] : spec.values ?? [];
  const doc = mountOptionDoc(type, spec.name);
  return values.map((v) => item(v, CompletionItemKind.EnumMember, range, { detail: doc?.values?.find((d) => d.value === v)?.summary }));
}

/** Names of the stages before `instr`'s own stage: the only ones a build step may use. */
function stageItems(model: DockerfileModel, instr: Instr, range: Range, withIndex: boolean): CompletionItem[] {
  const own = (instr.parent ?? instr).stage;
  const limit = own ? own.index : model.stages.length;
  const items: CompletionItem[] = [];
  for (const s of model.stages) {
    if (s.index >= limit) break;
    const base = s.from.args[0]?.getValue() ?? '';
    if (s.name) {
      items.push(item(s.name, CompletionItemKind.Class, range, { detail: `stage ${s.index}, from ${base}`, sortText: `0${pad(s.index)}` }));
    } else if (withIndex) {
      items.push(item(String(s.index), CompletionItemKind.Class, range, { detail: `unnamed stage, from ${base}`, sortText: `1${pad(s.index)}` }));
    }
  }
  return items;
}

const pad = (n: number): string => String(n).padStart(5, '0');

/** A COPY/ADD destination: the stage's earlier WORKDIRs, the folders files most often go to. */
function workdirItems(instr: Instr, range: Range): CompletionItem[] {
  const own = instr.parent ?? instr;
  const seen = new Map<string, number>();
  for (const i of own.stage?.instructions ?? []) {
    if (i.index >= own.index) break;
    const dir = i.keyword === 'WORKDIR' ? i.args[0]?.getValue() : undefined;
    if (dir) seen.set(dir.endsWith('/') ? dir : dir + '/', i.range.start.line + 1);
  }
  return [...seen].map(([dir, line]) => item(dir, CompletionItemKind.Folder, range, { detail: `WORKDIR on line ${line}` }));
}

/**
 * `ARG |` inside a stage: the global ARGs and the builder's platform ARGs, which a stage only sees
 * once it declares them, minus those it already declared.
 */
function argNameItems(model: DockerfileModel, instr: Instr, range: Range): CompletionItem[] {
  const own = (instr.parent ?? instr).stage;
  if (!own) return EMPTY;
  const table = variablesOf(model);
  const declared = new Set(table.visibleNames(instr));
  const items: CompletionItem[] = [];
  for (const [name, d] of table.globals) {
    if (declared.has(name) || !d.instr || d.instr.index > own.from.index) continue;
    items.push(item(name, CompletionItemKind.Variable, range, {
      detail: `global ARG on line ${d.instr.range.start.line + 1}${d.value !== undefined ? ` = ${d.value}` : ''}: re-declare it to use it in this stage`,
      sortText: `0${name}`,
    }));
  }
  for (const [name, note] of PLATFORM_ARGS) {
    if (!declared.has(name) && !table.globals.has(name)) items.push(item(name, CompletionItemKind.Variable, range, { detail: `set by the builder: ${note}`, sortText: `1${name}` }));
  }
  return items;
}

/** `$NA|` / `${NA|`: the variables visible to `instr` (global ARGs only on FROM lines). */
function variableItems(model: DockerfileModel, instr: Instr, prefix: string, line: string, pos: Position): CompletionItem[] | undefined {
  const m = /\$(\{?)([A-Za-z_][A-Za-z0-9_]*)?$/.exec(prefix);
  if (!m) return undefined;
  const dollar = prefix.length - m[0].length;
  if (dollar > 0 && prefix[dollar - 1] === model.escapeChar) return undefined;
  const braced = m[1] === '{';
  const typed = m[2] ?? '';
  let end = pos.character;
  while (end < line.length && /[A-Za-z0-9_]/.test(line[end]!)) end++;
  const range: Range = { start: { line: pos.line, character: pos.character - typed.length }, end: { line: pos.line, character: end } };
  const close = braced && line[end] !== '}' ? '}' : '';
  const table = variablesOf(model);
  return table.visibleNames(instr).sort().map((name) => {
    const decl = table.resolve(instr, name).decl;
    const where = decl?.instr ? `${decl.kind} on line ${decl.instr.range.start.line + 1}` : decl?.builtinNote ?? 'predefined';
    const value = decl?.value !== undefined ? ` = ${decl.value}` : '';
    return item(name, CompletionItemKind.Variable, range, {
      insert: name + close,
      detail: `${where}${value}`,
      sortText: `${decl?.instr ? 0 : 1}${name}`,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Comments: parser directives and suppression comments

const DIRECTIVE_VALUES: Readonly<Record<string, readonly [string, string][]>> = {
  syntax: [
    ['docker/dockerfile:1', 'Latest stable Dockerfile frontend, version 1.x'],
    ['docker/dockerfile:1-labs', 'Version 1.x with experimental (labs) features'],
  ],
  escape: [['\\', 'Backslash (the default)'], ['`', 'Backtick: convenient on Windows paths']],
};

let checkNamesCache: [string, string][] | undefined;
/** BuildKit check names from the rule registry's aliases, with a one-line summary. */
function checkNames(): [string, string][] {
  if (!checkNamesCache) {
    const seen = new Map<string, string>();
    for (const r of dockerfileRules) {
      for (const a of r.aliases) if (isBuildkitName(a) && !seen.has(a)) seen.set(a, buildCheckDoc(a)?.summary ?? r.title);
    }
    checkNamesCache = [...seen].sort((a, b) => a[0].localeCompare(b[0]));
  }
  return checkNamesCache;
}

function isDirectiveZone(model: DockerfileModel, line: number): boolean {
  const first = model.instructions[0];
  if (first && first.range.start.line < line) return false;
  for (let l = 0; l < line; l++) if (!model.directives.some((d) => d.range.start.line === l)) return false;
  return true;
}

function commentItems(model: DockerfileModel, prefix: string, pos: Position, line: string): CompletionItem[] {
  const zone = pos.line <= model.directives.length && isDirectiveZone(model, pos.line);
  const head = /^\s*#\s*([A-Za-z-]*)$/.exec(prefix);
  if (head) {
    const range = rangeFrom(pos, head[1]!.length, line, /[^A-Za-z-]/);
    const items: CompletionItem[] = [];
    if (zone) {
      for (const [name, detail] of [['syntax', 'Pick the Dockerfile frontend (BuildKit)'], ['escape', 'Change the line-continuation character'], ['check', 'Configure BuildKit build checks']] as const) {
        if (model.directives.some((d) => d.name === name && d.range.start.line !== pos.line)) continue;
        items.push(item(name, CompletionItemKind.Keyword, range, { insert: `${name}=`, detail: `Parser directive: ${detail}`, command: RETRIGGER, sortText: `0${name}` }));
      }
    }
    if (head[1]!.length > 0) {
      items.push(item('hadolint ignore=', CompletionItemKind.Keyword, range, { detail: 'Silence hadolint rules for the next instruction', command: RETRIGGER, sortText: '1h' }));
      items.push(item('docker-tutor ignore=', CompletionItemKind.Keyword, range, { detail: 'Silence Docker Tutor rules for the next instruction', command: RETRIGGER, sortText: '1d' }));
    }
    return items;
  }
  if (zone) {
    const d = /^\s*#\s*(syntax|escape|check)\s*=\s*(\S*)$/i.exec(prefix);
    if (d) {
      const name = d[1]!.toLowerCase();
      const value = d[2]!;
      if (name === 'check') return checkDirectiveItems(value, pos, line);
      const range = rangeFrom(pos, value.length, line);
      return (DIRECTIVE_VALUES[name] ?? []).map(([v, detail]) => item(v, CompletionItemKind.Value, range, { detail }));
    }
  }
  const ignore = /^\s*#\s*(hadolint|docker-tutor)\s+(?:(?:global|stage)\s+)?ignore\s*=\s*([^\s#]*)$/i.exec(prefix);
  if (ignore) {
    const listed = ignore[2]!.split(',');
    const typed = listed.pop() ?? '';
    const range = rangeFrom(pos, typed.length, line, /[\s,#]/);
    const hadolint = ignore[1]!.toLowerCase() === 'hadolint';
    const items: CompletionItem[] = [];
    for (const r of dockerfileRules) {
      if (hadolint) {
        for (const a of r.aliases) if (isHadolintId(a) && !listed.includes(a)) items.push(item(a, CompletionItemKind.Reference, range, { detail: r.title, sortText: a }));
      } else if (!listed.includes(r.id)) {
        items.push(item(r.id, CompletionItemKind.Reference, range, { detail: r.title }));
      }
    }
    return items;
  }
  return EMPTY;
}

/** `# check=skip=A,B;error=true`: option keys, check names, or true/false. */
function checkDirectiveItems(value: string, pos: Position, line: string): CompletionItem[] {
  const part = value.split(';').pop() ?? '';
  const eq = part.indexOf('=');
  if (eq < 0) {
    const range = rangeFrom(pos, part.length, line, /[\s;=]/);
    return [
      ['skip=', 'Checks not to run (comma-separated names, or all)'],
      ['error=', 'Fail the build when a check reports a problem'],
      ['experimental=', 'Experimental checks to turn on'],
    ].map(([k, detail]) => item(k!, CompletionItemKind.Property, range, { detail, command: RETRIGGER }));
  }
  const key = part.slice(0, eq).trim().toLowerCase();
  const list = part.slice(eq + 1).split(',');
  const typed = list.pop() ?? '';
  const range = rangeFrom(pos, typed.length, line, /[\s,;]/);
  if (key === 'error') return ['true', 'false'].map((v) => item(v, CompletionItemKind.Value, range));
  if (key !== 'skip' && key !== 'experimental') return EMPTY;
  const listed = new Set(list.map((s) => s.trim().toLowerCase()));
  const items = checkNames().filter(([n]) => !listed.has(n.toLowerCase())).map(([n, detail]) => item(n, CompletionItemKind.EnumMember, range, { detail }));
  if (list.length === 0) items.unshift(item('all', CompletionItemKind.Keyword, range, { detail: key === 'skip' ? 'Skip every check' : 'Turn on every experimental check' }));
  return items;
}

