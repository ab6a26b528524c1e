import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DockerfileParser, Instruction as PeerInstruction } from 'dockerfile-ast';
import { validate as peerValidate } from 'dockerfile-utils';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import type { Settings } from '../../server/src/service';
import type { DockerfileModel, Keyword } from '../../server/src/service/dockerfile/model';
import type { DockerfileRule, DockerfileRuleContext } from '../../server/src/service/dockerfile/rules/types';
import type * as ServiceBundle from '../../server/src/serviceBundle';
import { SHARED } from '../util/text';
import { generateDockerfile, TYPICAL_40 } from './generate';
import { composeBench, formatComposeBench } from './composeBench';

/**
 * Our side runs from the shipped bundle (dist/service.js, built by `npm run build` from the same sources as
 * dist/server.js and dist/cli.js): its own copy of dockerfile-ast, with our memoisation (astPerf.ts), while
 * dockerfile-utils runs on node_modules' copy, untouched. Nothing here may import our sources as values:
 * that would patch the peer's copy too (start() checks).
 */
const BUNDLE = path.resolve(__dirname, '..', '..', '..', 'dist', 'service.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const bundle = require(BUNDLE) as typeof ServiceBundle;
const { createLanguageService, loadShellParser, DEFAULT_SETTINGS, Derived, dockerfileResults, parseDockerfile, dockerfileRules, clearShellCache, astPerfInstalled, shellRules } = bundle;

/**
 * `npm run bench`: our diagnostics against dockerfile-utils' `validate()` in the same process and run,
 * hover latency after one parse, and how our time per line scales from 500 to 5,000 lines, overall
 * and per rule. Reports; never fails (exit 0). Run with --expose-gc so series start from a clean heap.
 */

const gc = (globalThis as { gc?: () => void }).gc;

interface Stats {
  readonly median: number;
  readonly p90: number;
  readonly n: number;
}

function stats(samples: readonly number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: at(0.5), p90: at(0.9), n: s.length };
}

const now = (): bigint => process.hrtime.bigint();
const ms = (from: bigint, to: bigint): number => Number(to - from) / 1e6;

/** Warms up, then times `fn` until both `minIterations` and `minMs` are reached (or `maxIterations`). */
function series(fn: (i: number) => unknown, opts: SeriesOptions = {}): Stats {
  return compare(fn, undefined, opts).a;
}

interface SeriesOptions {
  minIterations?: number;
  minMs?: number;
  maxIterations?: number;
  warmup?: number;
  /** Collect garbage before every sample (outside the timing): for samples long enough that a stray GC would skew them. */
  gcEach?: boolean;
}

interface Comparison {
  readonly a: Stats;
  readonly b: Stats | undefined;
  /** Median of the per-iteration ratios a/b: robust to load drifting on a shared machine. */
  readonly ratio: number | undefined;
}

/**
 * Times `fa` and `fb` interleaved (a b, b a, a b, ...) so both see the same machine load; the
 * ratio is the median of per-pair ratios. With `fb` undefined it is a plain series.
 */
function compare(fa: (i: number) => unknown, fb: ((i: number) => unknown) | undefined, opts: SeriesOptions = {}): Comparison {
  const { minIterations = 15, minMs = 1500, maxIterations = 2000, warmup = 5, gcEach = false } = opts;
  gc?.();
  let sink = 0;
  for (let i = 0; i < warmup; i++) {
    sink += fa(-1 - i) ? 1 : 0;
    if (fb) sink += fb(-1 - i) ? 1 : 0;
  }
  gc?.();
  const as: number[] = [];
  const bs: number[] = [];
  const ratios: number[] = [];
  const time = (f: (i: number) => unknown, i: number): number => {
    if (gcEach) gc?.();
    const t0 = now();
    sink += f(i) ? 1 : 0;
    return ms(t0, now());
  };
  const start = now();
  for (let i = 0; i < maxIterations && (i < minIterations || ms(start, now()) < minMs); i++) {
    if (!fb) {
      as.push(time(fa, i));
      continue;
    }
    let ta: number;
    let tb: number;
    if (i % 2 === 0) {
      ta = time(fa, i);
      tb = time(fb, i);
    } else {
      tb = time(fb, i);
      ta = time(fa, i);
    }
    as.push(ta);
    bs.push(tb);
    ratios.push(ta / Math.max(tb, 1e-6));
    if (!gcEach && i % 64 === 63) gc?.();
  }
  if (sink < 0) console.log(sink);
  return { a: stats(as), b: fb ? stats(bs) : undefined, ratio: fb ? stats(ratios).median : undefined };
}

let version = 0;
const service = createLanguageService();

/**
 * Our full diagnostics as the server computes them: a new document version each call, so parse + all rules
 * run. Cold by default: the shell layer's cache of parsed RUN texts (kept across versions for editing) is
 * emptied first, so every RUN is parsed again, as for a file opened for the first time.
 *
 * The document is forgotten afterwards, so nothing of ours outlives a call, as nothing of the peer's does.
 * A model kept alive between samples once flattered every row taken after a forced full GC: V8 drops
 * optimised code whose object shapes died in the collection, and a live model kept ours alive (the
 * peer, keeping nothing, paid the re-optimisation in every sample).
 */
function ours(text: string, uri = 'file:///bench/Dockerfile', warm = false, settings?: Settings): number {
  if (!warm) clearShellCache();
  const n = service.validate(TextDocument.create(uri, 'dockerfile', ++version, text), 'dockerfile', settings ? { settings } : undefined).length;
  service.forget(uri);
  return n;
}

/** Issue 2's budget predates the shell rules: the same run with every shell rule off. */
const noShell: Settings = { rules: Object.fromEntries(shellRules.map((r) => [r.id, 'off'] as const)), families: {} };

function peer(text: string): number {
  return peerValidate(text).length;
}

const fmt = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3));
const rows: string[][] = [];
const targets: { what: string; value: number; limit: number; unit: string }[] = [];

function row(name: string, a: Stats, b?: Stats, note = '', ratio?: number): void {
  const r = ratio ?? (b ? a.median / b.median : undefined);
  rows.push([name, fmt(a.median), fmt(a.p90), b ? fmt(b.median) : '', b ? fmt(b.p90) : '', r === undefined ? '' : r.toFixed(2) + 'x', note]);
}

function printTable(header: string[], body: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of body) console.log(line(r));
}

function loadCorpus(): { name: string; text: string }[] {
  const dir = path.join(SHARED, 'corpus', 'dockerfile');
  if (!fs.existsSync(dir)) return [];
  const out: { name: string; text: string }[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name !== 'SOURCES.md') out.push({ name: path.relative(dir, p), text: fs.readFileSync(p, 'utf8') });
    }
  };
  walk(dir);
  return out;
}

const lineCount = (t: string): number => t.split('\n').length - (t.endsWith('\n') ? 1 : 0);

/** `node out/test/bench/bench.js [diagnostics] [parse] [hover] [scaling] [rules]` runs only those sections. */
const sections = process.argv.slice(2);
const want = (name: string): boolean => sections.length === 0 || sections.includes(name);

function main(): void {
  if (!gc) console.log('note: run with node --expose-gc (npm run bench does) so each series starts after a collection\n');
  const big = generateDockerfile(5000);
  const small = generateDockerfile(500);
  const corpus = loadCorpus();
  console.log(`Docker Tutor benchmark: ${dockerfileRules.length} Dockerfile rules registered; node ${process.version}; ` +
    `inputs: typical ${lineCount(TYPICAL_40)} lines, generated ${lineCount(small)} and ${lineCount(big)} lines, ` +
    (corpus.length ? `corpus ${corpus.length} files / ${corpus.reduce((n, f) => n + lineCount(f.text), 0)} lines` : 'corpus absent (skipped)') + '\n');
  console.log(`findings on the 5,000-line file: ours ${ours(big)}, dockerfile-utils ${peer(big)}\n`);

  // Diagnostics, ours vs peer, interleaved on the same inputs in the same run.
  if (want('diagnostics')) {
  const t40 = compare(() => ours(TYPICAL_40), () => peer(TYPICAL_40), { minMs: 2000, minIterations: 200 });
  row('diagnostics, typical 40 lines', t40.a, t40.b, '', t40.ratio);
  // Steady state, as in a running server: no forced collection between samples (a forced full GC throws away
  // optimised code on both sides, so every sample would mostly time the JIT warming up again). Interleaved
  // pairs and the median of their ratios keep a stray GC from deciding the result.
  const steady: SeriesOptions = { minIterations: 20, minMs: 5000 };
  const b5 = compare(() => ours(big), () => peer(big), steady);
  row('diagnostics, generated 5,000 lines', b5.a, b5.b, 'all rules, cold', b5.ratio);
  targets.push({ what: 'diagnostics 5,000 lines, all rules, ours/peer', value: b5.ratio!, limit: 0.8, unit: 'x' });
  const b5n = compare(() => ours(big, undefined, false, noShell), () => peer(big), steady);
  row('diagnostics, generated 5,000 lines', b5n.a, b5n.b, 'shell rules off', b5n.ratio);
  targets.push({ what: 'diagnostics 5,000 lines, shell rules off, ours/peer', value: b5n.ratio!, limit: 0.6, unit: 'x' });
  const b5w = compare(() => ours(big, undefined, true), () => peer(big), steady);
  row('diagnostics, generated 5,000 lines', b5w.a, b5w.b, 'all rules, warm RUN cache (editing)', b5w.ratio);
  if (corpus.length) {
    const oursCorpus = () => corpus.reduce((n, f, i) => n + ours(f.text, `file:///bench/corpus/${i}/Dockerfile`), 0);
    const peerCorpus = () => corpus.reduce((n, f) => n + peer(f.text), 0);
    const c = compare(oursCorpus, peerCorpus, steady);
    row(`diagnostics, whole corpus (${corpus.length} files)`, c.a, c.b, 'all rules, cold', c.ratio);
    targets.push({ what: 'diagnostics corpus, all rules, ours/peer', value: c.ratio!, limit: 0.8, unit: 'x' });
    const oursCorpusNoShell = () => corpus.reduce((n, f, i) => n + ours(f.text, `file:///bench/corpus/${i}/Dockerfile`, false, noShell), 0);
    const cn = compare(oursCorpusNoShell, peerCorpus, steady);
    row(`diagnostics, whole corpus (${corpus.length} files)`, cn.a, cn.b, 'shell rules off', cn.ratio);
    targets.push({ what: 'diagnostics corpus, shell rules off, ours/peer', value: cn.ratio!, limit: 0.6, unit: 'x' });
    // Shown, not a target: each sample right after a forced full GC, both sides re-optimising.
    const cg = compare(oursCorpus, peerCorpus, { minIterations: 10, minMs: 4000, gcEach: true });
    row(`diagnostics, whole corpus (${corpus.length} files)`, cg.a, cg.b, 'all rules, each sample after a full GC', cg.ratio);
  }

  }

  // Where our time goes: the raw dockerfile-ast parse and our model on top of it, each against the peer's total.
  let parseShare = '';
  if (want('parse')) {
  const astBig = compare(() => DockerfileParser.parse(big).getInstructions().length, () => peer(big), { minIterations: 12, minMs: 3000, gcEach: true });
  const ourAstBig = compare(() => bundle.DockerfileParser.parse(big).getInstructions().length, () => peer(big), { minIterations: 12, minMs: 3000, gcEach: true });
  row('  dockerfile-ast parse (our memoised copy), 5,000 lines', ourAstBig.a, ourAstBig.b, 'vs peer total', ourAstBig.ratio);
  const modelBig = compare(() => parseDockerfile(big, 'file:///bench/model', 0).instructions.length, () => peer(big), { minIterations: 12, minMs: 3000, gcEach: true });
  const modelVsAst = compare(() => parseDockerfile(big, 'file:///bench/model', 0).instructions.length, () => bundle.DockerfileParser.parse(big).getInstructions().length, { minIterations: 12, minMs: 3000, gcEach: true });
  row('  dockerfile-ast parse, 5,000 lines', astBig.a, astBig.b, 'vs peer total', astBig.ratio);
  row('  our model (parse + model), 5,000 lines', modelBig.a, modelBig.b, 'vs peer total', modelBig.ratio);
  row('  our model vs our dockerfile-ast parse alone', modelVsAst.a, modelVsAst.b, 'model overhead', modelVsAst.ratio);
  const ast40 = compare(() => DockerfileParser.parse(TYPICAL_40).getInstructions().length, () => peer(TYPICAL_40), { minIterations: 200 });
  const model40 = compare(() => parseDockerfile(TYPICAL_40, 'file:///bench/model', 0).instructions.length, () => peer(TYPICAL_40), { minIterations: 200 });
  row('  dockerfile-ast parse, typical 40', ast40.a, ast40.b, 'vs peer total', ast40.ratio);
  row('  our model (parse + model), typical 40', model40.a, model40.b, 'vs peer total', model40.ratio);

    const pct = (x: number | undefined) => `${((x ?? NaN) * 100).toFixed(0)}%`;
    parseShare = `parse share (medians of paired ratios): dockerfile-ast's parse alone is ${pct(astBig.ratio)} of dockerfile-utils' total validate() on 5,000 lines ` +
      `(our memoised copy: ${pct(ourAstBig.ratio)}) ` +
      `(${pct(ast40.ratio)} on 40 lines); our whole model (parse + model) is ${pct(modelBig.ratio)} (${pct(model40.ratio)} on 40 lines), ` +
      `i.e. ${((modelVsAst.ratio ?? NaN) - 1) * 100 >= 0 ? '+' : ''}${(((modelVsAst.ratio ?? NaN) - 1) * 100).toFixed(0)}% over the bare parse.`;
  }

  // Hover after one parse: the same document object every time, so the model cache must hit.
  if (want('hover')) {
  const doc = TextDocument.create('file:///bench/hover/Dockerfile', 'dockerfile', 1, big);
  service.validate(doc, 'dockerfile');
  const model = service.dockerfileModel(doc);
  const positions: Position[] = [];
  for (const instr of model.instructions) {
    positions.push({ line: instr.keywordRange.start.line, character: instr.keywordRange.start.character + 1 });
    for (const f of instr.flags) positions.push(f.getNameRange().start);
  }
  const lines = big.split('\n');
  lines.forEach((l, line) => {
    for (const m of l.matchAll(/\$\{?[A-Za-z_]/g)) positions.push({ line, character: (m.index ?? 0) + 1 });
  });
  let hoverAnswers = 0;
  for (let k = 0; k < 3; k++) for (const p of positions) if (service.hover(doc, 'dockerfile', p)) hoverAnswers++;
  gc?.();
  const hoverSamples: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const p of positions) {
      const t0 = now();
      service.hover(doc, 'dockerfile', p);
      hoverSamples.push(ms(t0, now()));
    }
  }
  const hover = stats(hoverSamples);
  const reparsed = service.dockerfileModel(doc) !== model;
  row(`hover, 5,000 lines, ${positions.length} positions x3`, hover, undefined, reparsed ? 'RE-PARSED (cache miss!)' : `one parse; ${Math.round(hoverAnswers / 3)} non-null`);
  targets.push({ what: 'hover median', value: hover.median, limit: 1, unit: 'ms' });

  }

  // Scaling: time per line at 500 vs 5,000 lines (full diagnostics).
  if (want('scaling')) {
  const scale = compare(() => ours(small), () => ours(big), { minIterations: 12, minMs: 3000, gcEach: true });
  const perLine500 = scale.a.median / lineCount(small);
  const perLine5000 = scale.b!.median / lineCount(big);
  rows.push(['diagnostics per line, 500 lines (us)', fmt(perLine500 * 1000), '', '', '', '', '']);
  rows.push(['diagnostics per line, 5,000 lines (us)', fmt(perLine5000 * 1000), '', '', '', '', `${(perLine5000 / perLine500).toFixed(2)}x the 500-line cost`]);
  targets.push({ what: 'per-line time 5,000 / 500', value: perLine5000 / perLine500, limit: 1.5, unit: 'x' });

  }

  console.log('times in ms (median, p90); ratio = ours / peer (dockerfile-utils validate), median of interleaved pairs\n');
  printTable(['series', 'ours med', 'ours p90', 'peer med', 'peer p90', 'ratio', 'note'], rows);
  if (parseShare) console.log(`\n${parseShare}\n`);

  if (want('rules')) {
  // Per rule, parse excluded: fresh models are parsed once per size; the first pass measures the memoised
  // Instr getters on cold models (a cost every rule shares), then the engine alone (every rule off via
  // settings), then each rule's visitors run directly over the same models. Microseconds per line.
  const allOff: Settings = { rules: Object.fromEntries(dockerfileRules.map((r) => [r.id, 'off'] as const)), families: {} };
  const fresh = (text: string): DockerfileModel[] => Array.from({ length: lineCount(text) > 1000 ? 15 : 60 }, (_, i) => parseDockerfile(text, `file:///bench/rule/${i}`, i));
  const models500 = fresh(small);
  const models5000 = fresh(big);
  const perLine = (models: readonly DockerfileModel[], run: (m: DockerfileModel) => number): number => {
    let k = 0;
    const st = series(() => run(models[k++ % models.length]!), { minIterations: models.length - 3, maxIterations: models.length - 3, minMs: 0, warmup: 3 });
    return (st.median * 1000) / lineCount(models[0]!.text);
  };
  const touch = (m: DockerfileModel): number => {
    let n = 0;
    for (const instr of m.instructions) n += instr.args.length + instr.flags.length + instr.heredocs.length + (instr.argsText?.length ?? 0) + (instr.isJsonForm ? 1 : 0);
    return n;
  };
  const runRule = (rule: DockerfileRule) => (model: DockerfileModel): number => {
    let found = 0;
    const ctx: DockerfileRuleContext = { model, settings: DEFAULT_SETTINGS, fsPath: undefined, files: undefined, derived: new Derived(), report: () => void found++ };
    rule.check.document?.(ctx);
    const table = rule.check.instruction;
    if (table) {
      const every = table['*'];
      for (const instr of model.instructions) {
        every?.(instr, ctx);
        const visit = table[instr.keyword as Keyword];
        visit?.(instr, ctx);
      }
    }
    return found;
  };
  const ratioNote = (a: number, b: number) => (b / a).toFixed(2) + 'x' + (b / a > 1.5 ? '  <- superlinear?' : '');
  const getters500 = perLine(models500, touch);
  const getters5000 = perLine(models5000, touch);
  const engine500 = perLine(models500, (m) => dockerfileResults(m, { settings: allOff }).length);
  const engine5000 = perLine(models5000, (m) => dockerfileResults(m, { settings: allOff }).length);
  const ruleRows: string[][] = [
    ['(Instr getters, first use)', fmt(getters500), fmt(getters5000), ratioNote(getters500, getters5000)],
    ['(engine, every rule off)', fmt(engine500), fmt(engine5000), ratioNote(engine500, engine5000)],
  ];
  for (const r of dockerfileRules) {
    const a = perLine(models500, runRule(r));
    const b = perLine(models5000, runRule(r));
    ruleRows.push([r.id, fmt(a), fmt(b), ratioNote(a, b)]);
  }
  console.log('per rule, alone, parse excluded (us per line, median)\n');
  printTable(['rule', '500 lines', '5,000 lines', '5,000/500'], ruleRows);

  }

  console.log('\ntargets\n');
  printTable(['target', 'measured', 'limit', 'met'], targets.map((t) => [t.what, `${t.value.toFixed(t.unit === 'ms' ? 4 : 2)} ${t.unit}`, `<= ${t.limit} ${t.unit}`, t.value <= t.limit ? 'yes' : 'NO']));
  console.log(`\nload average: ${os.loadavg().map((x) => x.toFixed(2)).join(', ')} (${os.cpus().length} CPUs)`);
}

async function start(): Promise<void> {
  // The shell rules only run once their WASM parser is loaded: load it first and report its cost.
  const t0 = process.hrtime.bigint();
  // Separation: the bundle patched its own dockerfile-ast, node_modules' copy (dockerfile-utils') is untouched.
  if (!astPerfInstalled() || astPerfInstalled(PeerInstruction) || bundle.DockerfileParser === DockerfileParser) {
    throw new Error('benchmark set-up: our dockerfile-ast copy must be the memoised one and the peer\'s must be untouched');
  }
  console.log('dockerfile-ast copies: ours (dist/service.js) memoised, dockerfile-utils\' (node_modules) untouched');
  const loaded = await loadShellParser();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(loaded ? `shell parser start-up (read, compile and start bash-flat.wasm): ${ms.toFixed(1)} ms` : 'shell parser not found: shell rules are NOT measured');
  main();
  if (want('compose')) {
    console.log('\n');
    console.log(formatComposeBench(await composeBench()));
  }
}

start().catch((err: unknown) => console.error('benchmark failed:', err)).finally(() => {
  process.exitCode = 0;
});
