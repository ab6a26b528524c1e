import type { Stage } from '../../model';
import type { ShellCommand, ShellView } from '../../shell';
import { commandsNamed, flagMatches, hasCacheMount, hasFlag, operands, perView, subcommand } from '../../shell';
import type { DockerfileRule } from '../types';
import type { AppendData, InsertData } from './common';
import { appendEdit, appendFix, commandSpan, insertAfter, insertFix, meta, onRun } from './common';

/** apt-get options that take a value, so the value is not mistaken for a package. */
const APT_VALUE_OPTS = ['o', 't', 'c', 'a', 'option', 'target-release', 'default-release', 'config-file', 'host-architecture'];

/** Installs that install: `apt-get install -s` (simulate) only prints what would happen, so no rule applies to it. */
const aptGetInstalls = perView((view): readonly ShellCommand[] =>
  commandsNamed(view, ['apt-get']).filter((c) => subcommand(c, APT_VALUE_OPTS)?.value === 'install' &&
    !hasFlag(c, ['s'], ['simulate', 'just-print', 'dry-run', 'recon', 'no-act'])));

/** `-o APT::Install-Recommends=false` (or `-oAPT::…`) says the same as `--no-install-recommends`. */
function aptOption(cmd: ShellCommand, re: RegExp): boolean {
  const w = cmd.words;
  for (let i = 1; i < w.length; i++) {
    const v = w[i]!.value;
    if (v === undefined) continue;
    if ((v === '-o' || v === '--option') && re.test(w[i + 1]?.value ?? '')) return true;
    if ((v.startsWith('-o') && v.length > 2 && re.test(v.slice(2))) || (v.startsWith('--option=') && re.test(v.slice(9)))) return true;
  }
  return false;
}

export const aptGetUnpinned: DockerfileRule = {
  ...meta('apt-get-unpinned', 'DL3008', 'warning', 'Pin package versions in apt-get install (package=version)'),
  check: {
    instruction: onRun((view, ctx) => {
      for (const cmd of aptGetInstalls(view)) {
        for (const pkg of operands(cmd, ['install'], APT_VALUE_OPTS)) {
          const v = pkg.value;
          // A package from a variable cannot be judged here: hadolint would flag it, we stay quiet.
          if (v === undefined || v.includes('=') || v.includes('/') || v.endsWith('.deb')) continue;
          ctx.report({
            range: pkg.range,
            message: `"${v}" is installed without a version (${v}=<version>): each rebuild takes whatever the archive holds that day, so two builds of the same Dockerfile can differ or break.`,
          });
        }
      }
    }),
  },
};

/** Stages whose apt lists end up in an image: the last one and any a later FROM builds on (as hadolint judges). */
function shipsStage(stage: Stage | undefined, stages: readonly Stage[]): boolean {
  if (!stage) return true;
  if (stage.index === stages.length - 1) return true;
  const name = stage.name?.toLowerCase();
  if (!name) return false;
  for (let i = stage.index + 1; i < stages.length; i++) {
    const from = stages[i]!.from.args[0]?.getValue().toLowerCase();
    if (from === name) return true;
  }
  return false;
}

function removesAptLists(cmd: ShellCommand): boolean {
  return cmd.name === 'rm' && hasFlag(cmd, ['r', 'R'], ['recursive']) &&
    cmd.words.some((w) => w.value !== undefined && /^\/var\/lib\/apt\/lists\/?(\*|$)/.test(w.value));
}

export const aptListsNotCleaned: DockerfileRule = {
  ...meta('apt-lists-not-cleaned', 'DL3009', 'info', 'Delete /var/lib/apt/lists after apt-get update, in the same RUN'),
  check: {
    instruction: onRun((view, ctx) => {
      const update = commandsNamed(view, ['apt-get']).find((c) => subcommand(c, APT_VALUE_OPTS)?.value === 'update');
      if (!update) return;
      // `apt-get dist-clean` (apt 2.7+, used by Debian trixie images) removes the lists too: hadolint does not know it.
      if (view.commands.some((c) => removesAptLists(c) || ((c.name === 'apt-get' || c.name === 'apt') && subcommand(c, APT_VALUE_OPTS)?.value === 'dist-clean'))) return;
      if (hasCacheMount(view, ['/var/lib/apt/lists']) || (hasCacheMount(view, ['/var/lib/apt']) && hasCacheMount(view, ['/var/cache/apt']))) return;
      if (!shipsStage(view.instr.stage, ctx.model.stages)) return;
      const edit = appendEdit(view, 'rm -rf /var/lib/apt/lists/*');
      ctx.report({
        range: commandSpan(update, subcommand(update, APT_VALUE_OPTS)),
        message: 'The package lists fetched by apt-get update stay in this layer (tens of MB) unless the same RUN ends with rm -rf /var/lib/apt/lists/*; deleting them in a later RUN does not shrink the image. A cache mount on /var/lib/apt/lists also avoids it.',
        data: edit ? ({ edit, title: 'Append && rm -rf /var/lib/apt/lists/*' } satisfies AppendData) : undefined,
      });
    }),
  },
  fix: (_model, finding) => appendFix(finding),
};

export const aptGetMissingYes: DockerfileRule = {
  ...meta('apt-get-missing-yes', 'DL3014', 'warning', 'Use apt-get install -y'),
  check: {
    instruction: onRun((view, ctx) => {
      for (const cmd of aptGetInstalls(view)) {
        const yes = hasFlag(cmd, ['y'], ['yes', 'assume-yes']) ||
          cmd.words.some((w) => w.value === '-qq' || w.value === '-q=2' || w.value === '--quiet=2') ||
          aptOption(cmd, /^APT::Get::Assume-Yes=(true|1|yes)$/i);
        if (yes) continue;
        const sub = subcommand(cmd, APT_VALUE_OPTS)!;
        ctx.report({
          range: commandSpan(cmd, sub),
          message: 'apt-get install without -y asks "Do you want to continue?" and a build has no one to answer, so the install aborts.',
          data: insertAfter(view, sub, '-y', 'Add -y'),
        });
      }
    }),
  },
  fix: (_model, finding) => insertFix(finding),
};

export const aptGetInstallRecommends: DockerfileRule = {
  ...meta('apt-get-install-recommends', 'DL3015', 'info', 'Use apt-get install --no-install-recommends'),
  check: {
    instruction: onRun((view, ctx) => {
      for (const cmd of aptGetInstalls(view)) {
        if (cmd.words.some((w) => w.value !== undefined && flagMatches(w.value, [], ['no-install-recommends']))) continue;
        if (aptOption(cmd, /^APT::Install-Recommends=(false|0|no)$/i)) continue;
        const sub = subcommand(cmd, APT_VALUE_OPTS)!;
        ctx.report({
          range: commandSpan(cmd, sub),
          message: 'Without --no-install-recommends apt-get also installs every "recommended" package, which often doubles the size of the image for things the container never uses.',
          data: insertAfter(view, sub, '--no-install-recommends', 'Add --no-install-recommends'),
        });
      }
    }),
  },
  fix: (_model, finding) => insertFix(finding),
};

/** `apt` sub-commands `apt-get` also has; `apt list`/`apt search` have no drop-in replacement. */
const APT_GET_SUBCOMMANDS: ReadonlySet<string> = new Set(['install', 'update', 'upgrade', 'full-upgrade', 'dist-upgrade', 'remove', 'purge', 'autoremove', 'clean', 'autoclean']);

export const aptInScripts: DockerfileRule = {
  ...meta('apt-in-scripts', 'DL3027', 'warning', 'Use apt-get or apt-cache, not apt, in scripts'),
  check: {
    instruction: onRun((view, ctx) => {
      for (const cmd of commandsNamed(view, ['apt'])) {
        const sub = subcommand(cmd, APT_VALUE_OPTS)?.value;
        const fixable = sub !== undefined && APT_GET_SUBCOMMANDS.has(sub);
        ctx.report({
          range: cmd.words[0]!.range,
          message: 'apt is meant for people at a terminal: its output and behaviour may change between releases and it warns that it has no stable interface. Scripts should use apt-get (or apt-cache).',
          data: fixable ? ({ at: nameEnd(view, cmd), text: '-get', title: 'Use apt-get' } satisfies InsertData) : undefined,
        });
      }
    }),
  },
  fix: (_model, finding) => insertFix(finding),
};

/** Just after the name's last letter (inside the closing quote in exec form). */
function nameEnd(view: ShellView, cmd: ShellCommand) {
  const end = cmd.words[0]!.range.end;
  return view.form === 'exec' ? { line: end.line, character: end.character - 1 } : end;
}

export const aptRules: readonly DockerfileRule[] = [aptGetUnpinned, aptListsNotCleaned, aptGetMissingYes, aptGetInstallRecommends, aptInScripts];
