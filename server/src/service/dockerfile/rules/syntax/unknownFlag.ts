import { didYouMean } from '../../../text';
import type { DockerfileRule } from '../types';
import { REFERENCE_DOCS } from '../types';
import { flagSpecs } from './flagTables';
import { mayHaveFlags, realFlags, selfAndTrigger } from './util';

export const unknownFlag: DockerfileRule = {
  id: 'dockerfile/unknown-flag',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'Flag the instruction does not have',
  explain: { docsUrl: REFERENCE_DOCS('overview') },
  check: {
    instruction: {
      '*': (outer, ctx) => selfAndTrigger(outer).forEach((instr) => {
        if (!mayHaveFlags(ctx.model, instr)) return;
        const specs = flagSpecs(instr.keyword);
        if (!specs) return;
        for (const flag of realFlags(instr)) {
          const name = flag.getName();
          // `--` alone ends the flags for BuildKit.
          if (name === '' || specs.some((s) => s.name === name)) continue;
          const suggestion = didYouMean(name, specs.map((s) => s.name));
          const known = specs.map((s) => '--' + s.name).join(', ');
          ctx.report({
            range: flag.getNameRange(),
            message: `${instr.keyword} has no --${name} flag, so the build stops here.` +
              (suggestion ? ` Did you mean --${suggestion}?` : ` Its flags are ${known}.`),
            data: suggestion,
          });
        }
      }),
    },
  },
  fix(_model, finding) {
    const s = finding.data;
    return typeof s === 'string' ? [{ title: `Change to --${s}`, isPreferred: true, edits: [{ range: finding.range, newText: s }] }] : [];
  },
};
