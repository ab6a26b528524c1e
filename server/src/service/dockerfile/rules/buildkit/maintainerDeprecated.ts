import { DiagnosticTag } from 'vscode-languageserver-types';
import type { DockerfileRule } from '../types';
import { BUILDKIT_DOCS } from '../types';

export const maintainerDeprecated: DockerfileRule = {
  id: 'dockerfile/maintainer-deprecated',
  aliases: ['MaintainerDeprecated', 'DL4000'],
  family: 'buildkit',
  defaultLevel: 'warning',
  title: 'MAINTAINER is deprecated; use a label',
  explain: { docsUrl: BUILDKIT_DOCS('MaintainerDeprecated'), cardId: 'oci-image-annotations' },
  tags: [DiagnosticTag.Deprecated],
  check: {
    instruction: {
      MAINTAINER: (instr, ctx) => {
        ctx.report({
          range: instr.keywordRange,
          message: 'MAINTAINER is deprecated: the author belongs in image metadata, as LABEL org.opencontainers.image.authors="…", which tools can read with docker inspect.',
        });
      },
    },
  },
  fix(model, finding) {
    const instr = model.instructionAtLine(finding.range.start.line);
    if (!instr || instr.keyword !== 'MAINTAINER') return [];
    const value = (instr.argsText ?? '').trim().replace(/\\/g, '\\\\').replace(/"/g, '\\"');
    return [{
      title: 'Replace with LABEL org.opencontainers.image.authors',
      isPreferred: true,
      edits: [{ range: { start: instr.keywordRange.start, end: instr.range.end }, newText: `LABEL org.opencontainers.image.authors="${value}"` }],
    }];
  },
};
