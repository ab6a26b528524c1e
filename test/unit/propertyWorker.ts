import * as fs from 'fs';
import * as path from 'path';
import { parentPort, workerData } from 'worker_threads';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service';
import type { DocumentKind, LanguageService } from '../../server/src/service';
import { KEYWORDS } from '../../server/src/service/dockerfile/model';
import { ROOT, SHARED } from '../util/text';

/**
 * The property checks behind `property.test.ts`, run in a worker thread so that a hang (an
 * endless loop in a parser or a rule) is caught by the test's deadline instead of freezing mocha.
 */

export interface PropertyJob {
  readonly name: 'mutated' | 'random';
  readonly numRuns: number;
  readonly seed?: number;
}

export interface PropertyOutcome {
  readonly name: string;
  readonly failed: boolean;
  readonly numRuns: number;
  readonly seed: number;
  readonly report: string;
  readonly bases: number;
  /** How much was exercised, so a vacuous run (no diagnostics, no fixes) shows up. */
  readonly diagnostics: number;
  readonly edits: number;
}

interface Base {
  readonly name: string;
  readonly text: string;
}

/** Text inputs to mutate: every fixture under test/fixtures, and the shared corpus when it is there. */
export function loadBases(): Base[] {
  const out: Base[] = [];
  const walk = (dir: string, label: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p, label);
      else if (e.isFile() && e.name !== 'SOURCES.md' && fs.statSync(p).size < 256 * 1024) {
        out.push({ name: `${label}/${path.relative(dir, p)}`, text: fs.readFileSync(p, 'utf8') });
      }
    }
  };
  walk(path.join(ROOT, 'test', 'fixtures'), 'fixtures');
  walk(path.join(SHARED, 'corpus', 'dockerfile'), 'corpus');
  walk(path.join(SHARED, 'corpus', 'compose'), 'corpus-compose');
  return out;
}

/** Fragments that stress a Dockerfile parser: escapes, heredocs, quotes, variables, directives, odd code points. */
const PIECES = [
  '\\', '\\\n', '`', '`\n', '\n', '\r\n', '\r', '<<EOF\n', '<<-EOF\n', 'EOF\n', '<<"EOF"\n', "<<'EOT' ", "'", '"', '${', '${A:-', '${A:+x}',
  '}', '$', '$$', '\0', '\ufeff', '[', ']', '["', '"]', '", "', '=', '--', '--mount=type=cache,target=/x ', '--from=', '--platform=$X ',
  '#', '# ', ' ', '\t', 'FROM ', 'RUN ', 'ONBUILD ', 'ARG ', 'ENV ', 'COPY ', 'ADD ', 'HEALTHCHECK ', 'CMD ', 'SHELL ', ' AS ', ' as ',
  '# escape=`\n', '# escape=\\\n', '# syntax=docker/dockerfile:1\n', '# check=skip=all;error=true\n', '# check=skip=MaintainerDeprecated\n',
  '# hadolint ignore=DL4000\n', '# hadolint global ignore=DL4000\n', '# docker-tutor ignore=unknown-instruction\n', 'é', '😀', '\ud83d',
  'MAINTAINER x\n', 'RUNN x\n', 'services:\n  a:\n    image: b\n', ': ', '- ', '&a ', '*a', '{', '}', '!!str ',
];

type Mutation =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'dupLine' | 'delLine' | 'swapLines'; at: number }
  | { kind: 'crlf' | 'bom' };

const frac = fc.double({ min: 0, max: 1, noNaN: true });
const piece = fc.constantFrom(...PIECES);
const insertText = fc.oneof(piece, fc.string({ maxLength: 6 }), fc.array(piece, { minLength: 1, maxLength: 4 }).map((a) => a.join('')));
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: frac, text: insertText }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: frac, len: fc.nat(40) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('dupLine' as const, 'delLine' as const, 'swapLines' as const), at: frac }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('crlf' as const, 'bom' as const) }) },
);

function mutate(text: string, m: Mutation): string {
  const pos = (at: number) => Math.min(text.length, Math.floor(at * (text.length + 1)));
  switch (m.kind) {
    case 'insert': {
      const p = pos(m.at);
      return text.slice(0, p) + m.text + text.slice(p);
    }
    case 'delete': {
      const p = pos(m.at);
      return text.slice(0, p) + text.slice(p + m.len);
    }
    case 'crlf': return text.replace(/\r?\n/g, '\r\n');
    case 'bom': return '\ufeff' + text;
    default: {
      const lines = text.split('\n');
      const i = Math.min(lines.length - 1, Math.floor(m.at * lines.length));
      if (m.kind === 'dupLine') lines.splice(i, 0, lines[i]!);
      else if (m.kind === 'delLine') lines.splice(i, 1);
      else if (i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1]!, lines[i]!];
      return lines.join('\n');
    }
  }
}

const word = fc.oneof(piece, fc.stringMatching(/^[A-Za-z0-9_./:@=-]{1,12}$/));
const randomLine = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...KEYWORDS, 'from', 'Run', 'FORM', 'RUNN', 'copy'), fc.array(word, { maxLength: 6 })).map(([k, ws]) => `${k} ${ws.join(' ')}`) },
  { weight: 1, arbitrary: fc.array(word, { maxLength: 5 }).map((ws) => `# ${ws.join(' ')}`) },
  { weight: 1, arbitrary: fc.array(word, { maxLength: 5 }).map((ws) => `  ${ws.join(' ')} \\`) },
  { weight: 1, arbitrary: fc.constant('') },
);
const randomDockerfile = fc.tuple(fc.array(randomLine, { maxLength: 30 }), fc.constantFrom('\n', '\r\n')).map(([ls, eol]) => ls.join(eol));

/** Where the caller points: fractions of the line count and a column that may run past the line's end. */
const probe = fc.record({ line: frac, character: fc.nat(160) });

interface Probe {
  line: number;
  character: number;
}

export class Checker {
  private readonly doc: TextDocument;
  private readonly lineLength: number[] = [];

  constructor(readonly text: string, readonly uri: string) {
    this.doc = TextDocument.create(uri, 'dockerfile', 1, text);
    for (let i = 0; i < this.doc.lineCount; i++) {
      const start = this.doc.offsetAt({ line: i, character: 0 });
      const end = i + 1 < this.doc.lineCount ? this.doc.offsetAt({ line: i + 1, character: 0 }) : text.length;
      const line = text.slice(start, end);
      this.lineLength.push(line.length - (/\r\n$/.test(line) ? 2 : /[\r\n]$/.test(line) ? 1 : 0));
    }
  }

  position(p: Probe): Position {
    return { line: Math.floor(p.line * (this.doc.lineCount + 1)), character: p.character };
  }

  inside(p: Position, what: string): void {
    const len = this.lineLength[p.line];
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || len === undefined || p.character < 0 || p.character > len) {
      throw new Error(`${what}: position ${p.line}:${p.character} is outside the document (${this.doc.lineCount} lines${len === undefined ? '' : `, line length ${len}`})`);
    }
  }

  range(r: Range, what: string): void {
    this.inside(r.start, what);
    this.inside(r.end, what);
    if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) {
      throw new Error(`${what}: range ends before it starts: ${JSON.stringify(r)}`);
    }
  }

  edits(edits: readonly TextEdit[], what: string): void {
    stats.edits += edits.length;
    for (const e of edits) this.range(e.range, what);
    // Overlapping edits make applyEdits throw; a client would reject them too.
    TextDocument.applyEdits(this.doc, [...edits]);
  }

  workspaceEdit(w: WorkspaceEdit | null | undefined, what: string): void {
    if (!w) return;
    const own = w.changes?.[this.uri];
    if (own) this.edits(own, what);
    for (const dc of w.documentChanges ?? []) {
      if ('edits' in dc && dc.textDocument.uri === this.uri) this.edits(dc.edits.filter((e): e is TextEdit => 'range' in e), what);
    }
  }
}

let version = 0;
const stats = { diagnostics: 0, edits: 0 };

/** Every request the facade serves, on one text, for both document kinds. Throws on any broken promise. */
function exercise(service: LanguageService, text: string, probes: readonly Probe[]): void {
  for (const kind of ['dockerfile', 'compose'] as DocumentKind[]) {
    const uri = `file:///property/${kind === 'compose' ? 'compose.yaml' : 'Dockerfile'}`;
    const check = new Checker(text, uri);
    const d = TextDocument.create(uri, kind === 'compose' ? 'dockercompose' : 'dockerfile', ++version, text);
    const diagnostics = service.validate(d, kind);
    stats.diagnostics += diagnostics.length;
    for (const diag of diagnostics) check.range(diag.range, `${kind} diagnostic ${String(diag.code)}`);
    for (const diag of diagnostics) {
      for (const a of service.codeActions(d, kind, diag.range, diagnostics, undefined)) check.workspaceEdit(a.edit, `${kind} code action "${a.title}"`);
    }
    for (let i = 0; i < probes.length; i++) {
      const p = check.position(probes[i]!);
      const q = check.position(probes[(i + 1) % probes.length]!);
      const [start, end] = p.line < q.line || (p.line === q.line && p.character <= q.character) ? [p, q] : [q, p];
      const hover = service.hover(d, kind, p);
      if (hover?.range) check.range(hover.range, `${kind} hover`);
      for (const a of service.codeActions(d, kind, { start, end }, diagnostics, undefined)) check.workspaceEdit(a.edit, `${kind} code action "${a.title}"`);
      for (const item of service.completion(d, kind, p).items) {
        const te = item.textEdit;
        if (te && 'range' in te) check.range(te.range, `${kind} completion "${item.label}"`);
        if (te && 'insert' in te) {
          check.range(te.insert, `${kind} completion "${item.label}" insert`);
          check.range(te.replace, `${kind} completion "${item.label}" replace`);
        }
        if (item.additionalTextEdits) check.edits(item.additionalTextEdits, `${kind} completion "${item.label}" additional edits`);
      }
      for (const loc of [...service.definition(d, kind, p), ...service.references(d, kind, p, true)]) {
        if (loc.uri === uri) check.range(loc.range, `${kind} location`);
      }
      for (const h of service.documentHighlight(d, kind, p)) check.range(h.range, `${kind} highlight`);
      const prep = service.prepareRename(d, kind, p);
      if (prep) check.range(prep, `${kind} prepareRename`);
      check.workspaceEdit(service.rename(d, kind, p, 'renamed'), `${kind} rename`);
    }
    const symbols = service.documentSymbols(d, kind);
    const walk = (list: typeof symbols): void => {
      for (const s of list) {
        check.range(s.range, `${kind} symbol ${s.name}`);
        check.range(s.selectionRange, `${kind} symbol ${s.name} selection`);
        if (s.children) walk(s.children);
      }
    };
    walk(symbols);
    service.forget(uri);
  }
}

export function runProperty(job: PropertyJob): PropertyOutcome {
  const service = createLanguageService();
  const bases = loadBases();
  const probes = fc.array(probe, { minLength: 1, maxLength: 6 });
  const input = job.name === 'mutated'
    ? fc.tuple(fc.constantFrom(...bases), fc.array(mutation, { maxLength: 8 })).map(([b, ms]) => ms.reduce(mutate, b.text))
    : randomDockerfile;
  const result = fc.check(fc.property(input, probes, (text, ps) => exercise(service, text, ps)), {
    numRuns: job.numRuns,
    seed: job.seed,
    endOnFailure: false,
  });
  let report = result.failed ? fc.defaultReportMessage(result) ?? 'failed' : '';
  if (report.length > 6000) report = report.slice(0, 6000) + '…';
  return { name: job.name, failed: result.failed, numRuns: result.numRuns, seed: result.seed, report, bases: bases.length, ...stats };
}

if (parentPort && workerData) {
  parentPort.postMessage(runProperty(workerData as PropertyJob));
}
