import type { DockerfileModel } from '../../model';
import { variablesOf } from '../../variables';
import type { DockerfileRule } from '../types';
import { BUILDKIT_DOCS } from '../types';
import { hasVariable } from './shared';

/** Values the builder gives its platform ARGs on a typical linux/amd64 build. */
const PLATFORM_DEFAULTS: ReadonlyMap<string, string> = new Map([
  ['TARGETPLATFORM', 'linux/amd64'], ['TARGETOS', 'linux'], ['TARGETARCH', 'amd64'], ['TARGETVARIANT', ''],
  ['BUILDPLATFORM', 'linux/amd64'], ['BUILDOS', 'linux'], ['BUILDARCH', 'amd64'], ['BUILDVARIANT', ''],
]);

/**
 * Substitutes `$X`, `${X}`, `${X:-w}`, `${X-w}`, `${X:+w}`, `${X+w}` as the Dockerfile lexer does.
 * Returns undefined for forms it cannot evaluate (`${X:?}` errors, unbalanced braces).
 */
export function expandWord(word: string, env: ReadonlyMap<string, string>, escapeChar = '\\'): string | undefined {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    if (c === escapeChar && i + 1 < word.length) {
      out += word[++i];
      continue;
    }
    if (c === '"' || c === "'") continue;
    if (c !== '$') {
      out += c;
      continue;
    }
    if (word[i + 1] === '{') {
      const close = word.indexOf('}', i + 2);
      if (close < 0) return undefined;
      const body = word.slice(i + 2, close);
      i = close;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?])(.*))?$/s.exec(body);
      if (!m) return undefined;
      const value = env.get(m[1]!);
      const op = m[2];
      const arg = expandWord(m[3] ?? '', env, escapeChar);
      if (arg === undefined) return undefined;
      if (!op) out += value ?? '';
      else if (op === ':-') out += value ? value : arg;
      else if (op === '-') out += value !== undefined ? value : arg;
      else if (op === ':+') out += value ? arg : '';
      else if (op === '+') out += value !== undefined ? arg : '';
      else return undefined;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(word.slice(i + 1));
    if (!m) {
      out += '$';
      continue;
    }
    out += env.get(m[0]) ?? '';
    i += m[0].length;
  }
  return out;
}

const DOMAIN_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const PATH_PART = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REFERENCE = new RegExp(
  `^(?:${DOMAIN}/)?${PATH_PART}(?:/${PATH_PART})*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`,
);

/** The image reference grammar the builder accepts (lowercase repository, optional registry, tag, digest). */
export function isValidReference(ref: string): boolean {
  return ref.length > 0 && REFERENCE.test(ref);
}

/** Global ARG defaults, each expanded with the ones declared before it. */
function defaultGlobals(model: DockerfileModel): Map<string, string> {
  const env = new Map(PLATFORM_DEFAULTS);
  for (const d of variablesOf(model).declarations) {
    if (!d.global) continue;
    if (d.value === undefined) {
      env.delete(d.name);
      continue;
    }
    const v = expandWord(d.value, env, model.escapeChar);
    if (v !== undefined) env.set(d.name, v);
  }
  return env;
}

export const invalidDefaultArgInFrom: DockerfileRule = {
  id: 'dockerfile/invalid-default-arg-in-from',
  aliases: ['InvalidDefaultArgInFrom'],
  family: 'buildkit',
  defaultLevel: 'warning',
  title: 'With the default ARG values, FROM names no valid image',
  explain: { docsUrl: BUILDKIT_DOCS('InvalidDefaultArgInFrom') },
  check: {
    instruction: {
      FROM: (instr, ctx) => {
        const arg = instr.args[0];
        if (!arg) return;
        const word = arg.getValue();
        if (!hasVariable(word, ctx.model.escapeChar)) return;
        const expanded = expandWord(word, defaultGlobals(ctx.model), ctx.model.escapeChar);
        if (expanded === undefined || isValidReference(expanded)) return;
        ctx.report({
          range: arg.getRange(),
          message: `With the default ARG values this FROM becomes ${expanded ? `'${expanded}', which is not a valid image name` : 'an empty image name'}, so a plain docker build fails unless every build passes --build-arg. Give the ARG a default that yields a full image name.`,
        });
      },
    },
  },
};
