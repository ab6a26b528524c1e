import type { Healthcheck, PropertyInstruction } from 'dockerfile-ast';
import type { DockerfileRule, DockerfileRuleContext } from '../types';
import { REFERENCE_DOCS } from '../types';
import type { Instr, Keyword } from '../../model';
import { plainArgs, roughWordCount } from './util';

/** What each instruction is missing when it has no arguments; RUN and CMD may legally be bare. */
const NEEDS: Partial<Record<Keyword, string>> = {
  FROM: 'FROM needs a base image (or scratch) to start the stage from',
  ADD: 'ADD needs at least one source and a destination',
  COPY: 'COPY needs at least one source and a destination',
  ARG: 'ARG needs a variable name',
  ENV: 'ENV needs a name and a value',
  LABEL: 'LABEL needs a key and a value',
  ENTRYPOINT: 'ENTRYPOINT needs the program to run',
  EXPOSE: 'EXPOSE needs at least one port',
  HEALTHCHECK: 'HEALTHCHECK needs CMD <command> or NONE',
  MAINTAINER: 'MAINTAINER needs a name',
  ONBUILD: 'ONBUILD needs the instruction to run later',
  SHELL: 'SHELL needs the shell program as a JSON array',
  STOPSIGNAL: 'STOPSIGNAL needs a signal name or number',
  USER: 'USER needs a user name or id',
  VOLUME: 'VOLUME needs at least one path',
  WORKDIR: 'WORKDIR needs a path',
};

function bare(instr: Instr, ctx: DockerfileRuleContext): boolean {
  const need = NEEDS[instr.keyword as Keyword];
  if (!need || roughWordCount(ctx.model, instr) > 0) return false;
  if (plainArgs(ctx.model, instr).length > 0) return false;
  ctx.report({ range: instr.keywordRange, message: `${need}, so the build stops here.` });
  return true;
}

function copyLike(instr: Instr, ctx: DockerfileRuleContext): void {
  if (bare(instr, ctx)) return;
  if (roughWordCount(ctx.model, instr) >= 3) return;
  if (instr.isJsonForm) return; // counted by the JSON rules; `COPY ["a"]` is rare
  const args = plainArgs(ctx.model, instr);
  const first = args[0];
  if (!first || args.length >= 2) return;
  ctx.report({
    range: first.getRange(),
    message: `${instr.keyword} needs a destination after its source: with one argument the builder does not know where to put the files, so the build stops here.`,
  });
}

function properties(instr: Instr, ctx: DockerfileRuleContext): void {
  if (bare(instr, ctx)) return;
  for (const p of (instr.node as PropertyInstruction).getProperties()) {
    if (p.getName() === '') {
      ctx.report({ range: p.getRange(), message: `${instr.keyword} needs a name before "=": a value without a name cannot be stored, so the build stops here.` });
    } else if (p.getValue() === null) {
      ctx.report({
        range: p.getNameRange(),
        message: instr.keyword === 'ENV'
          ? `ENV "${p.getName()}" has no value: write ${p.getName()}=<value> (an empty value is ${p.getName()}=""), otherwise the build stops here.`
          : `LABEL "${p.getName()}" has no value: write ${p.getName()}=<value>, otherwise the build stops here.`,
      });
    }
  }
}

export const missingArguments: DockerfileRule = {
  id: 'dockerfile/missing-arguments',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'Instruction without the arguments it requires',
  explain: { docsUrl: REFERENCE_DOCS('overview') },
  check: {
    instruction: {
      '*': (instr, ctx) => {
        switch (instr.keyword) {
          case 'ADD': case 'COPY': copyLike(instr, ctx); break;
          case 'ENV': case 'LABEL': properties(instr, ctx); break;
          case 'HEALTHCHECK': {
            if (bare(instr, ctx)) return;
            const sub = (instr.node as Healthcheck).getSubcommand();
            if (!sub) {
              ctx.report({ range: instr.keywordRange, message: 'HEALTHCHECK has options but no CMD <command> or NONE after them, so the build stops here.' });
            } else if (sub.getValue().toUpperCase() === 'CMD' && plainArgs(ctx.model, instr).length === 1) {
              ctx.report({ range: sub.getRange(), message: 'HEALTHCHECK CMD needs the command that checks the container, so the build stops here.' });
            }
            break;
          }
          case 'SHELL':
            if (bare(instr, ctx)) return;
            if (instr.isJsonForm && /^\[\s*\]$/.test((instr.argsText ?? '').trim())) {
              ctx.report({ range: instr.args[0]!.getRange(), message: 'SHELL needs at least the shell program, e.g. ["/bin/sh", "-c"]; an empty list stops the build.' });
            }
            break;
          default:
            bare(instr, ctx);
        }
      },
    },
  },
};
