import type { Stage } from '../../model';
import { derived } from '../../../derived';
import { commandsNamed, hasFlag, operands, subcommand } from '../../shell';
import type { DockerfileRule } from '../types';
import type { AppendData } from './common';
import { appendEdit, appendFix, commandSpan, meta, onRun } from './common';

const NPM_VALUE_OPTS = ['prefix', 'registry', 'tag', 'omit', 'include', 'workspace', 'w', 'cache', 'userconfig', 'C'];
const NPM_INSTALL = ['install', 'i', 'add', 'isntall', 'in'];

/** A package spec that names its version, or does not come from the registry at all (path, URL, git, tarball). */
function npmPinned(v: string): boolean {
  if (/^(\.{0,2}\/|~\/|file:|git[+:]|https?:|github:|gitlab:|bitbucket:)/.test(v) || /\.(tgz|tar\.gz|tar)$/.test(v)) return true;
  const at = v.lastIndexOf('@');
  if (at > 0) return v.slice(at + 1) !== '' && v.slice(at + 1) !== 'latest';
  // `user/repo` is a GitHub shorthand, not a registry package.
  return !v.startsWith('@') && v.includes('/');
}

export const npmUnpinned: DockerfileRule = {
  ...meta('npm-unpinned', 'DL3016', 'warning', 'Pin versions in npm install (package@version)'),
  check: {
    instruction: onRun((view, ctx) => {
      for (const cmd of commandsNamed(view, ['npm'])) {
        const sub = subcommand(cmd, NPM_VALUE_OPTS)?.value;
        if (sub === undefined || !NPM_INSTALL.includes(sub)) continue;
        for (const pkg of operands(cmd, [sub], NPM_VALUE_OPTS)) {
          const v = pkg.value;
          if (v === undefined || npmPinned(v)) continue;
          ctx.report({
            range: pkg.range,
            message: `"${v}" is installed without a version (${v}@<version>): npm takes the newest release at build time, so a publish upstream can change or break your image. Installing from package.json + lock file (npm ci) pins everything.`,
          });
        }
      }
    }),
  },
};

const GEM_VALUE_OPTS = ['v', 'version', 'i', 'install-dir', 'n', 'bindir', 's', 'source', 'P', 'trust-policy', 'platform', 'g', 'file'];

export const gemUnpinned: DockerfileRule = {
  ...meta('gem-unpinned', 'DL3028', 'warning', 'Pin versions in gem install (gem:version or -v)'),
  check: {
    instruction: onRun((view, ctx) => {
      for (const cmd of commandsNamed(view, ['gem'])) {
        if (subcommand(cmd, GEM_VALUE_OPTS)?.value !== 'install') continue;
        if (hasFlag(cmd, ['v'], ['version'])) continue;
        for (const pkg of operands(cmd, ['install'], GEM_VALUE_OPTS)) {
          const v = pkg.value;
          if (v === undefined || v.includes(':') || v.endsWith('.gem')) continue;
          ctx.report({
            range: pkg.range,
            message: `"${v}" is installed without a version (${v}:<version> or -v <version>): the newest release at build time ends up in the image, so rebuilds are not repeatable.`,
          });
        }
      }
    }),
  },
};

export const yarnCacheNotCleaned: DockerfileRule = {
  ...meta('yarn-cache-not-cleaned', 'DL3060', 'info', 'Run yarn cache clean after yarn install, in the same RUN'),
  check: {
    instruction: onRun((view, ctx) => {
      const yarn = commandsNamed(view, ['yarn']);
      const install = yarn.find((c) => {
        const sub = subcommand(c)?.value;
        return sub === 'install' || sub === 'add' || (sub === undefined && c.words.length === 1);
      });
      if (!install) return;
      if (yarn.some((c) => c.words[1]?.value === 'cache' && c.words[2]?.value === 'clean')) return;
      if (view.mounts.some((m) => (m.type === 'cache' || m.type === 'tmpfs') && m.target !== undefined && /yarn/i.test(m.target))) return;
      const edit = appendEdit(view, 'yarn cache clean');
      ctx.report({
        range: commandSpan(install, subcommand(install)),
        message: 'yarn keeps a copy of every package in its global cache, which stays in this layer unless the same RUN ends with yarn cache clean (or the cache sits on a cache mount).',
        data: edit ? ({ edit, title: 'Append && yarn cache clean' } satisfies AppendData) : undefined,
      });
    }),
  },
  fix: (_model, finding) => appendFix(finding),
};

const GO_VALUE_OPTS = ['C', 'p', 'o', 'tags', 'ldflags', 'gcflags', 'asmflags', 'mod', 'modfile', 'pkgdir', 'toolexec', 'exec', 'overlay', 'pgo', 'buildmode', 'compiler', 'installsuffix'];

/**
 * Inside a module, `go install pkg` without `@version` builds the version go.mod requires, which is a pin
 * (hadolint flags it anyway, hadolint#1134). We take a stage that copies or mounts the module (go.mod, or the
 * whole context) as "inside a module".
 */
const stageHasModule = derived((stage: Stage): boolean =>
  stage.instructions.some((i) => {
    if (i.keyword === 'COPY' || i.keyword === 'ADD') return !i.flag('from') && i.args.slice(0, -1).some((a) => /(^|\/)go\.mod$|^\.\/?$/.test(a.getValue()));
    return i.keyword === 'RUN' && i.flags.some((f) => f.getName() === 'mount' && /type=bind/.test(f.getValue() ?? '') && !/from=/.test(f.getValue() ?? ''));
  }));

export const goInstallUnpinned: DockerfileRule = {
  ...meta('go-install-unpinned', 'DL3062', 'warning', 'Pin versions in go install (package@version); packages the copied go.mod requires count as pinned'),
  check: {
    instruction: onRun((view, ctx) => {
      for (const cmd of commandsNamed(view, ['go'])) {
        if (subcommand(cmd, GO_VALUE_OPTS)?.value !== 'install') continue;
        const inModule = view.instr.stage !== undefined && stageHasModule(view.instr.stage);
        for (const pkg of operands(cmd, ['install'], GO_VALUE_OPTS)) {
          const v = pkg.value;
          // Local packages (`.`, `./cmd/...`) and `tool` (go.mod's tool directives) build what go.mod pins.
          if (v === undefined || v.startsWith('.') || v.startsWith('/') || v === 'tool') continue;
          const at = v.lastIndexOf('@');
          if (at > 0 && v.slice(at + 1) !== 'latest' && v.slice(at + 1) !== '') continue;
          if (at < 0 && inModule) continue;
          ctx.report({
            range: pkg.range,
            message: `go install ${v} takes whatever version is newest when the image is built${at > 0 ? ' (@latest is not a pin)' : ''}; name one (${v.slice(0, at > 0 ? at : undefined)}@v1.2.3) so rebuilds give the same tool.`,
          });
        }
      }
    }),
  },
};

export const langRules: readonly DockerfileRule[] = [npmUnpinned, gemUnpinned, yarnCacheNotCleaned, goInstallUnpinned];
