import type { Property } from 'dockerfile-ast';
import type { Instr } from '../../model';
import type { DockerfileRule, InstructionVisitor } from '../types';
import { BUILDKIT_DOCS } from '../types';
import { textOf } from './shared';

function properties(instr: Instr): Property[] {
  const n = instr.node as unknown as { getProperties?: () => Property[] };
  return typeof n.getProperties === 'function' ? n.getProperties() : [];
}

/**
 * `value` as one `key=value` word that means the same: legacy values run to the end of the
 * line, spaces included, so spaces must be quoted or escaped in the new form.
 */
export function asAssignmentValue(raw: string, escapeChar: string): string {
  if (!/\s/.test(raw)) return raw;
  if (!/["'\\`]/.test(raw)) return `"${raw}"`;
  // Quotes already present: escape only the whitespace outside them.
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === escapeChar && !quote && i + 1 < raw.length) {
      out += c + raw[++i]!;
      continue;
    }
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === escapeChar && quote === '"' && i + 1 < raw.length) {
        out += c + raw[++i]!;
        continue;
      }
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === ' ' || c === '\t') {
      out += escapeChar + c;
      continue;
    }
    out += c;
  }
  return out;
}

const visit: InstructionVisitor = (instr, ctx) => {
  for (const p of properties(instr)) {
    if (p.getAssignmentOperator() !== null || p.getValue() === null) continue;
    ctx.report({
      range: p.getRange(),
      message: `"${instr.keyword} key value" is the legacy form: it allows only one pair and everything after the first space becomes the value, which is easy to misread. Write ${instr.keyword} key=value.`,
    });
  }
};

export const legacyKeyValueFormat: DockerfileRule = {
  id: 'dockerfile/legacy-key-value-format',
  aliases: ['LegacyKeyValueFormat'],
  family: 'buildkit',
  defaultLevel: 'warning',
  title: 'Use key=value in ENV and LABEL, not the legacy "key value" form',
  explain: { docsUrl: BUILDKIT_DOCS('LegacyKeyValueFormat') },
  check: { instruction: { ENV: visit, LABEL: visit } },
  fix(model, finding) {
    const instr = model.instructionAtLine(finding.range.start.line);
    if (!instr) return [];
    const prop = properties(instr).find((p) => p.getRange().start.line === finding.range.start.line && p.getRange().start.character === finding.range.start.character);
    const valueRange = prop?.getValueRange();
    if (!prop || !valueRange || valueRange.start.line !== valueRange.end.line) return [];
    const name = textOf(model, prop.getNameRange());
    const raw = textOf(model, valueRange);
    return [{
      title: `Change to ${name}=…`,
      isPreferred: true,
      edits: [{ range: { start: prop.getNameRange().start, end: valueRange.end }, newText: `${name}=${asAssignmentValue(raw, model.escapeChar)}` }],
    }];
  },
};
