import type { DockerfileRule } from '../types';
import { HADOLINT_DOCS } from '../types';
import { pathWords } from './common';

/** Suffixes of the archives ADD unpacks from the build context (the builder recognises these formats). */
const ARCHIVE_RE = /\.(tar|tgz|taz|tbz|tbz2|tb2|txz|tlz|tzst|tz|gz|bz2|xz|lz|lzma|lz4|zst|z)$/i;
/** Remote sources: URLs and git repositories, which COPY cannot fetch. */
const REMOTE_RE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@[^:]+:)/i;
/** Flags only ADD understands: their presence shows ADD was chosen on purpose. */
const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

export const preferCopyOverAdd: DockerfileRule = {
  id: 'dockerfile/prefer-copy-over-add',
  aliases: ['DL3020'],
  family: 'best-practice',
  defaultLevel: 'error',
  title: 'ADD used for plain local files: use COPY',
  explain: { docsUrl: HADOLINT_DOCS('DL3020') },
  check: {
    instruction: {
      ADD: (instr, ctx) => {
        if (instr.heredocs.length > 0) return;
        if (instr.flags.some((f) => ADD_ONLY_FLAGS.has(f.getName().toLowerCase()))) return;
        const sources = pathWords(instr).slice(0, -1).map((w) => w.value);
        if (sources.length === 0) return;
        for (const src of sources) {
          // A variable may expand to a URL; an archive gets unpacked: both are what ADD is for.
          if (src.includes('$') || REMOTE_RE.test(src) || ARCHIVE_RE.test(src)) return;
        }
        ctx.report({
          range: instr.keywordRange,
          message: 'ADD copies these local files just like COPY would, but it also fetches URLs and unpacks archives, so a reader must check which one happens. COPY says exactly what it does; keep ADD for remote sources and archives.',
        });
      },
    },
  },
  fix(model, finding) {
    const instr = model.instructionAtLine(finding.range.start.line);
    if (!instr || instr.keyword !== 'ADD') return [];
    const raw = instr.rawKeyword;
    const copy = raw === raw.toLowerCase() ? 'copy' : raw === raw.toUpperCase() ? 'COPY' : 'Copy';
    return [{ title: 'Replace ADD with COPY', isPreferred: true, edits: [{ range: instr.keywordRange, newText: copy }] }];
  },
};
