import type { Flag } from 'dockerfile-ast';
import { didYouMean } from '../../../text';
import type { DockerfileModel, Instr, Stage } from '../../model';
import type { DockerfileRuleContext } from '../types';
import { mayHaveFlags } from './util';

export type FromTarget =
  | { readonly kind: 'self'; readonly flag: Flag; readonly stage: Stage }
  | { readonly kind: 'later'; readonly flag: Flag; readonly stage: Stage }
  | { readonly kind: 'earlier'; readonly flag: Flag; readonly stage: Stage }
  | { readonly kind: 'bad-index'; readonly flag: Flag; readonly index: number }
  | { readonly kind: 'near-miss'; readonly flag: Flag; readonly suggestion: string }
  | { readonly kind: 'image'; readonly flag: Flag };

/**
 * What `COPY --from=<x>` / `ADD --from` refers to, resolved the way BuildKit does: a stage name
 * (case-insensitive, any stage of the file), a numeric stage index, otherwise an image reference.
 */
export function resolveFrom(model: DockerfileModel, instr: Instr): FromTarget | undefined {
  const own = instr.stage;
  if (!own || instr.parent || !mayHaveFlags(model, instr)) return undefined;
  const flag = instr.flag('from');
  if (!flag) return undefined;
  const value = flag.getValue();
  if (!value || value.includes('$')) return undefined;
  if (/^\d+$/.test(value)) {
    const index = Number(value);
    const stage = model.stages[index];
    if (!stage) return { kind: 'bad-index', flag, index };
    return { kind: stage === own ? 'self' : stage.index > own.index ? 'later' : 'earlier', flag, stage };
  }
  const stage = model.stageByName(value);
  if (stage) return { kind: stage === own ? 'self' : stage.index > own.index ? 'later' : 'earlier', flag, stage };
  // Anything with a registry, path, tag or digest is an image; a bare word may be one too (alpine),
  // so only a near miss of a stage name is worth a question.
  if (!/[/:@]/.test(value)) {
    const names = model.stages.flatMap((s) => (s.name ? [s.name] : []));
    const suggestion = didYouMean(value, names);
    if (suggestion) return { kind: 'near-miss', flag, suggestion };
  }
  return { kind: 'image', flag };
}

/** Kept on the instruction (memo): three rules ask for the same resolution of every COPY. */
export function fromTarget(ctx: DockerfileRuleContext, instr: Instr): FromTarget | undefined {
  const hit = instr.memo.fromTarget as FromTarget | null | undefined;
  if (hit !== undefined) return hit ?? undefined;
  const t = resolveFrom(ctx.model, instr);
  instr.memo.fromTarget = t ?? null;
  return t;
}

export function stageLabel(stage: Stage): string {
  return stage.name ? `"${stage.name}"` : `#${stage.index}`;
}
