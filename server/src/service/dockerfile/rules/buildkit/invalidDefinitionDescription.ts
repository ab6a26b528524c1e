import type { Range } from 'vscode-languageserver-types';
import type { Property } from 'dockerfile-ast';
import type { DockerfileModel, Instr } from '../../model';
import type { DockerfileRule, InstructionVisitor } from '../types';
import { BUILDKIT_DOCS } from '../types';

/** Experimental in BuildKit: only checked when `# check=experimental=InvalidDefinitionDescription` (or `all`) asks for it. */
function enabled(model: DockerfileModel): boolean {
  return model.check.experimentalAll || model.check.experimental.has('invaliddefinitiondescription');
}

/** Text of the comment right above the instruction (no blank line between), `#` stripped; undefined if none. */
function commentAbove(model: DockerfileModel, instr: Instr): string | undefined {
  const line = instr.range.start.line - 1;
  if (line < 0 || model.directives.some((d) => d.range.start.line === line)) return undefined;
  const text = model.lineText(line).trim();
  if (!text.startsWith('#')) return undefined;
  const body = text.slice(1).trim();
  // An empty `#` line separates like a blank line does.
  return body || undefined;
}

function check(instr: Instr, keys: { name: string; range: Range }[], report: (r: Range, msg: string) => void, model: DockerfileModel): void {
  if (keys.length === 0) return;
  const comment = commentAbove(model, instr);
  if (comment === undefined) return;
  const first = comment.split(' ')[0];
  if (keys.some((k) => k.name === first)) return;
  const example = keys.length > 1 ? '<arg_key>' : keys[0]!.name;
  report(keys[0]!.range, `The comment above this ${instr.keyword} is read as its description (docker build --call=outline shows it), so it should start with the name: '# ${example} <description>'. If it is not a description, put an empty line between the comment and the ${instr.keyword}.`);
}

const visit: InstructionVisitor = (instr, ctx) => {
  if (!enabled(ctx.model)) return;
  const report = (range: Range, message: string): void => ctx.report({ range, message });
  if (instr.keyword === 'FROM') {
    const stage = instr.stage;
    if (stage?.name && stage.nameRange) check(instr, [{ name: stage.name, range: stage.nameRange }], report, ctx.model);
    return;
  }
  const props = (instr.node as unknown as { getProperties?: () => Property[] }).getProperties?.() ?? [];
  check(instr, props.filter((p) => p.getName()).map((p) => ({ name: p.getName(), range: p.getNameRange() })), report, ctx.model);
};

export const invalidDefinitionDescription: DockerfileRule = {
  id: 'dockerfile/invalid-definition-description',
  aliases: ['InvalidDefinitionDescription'],
  family: 'buildkit',
  defaultLevel: 'warning',
  title: "A comment right above a stage or ARG should start with its name (experimental; enabled by '# check=experimental=')",
  explain: { docsUrl: BUILDKIT_DOCS('InvalidDefinitionDescription') },
  check: { instruction: { FROM: visit, ARG: visit } },
};
