import type { DockerfileRule } from '../types';
import { REFERENCE_DOCS } from '../types';
import { plainArgs } from './util';

export const fromSyntax: DockerfileRule = {
  id: 'dockerfile/from-syntax',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'FROM must be `FROM <image>` or `FROM <image> AS <name>`',
  explain: { docsUrl: REFERENCE_DOCS('from') },
  check: {
    instruction: {
      FROM: (instr, ctx) => {
        const args = plainArgs(ctx.model, instr);
        if (args.length === 0 || args.length === 1) return;
        if (args.length === 3) {
          const second = args[1]!;
          if (second.getValue().toUpperCase() === 'AS') return;
          ctx.report({
            range: second.getRange(),
            message: `FROM expects AS between the image and the stage name, not "${second.getValue()}", so the build stops here.`,
            data: instr.rawKeyword === instr.rawKeyword.toLowerCase() ? 'as' : 'AS',
          });
          return;
        }
        const extra = args.length === 2 ? args[1]! : args[3]!;
        const as = instr.rawKeyword === instr.rawKeyword.toLowerCase() ? 'as' : 'AS';
        ctx.report({
          data: args.length === 2 ? { insert: `${as} ` } : { remove: true },
          range: { start: extra.getRange().start, end: args[args.length - 1]!.getRange().end },
          message: args.length === 2
            ? `FROM takes an image, optionally followed by AS <name>; "${extra.getValue()}" on its own is not understood, so the build stops here.`
            : 'FROM takes an image, optionally followed by AS <name>, and nothing more, so the build stops here.',
        });
      },
    },
  },
  fix(model, finding) {
    const d = finding.data as string | { insert?: string; remove?: boolean } | undefined;
    if (typeof d === 'string') return [{ title: `Change to ${d}`, isPreferred: true, edits: [{ range: finding.range, newText: d }] }];
    if (d?.insert) {
      const at = finding.range.start;
      return [{ title: `Insert ${d.insert.trim()} before the stage name`, isPreferred: true, edits: [{ range: { start: at, end: at }, newText: d.insert }] }];
    }
    if (d?.remove) {
      let start = model.document.offsetAt(finding.range.start);
      while (start > 0 && /[ \t]/.test(model.text[start - 1]!)) start--;
      return [{ title: 'Remove the extra arguments', isPreferred: true, edits: [{ range: { start: model.document.positionAt(start), end: finding.range.end }, newText: '' }] }];
    }
    return [];
  },
};
