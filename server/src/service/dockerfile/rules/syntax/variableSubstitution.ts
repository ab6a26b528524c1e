import type { DockerfileRule, DockerfileRuleContext, InstructionVisitor } from '../types';
import { REFERENCE_DOCS } from '../types';
import type { Instr } from '../../model';
import { tail } from './util';

/** After `${name`, what BuildKit's shell lexer accepts: `}` or one of these operators. */
const OPERATORS = new Set(['-', '+', '?', '#', '%', '/']);
const COLON_OPERATORS = new Set(['-', '+', '?']);

/**
 * Scans the text BuildKit expands for this instruction and reports substitutions it rejects.
 * Quotes are tracked because `'${x:m}'` is literal; `checkQuotes` is for ENV/LABEL/ARG, whose values
 * BuildKit unquotes and where an unclosed quote fails the build.
 */
function scan(instr: Instr, ctx: DockerfileRuleContext, checkQuotes: boolean): void {
  const { model } = ctx;
  const raw = tail(model, instr);
  if (!raw.includes('${') && !(checkQuotes && (raw.includes('"') || raw.includes("'")))) return;
  const args = instr.args;
  if (args.length === 0) return;
  // Heredoc bodies are not expanded like arguments; scan only the instruction's own line(s).
  const endArg = raw.includes('<<') && instr.heredocs.length > 0 ? args.filter((a) => a.getRange().start.line <= instr.heredocs[0]!.getStartRange().start.line).pop() : args[args.length - 1];
  if (!endArg) return;
  const doc = model.document;
  const start = doc.offsetAt(instr.keywordRange.end);
  const end = doc.offsetAt(endArg.getRange().end);
  const text = model.text;
  const esc = model.escapeChar;
  let quote: '"' | "'" | undefined;
  let quoteAt = -1;
  for (let i = start; i < end; i++) {
    const c = text[i]!;
    if (c === '\n') {
      // A comment line inside a continuation is dropped by the builder.
      let j = i + 1;
      while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
      if (text[j] === '#') {
        while (j < end && text[j] !== '\n') j++;
        i = j - 1;
      }
      continue;
    }
    if (quote === "'") {
      if (c === "'") quote = undefined;
      continue;
    }
    if (c === esc) {
      // Before a line break it is a continuation: let the newline branch see the next line.
      if (text[i + 1] !== '\n' && text[i + 1] !== '\r') i++;
      continue;
    }
    if (c === '"' || c === "'") {
      if (quote === c) quote = undefined;
      else if (!quote) {
        quote = c;
        quoteAt = i;
      }
      continue;
    }
    if (c !== '$' || text[i + 1] !== '{') continue;
    let j = i + 2;
    while (j < end && /[A-Za-z0-9_]/.test(text[j]!)) j++;
    const op = text[j];
    if (op === ':' && !COLON_OPERATORS.has(text[j + 1] ?? '')) {
      const bad = text[j + 1] ?? '';
      ctx.report({
        range: { start: doc.positionAt(i), end: doc.positionAt(Math.min(end, j + 2)) },
        message: `"${text.slice(i, Math.min(end, j + 2))}…" uses an operator the builder does not support (${bad === '' || bad === '}' ? 'nothing' : `"${bad}"`} after ":"): use \${name:-default}, \${name:+alt} or \${name:?message}, otherwise the build stops here.`,
      });
    } else if (op !== '}' && op !== ':' && !OPERATORS.has(op ?? '')) {
      if (j >= end || op === '\n' || op === '\r' || op === ' ' || op === '\t' || op === '"' || op === "'") {
        ctx.report({
          range: { start: doc.positionAt(i), end: doc.positionAt(j) },
          message: `"${text.slice(i, j)}" is never closed with "}", so the builder cannot tell where the variable name ends and the build stops here.`,
        });
      } else {
        ctx.report({
          range: { start: doc.positionAt(i), end: doc.positionAt(j + 1) },
          message: `"${text.slice(i, j + 1)}…" is not a valid substitution: after the name comes "}" or an operator such as :-, so the build stops here.`,
        });
      }
      i = j;
      continue;
    }
    // Find the closing brace, allowing nested ${…} in the default value.
    let depth = 1;
    let k = j;
    for (; k < end && depth > 0; k++) {
      if (text[k] === esc) k++;
      else if (text[k] === '$' && text[k + 1] === '{') {
        depth++;
        k++;
      } else if (text[k] === '}') depth--;
    }
    if (depth > 0) {
      ctx.report({
        range: { start: doc.positionAt(i), end: doc.positionAt(j) },
        message: `"${text.slice(i, j)}" is never closed with "}", so the builder cannot tell where the substitution ends and the build stops here.`,
      });
      return;
    }
  }
  if (quote && checkQuotes) {
    ctx.report({
      range: { start: doc.positionAt(quoteAt), end: doc.positionAt(quoteAt + 1) },
      message: `This ${quote === '"' ? 'double' : 'single'} quote is never closed, so the builder cannot tell where the value ends and the build stops here.`,
    });
  }
}

const expanding: InstructionVisitor = (instr, ctx) => scan(instr, ctx, false);
const quoted: InstructionVisitor = (instr, ctx) => scan(instr, ctx, true);

export const variableSubstitution: DockerfileRule = {
  id: 'dockerfile/variable-substitution',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'Variable substitution or quoting the builder cannot parse',
  explain: { docsUrl: REFERENCE_DOCS('environment-replacement') },
  check: {
    // RUN, CMD and ENTRYPOINT are left to the shell at run time, so their text is not checked.
    instruction: {
      ADD: expanding, COPY: expanding, EXPOSE: expanding, FROM: expanding, STOPSIGNAL: expanding,
      USER: expanding, VOLUME: expanding, WORKDIR: expanding,
      ENV: quoted, LABEL: quoted, ARG: quoted,
    },
  },
};
