import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { DockerfileModel, Instr, Stage } from '../../model';
import type { ShellView } from '../../shell';
import { shellView } from '../../shell';
import type { DockerfileRule, DockerfileRuleContext } from '../types';
import { meta, onRun, ruleState } from './common';

// ---- DL3010 ----

/** Archives ADD unpacks by itself (tar, optionally gzip/bzip2/xz compressed). Zip is not among them, so unlike hadolint we leave `unzip` alone. */
const TAR_ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tb2|tar\.xz|txz)$/i;
const TAR_ARCHIVE_ANYWHERE = /\.(tar|tgz|tbz2?|tb2|txz)\b/i;

function tarExtracts(args: readonly (string | undefined)[]): boolean {
  return args.some((a, i) => a !== undefined && (a === '--extract' || a === '--get' || (/^-[a-zA-Z]*x/.test(a) && !a.startsWith('--')) || (i === 0 && /^[a-zA-Z]*x[a-zA-Z]*$/.test(a))));
}

const dl3010State = ruleState(() => ({ stage: -1, archives: new Map<string, Range>(), reported: new Set<Range>() }));

function dl3010(ctx: DockerfileRuleContext, stage: Stage | undefined) {
  const st = dl3010State(ctx);
  const index = stage?.index ?? -1;
  if (st.stage !== index) {
    st.stage = index;
    st.archives.clear();
  }
  return st;
}

function fileName(p: string): string {
  return p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
}

export const extractWithAdd: DockerfileRule = {
  ...meta('extract-with-add', 'DL3010', 'info', 'Use ADD to unpack a local tar archive instead of COPY + tar -x'),
  check: {
    instruction: onRun((view, ctx) => {
      const st = dl3010(ctx, view.instr.stage);
      if (st.archives.size === 0) return;
      for (const cmd of view.commands) {
        if (cmd.name !== 'tar' && cmd.name !== 'gunzip' && cmd.name !== 'bunzip2' && cmd.name !== 'unxz') continue;
        const args = cmd.words.slice(1).map((w) => w.value);
        if (cmd.name === 'tar' && !tarExtracts(args)) continue;
        for (const a of args) {
          const copied = a === undefined ? undefined : st.archives.get(fileName(a));
          if (!copied || st.reported.has(copied)) continue;
          st.reported.add(copied);
          ctx.report({
            range: copied,
            message: `${fileName(a!)} is copied in and then unpacked by a RUN: the archive itself stays in the COPY layer. ADD unpacks a local tar archive in one step and keeps only its contents.`,
          });
        }
      }
    }, {
      COPY: (instr, ctx) => {
        const st = dl3010(ctx, instr.stage);
        // Cheap test on the raw text first: the AST getters below re-split the instruction on every call.
        const doc = ctx.model.document;
        if (!TAR_ARCHIVE_ANYWHERE.test(ctx.model.text.slice(doc.offsetAt(instr.range.start), doc.offsetAt(instr.range.end)))) return;
        if (instr.flag('from') || instr.heredocs.length > 0 || instr.isJsonForm) return;
        const args = instr.args;
        if (args.length < 2) return;
        const dest = args[args.length - 1]!;
        if (TAR_ARCHIVE.test(dest.getValue())) {
          st.archives.set(fileName(dest.getValue()), dest.getRange());
          return;
        }
        for (const src of args.slice(0, -1)) {
          if (TAR_ARCHIVE.test(src.getValue())) st.archives.set(fileName(src.getValue()), src.getRange());
        }
      },
    }),
  },
};

// ---- DL3059 ----

interface Prev {
  readonly instr: Instr;
  readonly view: ShellView | undefined;
  readonly flags: string;
}

/**
 * Commands in the RUN. None under a non-POSIX SHELL (PowerShell, cmd): hadolint parses RUNs with ShellCheck's
 * parser, which stops at the first PowerShell construct it cannot read (SC1088 "Parsing stopped here", as on
 * Windows Dockerfiles in hadolint#1228) and then lists no commands, so consecutive PowerShell RUNs are reported.
 */
function count(p: Prev): number {
  return p.view && p.view.posix ? p.view.commands.length : 0;
}

const dl3059State = ruleState(() => ({ prev: undefined as Prev | undefined }));

export const consecutiveRun: DockerfileRule = {
  ...meta('consecutive-run', 'DL3059', 'info', 'Consecutive RUN instructions could be one (each RUN is a layer)'),
  check: {
    instruction: {
      '*': (instr, ctx) => {
        if (instr.keyword !== 'RUN') dl3059State(ctx).prev = undefined;
      },
      RUN: (instr, ctx) => {
        const st = dl3059State(ctx);
        const view = shellView(ctx.model, instr);
        // A heredoc RUN is a script on purpose (hadolint's reports there are noise, hadolint#805): it ends the run of RUNs.
        if (!view || view.heredoc) {
          st.prev = undefined;
          return;
        }
        const cur: Prev = { instr, view, flags: view.flags };
        const prev = st.prev;
        st.prev = cur;
        // hadolint leaves RUNs of more than two commands alone: chaining that much is a deliberate split.
        if (!prev || prev.flags !== cur.flags || count(prev) > 2 || count(cur) > 2) return;
        ctx.report({
          range: instr.keywordRange,
          message: 'This RUN follows another RUN: each one adds a layer and a cache step. Joining short related commands with && makes one layer and lets cleanup in the same step actually shrink the image.',
          data: mergeEdit(ctx.model, prev, cur),
        });
      },
    },
  },
  fix(_model, finding) {
    const edit = finding.data as TextEdit | undefined;
    if (!edit || !edit.range) return [];
    return [{ title: 'Merge into the previous RUN with && \\', isPreferred: true, edits: [edit] }];
  },
};

function mergeEdit(model: DockerfileModel, prev: Prev, cur: Prev): TextEdit | undefined {
  // `&& \` joins POSIX shell commands; Windows PowerShell 5 and cmd have other separators.
  if (!prev.view?.posix || !cur.view?.posix) return undefined;
  const at = prev.view.appendAt;
  const first = cur.view.commands[0];
  if (!at || !first || prev.view.form !== 'shell' || cur.view.form !== 'shell') return undefined;
  if (cur.instr.range.start.line !== prev.instr.range.end.line + 1) return undefined;
  if (at.line !== prev.instr.range.end.line) return undefined;
  return { range: { start: at, end: model.document.positionAt(first.start) }, newText: ` && ${model.escapeChar}\n    ` };
}

// ---- DL4006 ----

/** Images known to ship bash (Debian/Ubuntu/RHEL families and the official language images built on them). */
const HAS_BASH = new Set([
  'debian', 'ubuntu', 'node', 'python', 'golang', 'rust', 'ruby', 'php', 'perl', 'openjdk', 'eclipse-temurin', 'amazoncorretto',
  'maven', 'gradle', 'buildpack-deps', 'fedora', 'centos', 'rockylinux', 'almalinux', 'amazonlinux', 'oraclelinux', 'ubi8', 'ubi9',
  'ubi', 'nginx', 'httpd', 'postgres', 'mysql', 'mariadb', 'redis', 'gcc', 'elixir', 'erlang', 'haskell', 'swift', 'archlinux',
  'sdk', 'aspnet', 'runtime', 'jenkins', 'bitnami', 'kalilinux', 'clojure', 'julia', 'r-base',
]);

function baseShell(model: DockerfileModel, stage: Stage | undefined, depth = 0): 'bash' | 'ash' | undefined {
  if (!stage || depth > 20) return undefined;
  const image = stage.from.args[0]?.getValue().toLowerCase();
  if (!image || image.includes('$')) return undefined;
  const parent = model.stageByName(image);
  if (parent && parent.index < stage.index) return baseShell(model, parent, depth + 1);
  const noDigest = image.split('@')[0]!;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.indexOf(':', slash + 1);
  const name = colon >= 0 ? noDigest.slice(slash + 1, colon) : noDigest.slice(slash + 1);
  const tag = colon >= 0 ? noDigest.slice(colon + 1) : '';
  if (name === 'alpine' || tag.includes('alpine')) return 'ash';
  if (name.includes('distroless') || name === 'scratch' || name === 'busybox' || tag.includes('windows') || tag.includes('nanoserver')) return undefined;
  return HAS_BASH.has(name) ? 'bash' : undefined;
}

export const pipeWithoutPipefail: DockerfileRule = {
  ...meta('pipe-without-pipefail', 'DL4006', 'warning', 'Set -o pipefail before a RUN with a pipe'),
  check: {
    instruction: onRun((view, ctx) => {
      if (view.form !== 'shell' || view.shellPipefail) return;
      const pipe = view.pipes[0];
      if (!pipe) return;
      const doc = ctx.model.document;
      const pipeAt = doc.offsetAt(pipe.start);
      // Better than hadolint: `set -o pipefail` (or `set -euo pipefail`) earlier in the same RUN counts too.
      const setBefore = view.commands.some((c) => c.name === 'set' && c.end <= pipeAt &&
        c.words.some((w, i) => w.value === 'pipefail' && /^-[a-z]*o$/.test(c.words[i - 1]?.value ?? '')));
      if (setBefore) return;
      const instr = view.instr;
      const shell = instr.parent ? undefined : baseShell(ctx.model, instr.stage);
      ctx.report({
        range: pipe,
        message: 'Only the last command of a pipe decides whether this RUN succeeds: if an earlier one fails (a download in curl … | sh), the build carries on with broken output. Set pipefail, e.g. SHELL ["/bin/bash", "-o", "pipefail", "-c"] before the RUN.',
        data: shell ? { at: instr.keywordRange.start, shell } : undefined,
      });
    }),
  },
  fix(_model, finding) {
    const d = finding.data as { at: { line: number; character: number }; shell: 'bash' | 'ash' } | undefined;
    if (!d || !d.at) return [];
    // /bin/sh is dash on Debian, which may lack pipefail: name a shell the base image is known to have.
    const line = `SHELL ["/bin/${d.shell}", "-o", "pipefail", "-c"]\n${' '.repeat(d.at.character)}`;
    return [{ title: `Insert SHELL ["/bin/${d.shell}", "-o", "pipefail", "-c"] before this RUN`, isPreferred: true, edits: [{ range: { start: d.at, end: d.at }, newText: line }] }];
  },
};

export const structureRules: readonly DockerfileRule[] = [extractWithAdd, consecutiveRun, pipeWithoutPipefail];
