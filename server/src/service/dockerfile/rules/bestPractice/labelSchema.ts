import type { Range } from 'vscode-languageserver-types';
import type { Property } from 'dockerfile-ast';
import type { LabelType } from '../../../settings';
import type { DockerfileRule } from '../types';
import { HADOLINT_DOCS } from '../types';
import { properties } from './common';

/** Where a label's value sits, falling back to its key when the value is empty. */
export function valueRange(p: Property): Range {
  const r = p.getValueRange();
  if (r && (r.start.line !== r.end.line || r.start.character !== r.end.character)) return r;
  return p.getNameRange();
}

interface FormatRule {
  readonly id: string;
  readonly alias: string;
  readonly type: LabelType;
  readonly title: string;
  /** What a good value looks like, for the message ("a URL"). */
  readonly what: string;
  /** Why the format matters, one clause. */
  readonly why: string;
  readonly problem: (value: string) => string | undefined;
}

/** One rule per schema type: every LABEL key the schema gives this type must hold a well-formed value. */
export function labelFormatRule(spec: FormatRule): DockerfileRule {
  return {
    id: spec.id,
    aliases: [spec.alias],
    family: 'best-practice',
    defaultLevel: 'warning',
    title: spec.title,
    explain: { docsUrl: HADOLINT_DOCS(spec.alias) },
    check: {
      instruction: {
        LABEL: (instr, ctx) => {
          const schema = ctx.settings.labelSchema;
          if (!schema) return;
          for (const p of properties(instr)) {
            if (schema[p.getName()] !== spec.type) continue;
            const value = (p.getValue() ?? '').trim();
            // Empty values are label-empty's finding; variables are only known at build time.
            if (!value || value.includes('$')) continue;
            const problem = spec.problem(value);
            if (!problem) continue;
            ctx.report({
              range: valueRange(p),
              message: `Label ${p.getName()} should be ${spec.what} (your label schema says so), but ${problem}. ${spec.why}`,
            });
          }
        },
      },
    },
  };
}
