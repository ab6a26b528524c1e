import type { Range } from 'vscode-languageserver-types';
import type { DockerfileRule } from '../types';
import { BUILDKIT_DOCS } from '../types';
import { mentions } from './shared';

export const noEmptyContinuation: DockerfileRule = {
  id: 'dockerfile/no-empty-continuation',
  aliases: ['NoEmptyContinuation'],
  family: 'buildkit',
  defaultLevel: 'warning',
  title: 'Empty lines inside a continued instruction',
  explain: { docsUrl: BUILDKIT_DOCS('NoEmptyContinuation') },
  check: {
    instruction: {
      '*': (instr, ctx) => {
        const { start, end } = instr.range;
        if (end.line === start.line) return;
        const model = ctx.model;
        // Heredoc bodies are file content: blank lines there are data.
        const heredocLines: [number, number][] = [];
        if (mentions(model, instr, '<<')) for (const h of instr.heredocs) {
          const from = h.getStartRange().start.line + 1;
          const to = h.getDelimiterRange()?.start.line ?? end.line;
          heredocLines.push([from, to]);
        }
        let run: Range | undefined;
        const flush = (): void => {
          if (!run) return;
          ctx.report({
            range: run,
            message: 'Empty line inside a continued instruction: the builder skips it today, but it is deprecated and may become an error; it also hides where the instruction really ends.',
          });
          run = undefined;
        };
        // An instruction may open thousands of heredocs, all starting on one line: merge their spans and walk
        // them alongside the lines, instead of testing every span on every line.
        const spans = mergeSpans(heredocLines);
        let k = 0;
        for (let line = start.line + 1; line <= end.line; line++) {
          while (k < spans.length && spans[k]![1] < line) k++;
          if (k < spans.length && line >= spans[k]![0]) {
            flush();
            continue;
          }
          const text = model.lineText(line);
          if (text.trim() === '') {
            const r: Range = { start: { line, character: 0 }, end: { line, character: text.length } };
            run = run ? { start: run.start, end: r.end } : r;
          } else {
            flush();
          }
        }
        flush();
      },
    },
  },
  fix(model, finding) {
    const first = finding.range.start.line;
    const last = finding.range.end.line;
    for (let l = first; l <= last; l++) if (model.lineText(l).trim() !== '') return [];
    return [{
      title: last > first ? 'Remove the empty lines' : 'Remove the empty line',
      isPreferred: true,
      // Through the start of the next line; offsets clamp at the end of a file without a final newline.
      edits: [{
        range: {
          start: { line: first, character: 0 },
          end: model.document.positionAt(model.document.offsetAt({ line: last + 1, character: 0 })),
        },
        newText: '',
      }],
    }];
  },
};

/** The line spans as sorted, disjoint spans covering the same lines. */
function mergeSpans(spans: [number, number][]): [number, number][] {
  const sorted = spans.filter(([a, b]) => a <= b).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}
