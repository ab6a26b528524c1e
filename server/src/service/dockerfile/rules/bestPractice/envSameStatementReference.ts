import type { DockerfileModel, Instr } from '../../model';
import { derived } from '../../../derived';
import type { DockerfileRule } from '../types';
import { HADOLINT_DOCS } from '../types';
import { properties, stageGraph } from './common';

/** Per ENV instruction: the variable names ARG/ENV defined earlier in its stage or the stages it builds on. */
const definedBefore = derived((model: DockerfileModel): Map<number, ReadonlySet<string>> => {
  const map = new Map<number, ReadonlySet<string>>();
  const endOfStage: Set<string>[] = [];
  for (const info of stageGraph(model).stages) {
    const names = new Set<string>(info.parent ? endOfStage[info.parent.stage.index] : []);
    for (const instr of info.stage.instructions) {
      if (instr.keyword === 'ENV') map.set(instr.index, new Set(names));
      if (instr.keyword === 'ENV' || instr.keyword === 'ARG') for (const p of properties(instr)) names.add(p.getName());
    }
    endOfStage.push(names);
  }
  return map;
});

/** `$NAME` / `${NAME…}` references outside single quotes, with their offsets in `raw`. */
export function references(raw: string, escape: string): { name: string; start: number; end: number }[] {
  const out: { name: string; start: number; end: number }[] = [];
  let single = false;
  let double = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === escape && !single) {
      i++;
      continue;
    }
    if (c === "'" && !double) single = !single;
    else if (c === '"' && !single) double = !double;
    else if (c === '$' && !single) {
      const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(raw.slice(i));
      if (m) {
        out.push({ name: (m[1] ?? m[2])!, start: i, end: i + m[0].length });
        i += m[0].length - 1;
      }
    }
  }
  return out;
}

export const envSameStatementReference: DockerfileRule = {
  id: 'dockerfile/env-same-statement-reference',
  aliases: ['DL3044'],
  family: 'best-practice',
  defaultLevel: 'warning',
  title: 'ENV uses a variable that the same ENV instruction sets',
  explain: { docsUrl: HADOLINT_DOCS('DL3044') },
  check: {
    instruction: {
      ENV: (instr: Instr, ctx) => {
        const props = properties(instr);
        if (props.length < 2) return;
        const model = ctx.model;
        const before = definedBefore(model).get(instr.index) ?? new Set<string>();
        const setHere = new Set<string>();
        for (const p of props) {
          const vr = p.getValueRange();
          if (vr) {
            const start = model.document.offsetAt(vr.start);
            const raw = model.text.slice(start, model.document.offsetAt(vr.end));
            for (const ref of references(raw, model.escapeChar)) {
              // `PATH=$PATH:/x` means the old value on purpose; earlier definitions make the value known.
              if (!setHere.has(ref.name) || ref.name === p.getName() || before.has(ref.name)) continue;
              ctx.report({
                range: { start: model.document.positionAt(start + ref.start), end: model.document.positionAt(start + ref.end) },
                message: `${ref.name} is set earlier in this same ENV instruction, but every value in one ENV is expanded before any of them is assigned, so this reference still sees the value from before the line (empty, unless the base image sets it). Move ${p.getName()}=… to its own ENV instruction after the one that sets ${ref.name}.`,
              });
            }
          }
          setHere.add(p.getName());
        }
      },
    },
  },
};
