import type { JSONInstruction } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import type { DockerfileRule } from '../types';
import { HADOLINT_DOCS } from '../types';
import type { DockerfileModel, Instr } from '../../model';
import { hasVariable, isHeredocWord, plainArgs, roughWordCount, tail } from './util';

interface Dest { readonly value: string; readonly range: Range; readonly sources: number; readonly insertAt: Range['end'] }

function destination(model: DockerfileModel, instr: Instr): Dest | undefined {
  const t = tail(model, instr);
  // Fewer than three words (without JSON brackets) cannot be two sources and a destination.
  if (!t.includes('[') && roughWordCount(model, instr) < 3) return undefined;
  if (instr.isJsonForm) {
    const strings = (instr.node as JSONInstruction).getJSONStrings?.() ?? [];
    const last = strings[strings.length - 1];
    if (!last || strings.length < 3) return undefined;
    const r = last.getJSONRange();
    return { value: last.getValue().slice(1, -1), range: last.getRange(), sources: strings.length - 1, insertAt: r.end };
  }
  const args = plainArgs(model, instr);
  if (args.length < 3) return undefined;
  const last = args[args.length - 1]!;
  const r = last.getRange();
  let value = last.getValue();
  let insertAt = r.end;
  if (/^(["']).*\1$/.test(value) && value.length >= 2) {
    value = value.slice(1, -1);
    insertAt = { line: r.end.line, character: r.end.character - 1 };
  }
  return { value, range: r, sources: args.length - 1, insertAt };
}

export const copyDestinationSlash: DockerfileRule = {
  id: 'dockerfile/copy-destination-slash',
  aliases: ['DL3021'],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'COPY/ADD with several sources needs a destination ending in /',
  explain: { docsUrl: HADOLINT_DOCS('DL3021') },
  check: {
    instruction: {
      '*': (instr, ctx) => {
        if (instr.keyword !== 'COPY' && instr.keyword !== 'ADD') return;
        const d = destination(ctx.model, instr);
        if (!d || hasVariable(d.value) || isHeredocWord(d.value)) return;
        if (d.value.endsWith('/') || d.value.endsWith('\\')) return;
        ctx.report({
          range: d.range,
          message: `${instr.keyword} has ${d.sources} sources, so the destination "${d.value}" must be a directory written with a trailing "/" (${d.value}/); otherwise the builder cannot tell where each file goes, and the build stops here.`,
          data: d.insertAt,
        });
      },
    },
  },
  fix(_model, finding) {
    const at = finding.data as Range['end'] | undefined;
    if (!at || typeof at.line !== 'number') return [];
    return [{ title: 'Add a trailing / to the destination', isPreferred: true, edits: [{ range: { start: at, end: at }, newText: '/' }] }];
  },
};
