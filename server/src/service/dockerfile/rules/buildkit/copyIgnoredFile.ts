import { DerivedSlot } from '../../../derived';
import type { DockerfileModel, Instr } from '../../model';
import type { IgnoreMatcher } from '../../dockerignore';
import { cleanPath, parseDockerignore } from '../../dockerignore';
import type { DockerfileRule, DockerfileRuleContext, InstructionVisitor } from '../types';
import { BUILDKIT_DOCS } from '../types';
import { mentions } from './shared';

interface Loaded {
  readonly matcher: IgnoreMatcher;
  readonly file: string;
}

/** The ignore file the CLI would use: `<Dockerfile>.dockerignore` beside it wins over the context's `.dockerignore`. */
function loadIgnore(ctx: DockerfileRuleContext): Loaded | undefined {
  const { files, fsPath } = ctx;
  if (!files || !fsPath) return undefined;
  const cut = Math.max(fsPath.lastIndexOf('/'), fsPath.lastIndexOf('\\'));
  if (cut < 0) return undefined;
  const dir = fsPath.slice(0, cut + 1);
  const base = fsPath.slice(cut + 1);
  for (const name of [`${base}.dockerignore`, '.dockerignore']) {
    const text = files.readText(dir + name);
    if (text !== undefined) return { matcher: parseDockerignore(text), file: name };
  }
  return undefined;
}

const loaded = new DerivedSlot<DockerfileModel, { key: string; value: Loaded | undefined }>();

function ignoreFor(ctx: DockerfileRuleContext): Loaded | undefined {
  const key = ctx.fsPath ?? '';
  const hit = loaded.get(ctx.model);
  if (hit && hit.key === key) return hit.value;
  const value = loadIgnore(ctx);
  loaded.set(ctx.model, { key, value });
  return value;
}

const ROOT_PATTERNS = new Set(['*', '**', '**/*']);
const WILDCARD = /[*?[]/;

function unquote(s: string): string {
  return s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s;
}

const visit: InstructionVisitor = (instr: Instr, ctx) => {
  // Sources of COPY --from come from another stage or image, not from the build context.
  if (instr.keyword === 'COPY' && instr.flag('from')) return;
  const args = instr.args;
  if (args.length < 2) return;
  const ignore = ignoreFor(ctx);
  if (!ignore || ignore.matcher.patterns.length === 0) return;
  // Heredoc sources are inline files, not context paths.
  if (mentions(ctx.model, instr, '<<') && instr.heredocs.length > 0) return;
  const { matcher } = ignore;
  const exceptions = matcher.patterns.filter((p) => p.exclusion);
  // BuildKit gives up when exceptions exist; we still decide when no exception can reach the source.
  if (exceptions.some((p) => WILDCARD.test(p.text))) return;
  for (const arg of args.slice(0, -1)) {
    let src = arg.getValue();
    if (instr.isJsonForm) src = unquote(src.replace(/^\[|,$|\]$/g, '').trim());
    if (!src || src.startsWith('<<') || src.includes('$') || /^[a-z][a-z0-9+.-]*:\/\//i.test(src) || src.startsWith('git@')) continue;
    const clean = cleanPath(src.replace(/\\/g, '/'));
    let by;
    if (clean === '.' || clean === '/') {
      // The whole context: only a catch-all pattern with nothing re-included empties it.
      if (exceptions.length) continue;
      by = matcher.patterns.find((p) => ROOT_PATTERNS.has(p.text));
    } else {
      by = matcher.ignoredBy(clean);
      if (by && exceptions.some((p) => p.text.startsWith(clean + '/'))) by = undefined;
    }
    if (!by) continue;
    ctx.report({
      range: arg.getRange(),
      message: `'${src}' is excluded by ${ignore.file} (pattern '${by.exclusion ? '!' : ''}${by.text}' on line ${by.line + 1}), so it is not sent to the builder and this ${instr.keyword} fails or copies nothing. Remove it from ${ignore.file} or stop copying it.`,
    });
  }
};

export const copyIgnoredFile: DockerfileRule = {
  id: 'dockerfile/copy-ignored-file',
  aliases: ['CopyIgnoredFile'],
  family: 'buildkit',
  defaultLevel: 'warning',
  title: 'COPY/ADD source is excluded by .dockerignore',
  explain: { docsUrl: BUILDKIT_DOCS('CopyIgnoredFile') },
  check: { instruction: { COPY: visit, ADD: visit } },
};
