import type { Stage } from '../../model';
import { derived } from '../../../derived';
import type { ShellCommand, ShellView } from '../../shell';
import { hasCacheMount, hasFlag, operands, perView, subcommand } from '../../shell';
import type { DockerfileRule } from '../types';
import { commandSpan, insertAfter, insertFix, meta, onRun } from './common';

/** pip options that take a value (as hadolint skips them), so `-e path` or `-i url` is not a package. */
const PIP_VALUE_OPTS = [
  'abi', 'b', 'build', 'e', 'editable', 'extra-index-url', 'f', 'find-links', 'i', 'index-url', 'implementation',
  'no-binary', 'only-binary', 'platform', 'prefix', 'progress-bar', 'proxy', 'python-version', 'root', 'src', 't',
  'target', 'trusted-host', 'upgrade-strategy', 'c', 'constraint', 'r', 'requirement', 'cache-dir', 'log',
];

const PIP_NAME = /^pip(\d+(\.\d+)?)?$/;

/** `pip install`, `pip3 install`, `python -m pip install`. */
export const pipInstalls = perView((view: ShellView): readonly ShellCommand[] =>
  view.commands.filter((c) => {
    const n = c.name;
    if (n === undefined) return false;
    const base = n.slice(n.lastIndexOf('/') + 1);
    if (PIP_NAME.test(base)) return subcommand(c, PIP_VALUE_OPTS)?.value === 'install';
    if (/^python(\d+(\.\d+)?)?$/.test(base)) {
      const m = c.words.findIndex((w) => w.value === '-m');
      return m > 0 && PIP_NAME.test(c.words[m + 1]?.value ?? '') && c.words[m + 2]?.value === 'install';
    }
    return false;
  }));

function installWord(cmd: ShellCommand) {
  return cmd.words.find((w, i) => i > 0 && w.value === 'install');
}

const VCS = /^(git|hg|svn|bzr)(\+[a-z-]+)?:/;

function pinned(v: string): boolean {
  if (/(==|>=|<=|>|<|!=|~=)/.test(v)) return true;
  if (VCS.test(v)) return v.slice(v.indexOf(':') + 3).includes('@');
  if (v.endsWith('.whl') || v.endsWith('.tar.gz') || v.endsWith('.zip')) return true;
  return v.includes('/');
}

export const pipUnpinned: DockerfileRule = {
  ...meta('pip-unpinned', 'DL3013', 'warning', 'Pin package versions in pip install (package==version) or use a requirements file'),
  check: {
    instruction: onRun((view, ctx) => {
      for (const cmd of pipInstalls(view)) {
        if (hasFlag(cmd, ['r', 'c'], ['requirement', 'constraint'])) continue;
        const pkgs = operands(cmd, ['install'], PIP_VALUE_OPTS);
        if (pkgs.some((p) => p.value === '.')) continue;
        for (const pkg of pkgs) {
          const v = pkg.value;
          if (v === undefined || pinned(v)) continue;
          ctx.report({
            range: pkg.range,
            message: `"${v}" is installed without a version (${v}==<version>, or list it in a requirements file): a new release on PyPI changes what this build installs, and can break it without any change on your side.`,
          });
        }
      }
    }),
  },
};

/** `ENV PIP_NO_CACHE_DIR=…` anywhere in the stage turns pip's cache off, as the flag does. */
const stageDisablesPipCache = derived((stage: Stage): boolean =>
  stage.instructions.some((i) => i.keyword === 'ENV' && /(^|\s)PIP_NO_CACHE_DIR[=\s]/.test(i.argsText ?? '')));

export const pipCacheKept: DockerfileRule = {
  ...meta('pip-cache-kept', 'DL3042', 'warning', 'Use pip install --no-cache-dir'),
  check: {
    instruction: onRun((view, ctx) => {
      // Most RUNs install nothing with pip: look for that first, before the stage's ENV texts.
      const installs = pipInstalls(view);
      if (installs.length === 0) return;
      if (view.mounts.some((m) => (m.type === 'cache' || m.type === 'tmpfs') && m.target !== undefined && /(^|\/)\.cache(\/pip)?\/?$/.test(m.target))) return;
      if (hasCacheMount(view, ['/root/.cache/pip'])) return;
      if (view.instr.stage && stageDisablesPipCache(view.instr.stage)) return;
      for (const cmd of installs) {
        if (hasFlag(cmd, [], ['no-cache-dir'])) continue;
        const sub = installWord(cmd)!;
        ctx.report({
          range: commandSpan(cmd, sub),
          message: 'pip keeps a copy of every downloaded package in ~/.cache/pip, which a container never reuses but the image still carries; --no-cache-dir (or a cache mount) avoids it.',
          data: insertAfter(view, sub, '--no-cache-dir', 'Add --no-cache-dir'),
        });
      }
    }),
  },
  fix: (_model, finding) => insertFix(finding),
};

export const pipRules: readonly DockerfileRule[] = [pipUnpinned, pipCacheKept];
