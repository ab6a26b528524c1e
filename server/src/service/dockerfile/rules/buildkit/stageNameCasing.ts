import type { TextEdit } from 'vscode-languageserver-types';
import type { From } from 'dockerfile-ast';
import type { DockerfileModel } from '../../model';
import type { DockerfileRule } from '../types';
import { BUILDKIT_DOCS } from '../types';

/** Every place that names the stage: its `AS`, later `FROM <name>`, `COPY --from=<name>`, `RUN --mount=from=<name>`. */
export function stageReferenceEdits(model: DockerfileModel, stageIndex: number, newName: string): TextEdit[] {
  const stage = model.stages[stageIndex];
  if (!stage?.name || !stage.nameRange) return [];
  const lower = stage.name.toLowerCase();
  const edits: TextEdit[] = [{ range: stage.nameRange, newText: newName }];
  for (const instr of model.instructions) {
    if (instr.index <= stage.from.index) continue;
    const target = instr.onbuildTrigger ?? instr;
    if (target.keyword === 'FROM') {
      const from = target.node as From;
      const image = from.getImage();
      const range = from.getImageRange();
      if (image && range && image.toLowerCase() === lower) edits.push({ range, newText: newName });
    } else if (target.keyword === 'COPY' || target.keyword === 'ADD') {
      const flag = target.flag('from');
      const range = flag?.getValueRange();
      if (flag && range && flag.getValue()?.toLowerCase() === lower) edits.push({ range, newText: newName });
    } else if (target.keyword === 'RUN') {
      for (const flag of target.flags) {
        if (flag.getName() !== 'mount') continue;
        const opt = flag.getOption('from');
        const range = opt?.getValueRange();
        if (opt && range && opt.getValue()?.toLowerCase() === lower) edits.push({ range, newText: newName });
      }
    }
  }
  return edits;
}

export const stageNameCasing: DockerfileRule = {
  id: 'dockerfile/stage-name-casing',
  aliases: ['StageNameCasing'],
  family: 'buildkit',
  defaultLevel: 'warning',
  title: 'Stage names should be lowercase',
  explain: { docsUrl: BUILDKIT_DOCS('StageNameCasing') },
  check: {
    instruction: {
      FROM: (instr, ctx) => {
        const stage = instr.stage;
        if (!stage?.name || !stage.nameRange || stage.name === stage.name.toLowerCase()) return;
        ctx.report({
          range: stage.nameRange,
          message: `Stage name '${stage.name}' should be lowercase: the builder matches stage names case-insensitively, so mixed case only suggests a difference that does not exist and blurs names with instruction keywords.`,
          data: stage.index,
        });
      },
    },
  },
  fix(model, finding) {
    if (typeof finding.data !== 'number') return [];
    const stage = model.stages[finding.data];
    if (!stage?.name) return [];
    const lower = stage.name.toLowerCase();
    return [{ title: `Rename stage to '${lower}' (and its references)`, isPreferred: true, edits: stageReferenceEdits(model, stage.index, lower) }];
  },
};
