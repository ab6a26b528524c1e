import type { ShellCommand, ShellView, ShellWord } from '../../shell';
import { commandsNamed, hasCacheMount, hasFlag, operands, subcommand } from '../../shell';
import type { DockerfileRule } from '../types';
import type { AppendData } from './common';
import { appendEdit, appendFix, commandSpan, insertAfter, insertFix, meta, onRun } from './common';

const YUM_VALUE_OPTS = ['c', 'config', 'd', 'debuglevel', 'e', 'errorlevel', 'enablerepo', 'disablerepo', 'x', 'exclude', 'installroot', 'releasever', 'setopt', 'repo', 'repoid', 'forcearch', 'downloaddir', 'destdir'];

interface Install {
  readonly cmd: ShellCommand;
  readonly sub: ShellWord;
  readonly module: boolean;
}

/** `yum install …` and `yum module install …` (same for dnf/microdnf). */
function installs(view: ShellView, names: readonly string[]): Install[] {
  const out: Install[] = [];
  for (const cmd of commandsNamed(view, names)) {
    const sub = subcommand(cmd, YUM_VALUE_OPTS);
    if (!sub) continue;
    if (sub.value === 'install') out.push({ cmd, sub, module: false });
    else if (sub.value === 'module') {
      const i = cmd.words.indexOf(sub);
      const next = cmd.words.slice(i + 1).find((w) => !(w.value ?? '').startsWith('-'));
      if (next?.value === 'install') out.push({ cmd, sub: next, module: true });
    }
  }
  return out;
}

function packages(i: Install): ShellWord[] {
  return operands(i.cmd, [i.module ? 'module' : 'install'], YUM_VALUE_OPTS).filter((w) => w.value !== 'install');
}

function missingYes(id: string, dl: string, tool: string, names: readonly string[]): DockerfileRule {
  return {
    ...meta(id, dl, 'warning', `Use ${tool} install -y`),
    check: {
      instruction: onRun((view, ctx) => {
        for (const i of installs(view, names)) {
          if (hasFlag(i.cmd, ['y'], ['assumeyes'])) continue;
          ctx.report({
            range: commandSpan(i.cmd, i.sub),
            message: `${i.cmd.name} install without -y stops to ask for confirmation, and with no one to answer in a build the install is cancelled.`,
            data: insertAfter(view, i.sub, '-y', 'Add -y'),
          });
        }
      }),
    },
    fix: (_model, finding) => insertFix(finding),
  };
}

function cleaned(view: ShellView, names: readonly string[], dirs: readonly string[]): boolean {
  return view.commands.some((c) =>
    (c.name !== undefined && names.includes(c.name) && c.words[1]?.value === 'clean' && c.words[2]?.value === 'all') ||
    (c.name === 'rm' && c.words.some((w) => w.value !== undefined && dirs.some((d) => w.value!.startsWith(d)))));
}

function cacheNotCleaned(id: string, dl: string, tool: string, names: readonly string[], dirs: readonly string[]): DockerfileRule {
  return {
    ...meta(id, dl, 'warning', `Run ${tool} clean all after ${tool} install, in the same RUN`),
    check: {
      instruction: onRun((view, ctx) => {
        const first = installs(view, names)[0];
        if (!first || cleaned(view, names, dirs) || hasCacheMount(view, dirs)) return;
        const clean = `${first.cmd.name} clean all`;
        const edit = appendEdit(view, clean);
        ctx.report({
          range: commandSpan(first.cmd, first.sub),
          message: `${first.cmd.name} keeps downloaded metadata and packages in its cache, which stays in this layer unless the same RUN ends with ${clean} (a later RUN cannot shrink the layer).`,
          data: edit ? ({ edit, title: `Append && ${clean}` } satisfies AppendData) : undefined,
        });
      }),
    },
    fix: (_model, finding) => appendFix(finding),
  };
}

function unpinned(id: string, dl: string, tool: string, names: readonly string[]): DockerfileRule {
  return {
    ...meta(id, dl, 'warning', `Pin package versions in ${tool} install (package-version)`),
    check: {
      instruction: onRun((view, ctx) => {
        for (const i of installs(view, names)) {
          for (const pkg of packages(i)) {
            const v = pkg.value;
            if (v === undefined) continue;
            // hadolint's test: a module needs `name:stream`; a package counts as pinned once it has a `-` part or is an .rpm file.
            if (i.module ? v.includes(':') : v.includes('-') || v.endsWith('.rpm')) continue;
            ctx.report({
              range: pkg.range,
              message: i.module
                ? `Module "${v}" has no stream (${v}:<stream>): the default stream can change under you between rebuilds.`
                : `"${v}" is installed without a version (${v}-<version>): rebuilding later may install a different release and change or break the image.`,
            });
          }
        }
      }),
    },
  };
}

const YUM = ['yum'];
const DNF = ['dnf', 'microdnf'];

export const yumMissingYes = missingYes('yum-missing-yes', 'DL3030', 'yum', YUM);
export const yumCacheNotCleaned = cacheNotCleaned('yum-cache-not-cleaned', 'DL3032', 'yum', YUM, ['/var/cache/yum']);
export const yumUnpinned = unpinned('yum-unpinned', 'DL3033', 'yum', YUM);
export const dnfMissingYes = missingYes('dnf-missing-yes', 'DL3038', 'dnf', DNF);
export const dnfCacheNotCleaned = cacheNotCleaned('dnf-cache-not-cleaned', 'DL3040', 'dnf', DNF, ['/var/cache/dnf', '/var/cache/yum']);
export const dnfUnpinned = unpinned('dnf-unpinned', 'DL3041', 'dnf', DNF);

// ---- zypper ----

const ZYPPER_VALUE_OPTS = ['c', 'config', 'r', 'repo', 'R', 'root', 'installroot', 't', 'type', 'from', 'p', 'plus-repo'];
const ZYPPER_INSTALL = ['install', 'in'];

function zypperInstalls(view: ShellView): { cmd: ShellCommand; sub: ShellWord }[] {
  const out: { cmd: ShellCommand; sub: ShellWord }[] = [];
  for (const cmd of commandsNamed(view, ['zypper'])) {
    const sub = subcommand(cmd, ZYPPER_VALUE_OPTS);
    if (sub?.value !== undefined && ZYPPER_INSTALL.includes(sub.value)) out.push({ cmd, sub });
  }
  return out;
}

const ZYPPER_ASKS = ['install', 'in', 'remove', 'rm', 'source-install', 'si', 'patch', 'update', 'up', 'dist-upgrade', 'dup'];

export const zypperMissingNonInteractive: DockerfileRule = {
  ...meta('zypper-missing-non-interactive', 'DL3034', 'warning', 'Use zypper with --non-interactive (-n) or -y'),
  check: {
    instruction: onRun((view, ctx) => {
      for (const cmd of commandsNamed(view, ['zypper'])) {
        const sub = subcommand(cmd, ZYPPER_VALUE_OPTS);
        if (sub?.value === undefined || !ZYPPER_ASKS.includes(sub.value)) continue;
        if (hasFlag(cmd, ['n', 'y'], ['non-interactive', 'no-confirm'])) continue;
        ctx.report({
          range: commandSpan(cmd, sub),
          message: `zypper ${sub.value} asks for confirmation and a build cannot answer, so it fails; add --non-interactive (zypper -n ${sub.value}) or -y.`,
          data: insertAfter(view, sub, '-y', 'Add -y'),
        });
      }
    }),
  },
  fix: (_model, finding) => insertFix(finding),
};

export const zypperDistUpgrade: DockerfileRule = {
  ...meta('zypper-dist-upgrade', 'DL3035', 'warning', 'Do not use zypper dist-upgrade in a Dockerfile'),
  check: {
    instruction: onRun((view, ctx) => {
      for (const cmd of commandsNamed(view, ['zypper'])) {
        const sub = subcommand(cmd, ZYPPER_VALUE_OPTS);
        if (sub?.value !== 'dist-upgrade' && sub?.value !== 'dup') continue;
        ctx.report({
          range: sub.range,
          message: 'zypper dist-upgrade moves the whole distribution to a newer release inside the image; pick the release with the base image tag instead, so the build stays predictable.',
        });
      }
    }),
  },
};

export const zypperCacheNotCleaned: DockerfileRule = {
  ...meta('zypper-cache-not-cleaned', 'DL3036', 'warning', 'Run zypper clean after zypper install, in the same RUN'),
  check: {
    instruction: onRun((view, ctx) => {
      const first = zypperInstalls(view)[0];
      if (!first || hasCacheMount(view, ['/var/cache/zypp'])) return;
      if (view.commands.some((c) => c.name === 'zypper' && (c.words.some((w) => w.value === 'clean' || w.value === 'cc')))) return;
      const edit = appendEdit(view, 'zypper clean');
      ctx.report({
        range: commandSpan(first.cmd, first.sub),
        message: 'zypper keeps repository metadata and packages in /var/cache/zypp, which stays in this layer unless the same RUN ends with zypper clean.',
        data: edit ? ({ edit, title: 'Append && zypper clean' } satisfies AppendData) : undefined,
      });
    }),
  },
  fix: (_model, finding) => appendFix(finding),
};

export const zypperUnpinned: DockerfileRule = {
  ...meta('zypper-unpinned', 'DL3037', 'warning', 'Pin package versions in zypper install (package=version)'),
  check: {
    instruction: onRun((view, ctx) => {
      for (const { cmd, sub } of zypperInstalls(view)) {
        for (const pkg of operands(cmd, [sub.value!], ZYPPER_VALUE_OPTS)) {
          const v = pkg.value;
          if (v === undefined || /[=<>]/.test(v) || v.endsWith('.rpm')) continue;
          ctx.report({
            range: pkg.range,
            message: `"${v}" is installed without a version (${v}=<version>): rebuilding later may bring a different release into the image.`,
          });
        }
      }
    }),
  },
};

export const rpmRules: readonly DockerfileRule[] = [
  yumMissingYes, yumCacheNotCleaned, yumUnpinned, dnfMissingYes, dnfCacheNotCleaned, dnfUnpinned,
  zypperMissingNonInteractive, zypperDistUpgrade, zypperCacheNotCleaned, zypperUnpinned,
];
