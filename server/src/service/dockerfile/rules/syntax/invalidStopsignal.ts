import type { DockerfileRule } from '../types';
import { REFERENCE_DOCS } from '../types';
import { SIGNALS } from './flagTables';
import { hasVariable, plainArgs } from './util';

const NAMES: ReadonlySet<string> = new Set(SIGNALS);

/** Accepts what moby's signal.ParseSignal accepts on Linux: a positive number or a name, with or without SIG. */
export function isValidSignal(word: string): boolean {
  if (/^\d+$/.test(word)) return Number(word) > 0;
  const name = word.toUpperCase().replace(/^SIG/, '');
  return NAMES.has(name) || /^RTM(IN|AX)([+-]\d+)?$/.test(name);
}

export const invalidStopsignal: DockerfileRule = {
  id: 'dockerfile/invalid-stopsignal',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'STOPSIGNAL with a signal that does not exist',
  explain: { docsUrl: REFERENCE_DOCS('stopsignal') },
  check: {
    instruction: {
      STOPSIGNAL: (instr, ctx) => {
        const arg = plainArgs(ctx.model, instr)[0];
        if (!arg || hasVariable(arg.getValue()) || isValidSignal(arg.getValue())) return;
        ctx.report({
          range: arg.getRange(),
          message: `"${arg.getValue()}" is not a signal: use a name such as SIGTERM or SIGQUIT, or a signal number, otherwise the build stops here.`,
        });
      },
    },
  },
};
