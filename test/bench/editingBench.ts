import { dockerfileCompletion } from '../../server/src/service/dockerfile/completion';
import { parseDockerfile } from '../../server/src/service/dockerfile/model';
import { dockerfileDefinition, dockerfileReferences } from '../../server/src/service/dockerfile/navigation';
import { dockerfileDocumentSymbols, dockerfileFoldingRanges } from '../../server/src/service/dockerfile/symbols';
import { syntheticDockerfile } from './hoverBench';

/**
 * Editing features on the bench file, as the editor sees them (parse cached): the first
 * navigation request builds the per-model index, later ones are lookups.
 */
export interface EditingTiming {
  readonly lines: number;
  readonly parseMs: number;
  readonly firstNavigationMs: number;
  readonly symbolsMs: number;
  readonly foldingMs: number;
  /** Median per call over several columns of every line. */
  readonly completionMedianMs: number;
  readonly referencesMedianMs: number;
}

const ms = (f: () => unknown): number => {
  const t0 = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t0) / 1e6;
};

const median = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export function measureEditing(lines: number): EditingTiming {
  const text = syntheticDockerfile(lines);
  let model = parseDockerfile(text);
  const parseMs = ms(() => (model = parseDockerfile(text)));
  const firstNavigationMs = ms(() => dockerfileReferences(model, { line: 3, character: 16 }, true));
  const symbolsMs = ms(() => dockerfileDocumentSymbols(model));
  const foldingMs = ms(() => dockerfileFoldingRanges(model));
  const completion: number[] = [];
  const references: number[] = [];
  for (let l = 0; l < model.document.lineCount; l++) {
    const len = model.lineText(l).length;
    for (const c of [0, 6, 14, 30, 45]) {
      const p = { line: l, character: Math.min(c, len) };
      completion.push(ms(() => dockerfileCompletion(model, p)));
      references.push(ms(() => { dockerfileReferences(model, p, true); dockerfileDefinition(model, p); }));
    }
  }
  return {
    lines: model.document.lineCount, parseMs, firstNavigationMs, symbolsMs, foldingMs,
    completionMedianMs: median(completion), referencesMedianMs: median(references),
  };
}

if (require.main === module) {
  for (const lines of [5000, 20000]) {
    const t = measureEditing(lines);
    console.log(`editing, ${t.lines}-line file: parse ${t.parseMs.toFixed(1)} ms, first navigation (index) ${t.firstNavigationMs.toFixed(1)} ms, `
      + `symbols ${t.symbolsMs.toFixed(1)} ms, folding ${t.foldingMs.toFixed(1)} ms, completion median ${t.completionMedianMs.toFixed(4)} ms, `
      + `references+definition median ${t.referencesMedianMs.toFixed(4)} ms`);
  }
}
