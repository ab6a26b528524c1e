import type { DockerfileRule, InstructionVisitor } from '../types';
import { REFERENCE_DOCS } from '../types';
import { tail } from './util';

const visit: InstructionVisitor = (instr, ctx) => {
  if (!tail(ctx.model, instr).includes('<<')) return;
  for (const h of instr.heredocs) {
    if (h.getDelimiterRange() !== null) continue;
    const name = h.getName();
    ctx.report({
      range: h.getNameRange(),
      message: `The here-document "${name}" is never closed: add a line containing only ${name} after its content, otherwise the rest of the file is swallowed into it and the build stops.`,
    });
  }
};

export const unterminatedHeredoc: DockerfileRule = {
  id: 'dockerfile/unterminated-heredoc',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'Here-document without its closing delimiter',
  explain: { docsUrl: REFERENCE_DOCS('here-documents') },
  check: { instruction: { RUN: visit, COPY: visit, ADD: visit } },
};
