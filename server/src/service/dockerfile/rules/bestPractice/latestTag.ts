import type { DockerfileRule } from '../types';
import { HADOLINT_DOCS } from '../types';
import { globalArgValueRange, parseImageRef, soleVariable, stageInfoOf } from './common';

interface Data {
  readonly literal: boolean;
  /** The global ARG whose default supplies the image (or just its tag), when the FROM uses it alone. */
  readonly arg?: string;
}

export const latestTag: DockerfileRule = {
  id: 'dockerfile/latest-tag',
  aliases: ['DL3007'],
  family: 'best-practice',
  defaultLevel: 'warning',
  title: 'Base image pinned to the moving "latest" tag',
  explain: { docsUrl: HADOLINT_DOCS('DL3007') },
  check: {
    instruction: {
      FROM: (instr, ctx) => {
        const info = stageInfoOf(ctx.model, instr);
        if (!info || !info.resolved || !info.imageText || !info.imageRange || info.parent) return;
        const ref = parseImageRef(info.resolved);
        // A digest pins the content whatever the tag says.
        if (!ref || ref.tag !== 'latest' || ref.digest !== undefined) return;
        const written = parseImageRef(info.imageText);
        const literal = written?.tag === 'latest';
        const r = info.imageRange;
        // The tag is the last `latest` in the written word; point at it when it is literal.
        const range = literal && r.start.line === r.end.line
          ? { start: { line: r.end.line, character: r.end.character - 'latest'.length }, end: r.end }
          : r;
        ctx.report({
          range,
          message: `"latest" is a moving label, not a version: each build may get a different image, so a rebuild can break without any change on your side and you cannot tell which version you ran. Pin a version tag${literal ? '' : ' in the ARG default'} (or a digest).`,
          data: { literal: literal && r.start.line === r.end.line, arg: soleVariable(info.imageText) ?? (written?.tag ? soleVariable(written.tag) : undefined) } satisfies Data,
        });
      },
    },
  },
  fix(model, finding) {
    const data = finding.data as Data | undefined;
    if (!data) return [];
    if (!data.literal) {
      const r = data.arg ? globalArgValueRange(model, data.arg) : undefined;
      const value = r ? model.lineText(r.end.line).slice(r.start.character, r.end.character) : '';
      if (!r || !(value === 'latest' || value.endsWith(':latest'))) return [];
      const start = { line: r.end.line, character: r.end.character - 'latest'.length };
      return [{ title: `Replace "latest" in the default of ARG ${data.arg!} with a tag placeholder`, isPreferred: true, edits: [{ range: { start, end: r.end }, newText: '<tag>' }] }];
    }
    if (model.lineText(finding.range.start.line).slice(finding.range.start.character, finding.range.end.character) !== 'latest') return [];
    return [{ title: 'Replace "latest" with a tag placeholder to fill in', isPreferred: true, edits: [{ range: finding.range, newText: '<tag>' }] }];
  },
};
