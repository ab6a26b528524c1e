import { PROXY_ARGS, variablesOf } from '../../variables';
import type { DockerfileRule } from '../types';
import { BUILDKIT_DOCS } from '../types';
import { closeName, eolOf, keywordLike, mentionsDollar, scanVariables } from './shared';

/** `${X:-default}` / `${X-default}`: the author already handles X being unset. */
export function hasDefault(modifier: string | null): boolean {
  return modifier === '-' || modifier === ':-';
}

export const undefinedArgInFrom: DockerfileRule = {
  id: 'dockerfile/undefined-arg-in-from',
  aliases: ['UndefinedArgInFrom'],
  family: 'buildkit',
  defaultLevel: 'warning',
  title: 'FROM uses a variable that no global ARG declares',
  explain: { docsUrl: BUILDKIT_DOCS('UndefinedArgInFrom') },
  check: {
    instruction: {
      FROM: (instr, ctx) => {
        if (!mentionsDollar(ctx.model, instr)) return;
        const model = ctx.model;
        const vars = variablesOf(model);
        let candidates: string[] | undefined;
        for (const v of scanVariables(model, model.document.offsetAt(instr.keywordRange.end), model.document.offsetAt(instr.range.end))) {
          const name = v.name;
          if (hasDefault(v.modifier)) continue;
          if (vars.resolve(instr, name).decl) continue;
          candidates ??= vars.visibleNames(instr).filter((n) => !PROXY_ARGS.has(n));
          const suggestion = closeName(name, candidates);
          ctx.report({
            range: { start: model.document.positionAt(v.start), end: model.document.positionAt(v.end) },
            message: `FROM uses '${name}', which no ARG before the first FROM declares, so it expands to an empty string and the image name breaks unless --build-arg sets it.` +
              (suggestion ? ` Did you mean ${suggestion}?` : ` Declare it at the top: ARG ${name}=<default>.`),
            data: { name, suggestion },
          });
        }
      },
    },
  },
  fix(model, finding) {
    const d = finding.data as { name?: unknown; suggestion?: unknown } | undefined;
    if (!d || typeof d.name !== 'string') return [];
    if (typeof d.suggestion === 'string') {
      return [{ title: `Change to ${d.suggestion}`, isPreferred: true, edits: [{ range: finding.range, newText: d.suggestion }] }];
    }
    // Declare it with the other global ARGs (or just above the first FROM).
    const lastGlobal = [...model.preamble].reverse().find((i) => i.keyword === 'ARG');
    const line = lastGlobal ? lastGlobal.range.end.line + 1 : model.stages[0]?.from.range.start.line ?? 0;
    const text = `${keywordLike(model, 'ARG')} ${d.name}${eolOf(model)}`;
    const at = { line, character: 0 };
    if (line >= model.document.lineCount) {
      return [{ title: `Declare ARG ${d.name} before the first FROM`, isPreferred: true, edits: [{ range: { start: model.document.positionAt(model.text.length), end: model.document.positionAt(model.text.length) }, newText: eolOf(model) + text.trimEnd() }] }];
    }
    return [{ title: `Declare ARG ${d.name} before the first FROM`, isPreferred: true, edits: [{ range: { start: at, end: at }, newText: text }] }];
  },
};
