import type { DockerfileRule } from '../types';
import { HADOLINT_DOCS } from '../types';
import { globalArgValueRange, parseImageRef, soleVariable, stageInfoOf } from './common';

interface Data {
  readonly literal: boolean;
  /** The global ARG whose default is the image, when the FROM is just that variable. */
  readonly arg?: string;
}

export const untaggedBaseImage: DockerfileRule = {
  id: 'dockerfile/untagged-base-image',
  aliases: ['DL3006'],
  family: 'best-practice',
  defaultLevel: 'warning',
  title: 'Base image without an explicit tag or digest',
  explain: { docsUrl: HADOLINT_DOCS('DL3006') },
  check: {
    instruction: {
      FROM: (instr, ctx) => {
        const info = stageInfoOf(ctx.model, instr);
        if (!info || !info.imageText || !info.imageRange) return;
        // Unknown until build time (ARG without default), FROM scratch, or FROM an earlier stage: nothing to pin.
        if (info.resolved === undefined || info.isScratch || info.parent) return;
        const ref = parseImageRef(info.resolved);
        if (!ref || ref.tag !== undefined || ref.digest !== undefined) return;
        const literal = info.resolved === info.imageText;
        ctx.report({
          range: info.imageRange,
          message: literal
            ? `"${info.imageText}" has no tag, so the builder pulls whatever "latest" points to today: a later push to that image can silently change or break your build. Name a version, e.g. ${ref.path}:<version>.`
            : `"${info.imageText}" resolves to "${info.resolved}" (from the ARG default), which has no tag: the build gets whatever "latest" points to on the day it runs. Give the ARG default a version tag or digest.`,
          data: { literal, arg: soleVariable(info.imageText) } satisfies Data,
        });
      },
    },
  },
  fix(model, finding) {
    const data = finding.data as Data | undefined;
    if (!data) return [];
    if (!data.literal) {
      const r = data.arg ? globalArgValueRange(model, data.arg) : undefined;
      if (!r) return [];
      return [{
        title: `Add a tag placeholder (:<tag>) to the default of ARG ${data.arg!}`,
        isPreferred: true,
        edits: [{ range: { start: r.end, end: r.end }, newText: ':<tag>' }],
      }];
    }
    const end = finding.range.end;
    if (model.lineText(end.line).length < end.character) return [];
    return [{
      title: 'Add a tag placeholder (:<tag>) to fill in',
      isPreferred: true,
      edits: [{ range: { start: end, end }, newText: ':<tag>' }],
    }];
  },
};
