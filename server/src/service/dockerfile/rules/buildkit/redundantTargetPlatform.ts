import type { DockerfileRule } from '../types';
import { BUILDKIT_DOCS } from '../types';

export const redundantTargetPlatform: DockerfileRule = {
  id: 'dockerfile/redundant-target-platform',
  aliases: ['RedundantTargetPlatform', 'DL3065'],
  family: 'buildkit',
  defaultLevel: 'warning',
  title: 'FROM --platform=$TARGETPLATFORM is the default and can go',
  explain: { docsUrl: BUILDKIT_DOCS('RedundantTargetPlatform') },
  check: {
    instruction: {
      FROM: (instr, ctx) => {
        const flag = instr.flag('platform');
        const value = flag?.getValue();
        if (!flag || (value !== '$TARGETPLATFORM' && value !== '${TARGETPLATFORM}')) return;
        ctx.report({
          range: flag.getRange(),
          message: `--platform=${value} changes nothing: a stage is built for the target platform unless told otherwise. Remove the flag (use --platform=$BUILDPLATFORM when you mean the build machine).`,
        });
      },
    },
  },
  fix(model, finding) {
    const { start, end } = finding.range;
    const line = model.lineText(end.line);
    let stop = end.character;
    while (stop < line.length && (line[stop] === ' ' || line[stop] === '\t')) stop++;
    return [{ title: 'Remove --platform', isPreferred: true, edits: [{ range: { start, end: { line: end.line, character: stop } }, newText: '' }] }];
  },
};
