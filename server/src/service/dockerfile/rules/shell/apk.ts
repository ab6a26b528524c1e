import type { ShellCommand } from '../../shell';
import { commandsNamed, hasCacheMount, hasFlag, operands, perView, subcommand } from '../../shell';
import type { DockerfileRule } from '../types';
import { commandSpan, insertAfter, insertFix, meta, onRun } from './common';

const APK_VALUE_OPTS = ['t', 'virtual', 'X', 'repository', 'repositories-file', 'p', 'root', 'arch', 'keys-dir', 'cache-dir', 'cache-max-age'];

const apkAdds = perView((view): readonly ShellCommand[] => commandsNamed(view, ['apk']).filter((c) => subcommand(c, APK_VALUE_OPTS)?.value === 'add'));

export const apkUnpinned: DockerfileRule = {
  ...meta('apk-unpinned', 'DL3018', 'warning', 'Pin package versions in apk add (package=version)'),
  check: {
    instruction: onRun((view, ctx) => {
      for (const cmd of apkAdds(view)) {
        for (const pkg of operands(cmd, ['add'], APK_VALUE_OPTS)) {
          const v = pkg.value;
          if (v === undefined || /[=<>~]/.test(v) || v.endsWith('.apk')) continue;
          ctx.report({
            range: pkg.range,
            message: `"${v}" is added without a version (${v}=<version>): the next rebuild installs whatever the Alpine repository holds then, so builds stop being repeatable.`,
          });
        }
      }
    }),
  },
};

export const apkCacheKept: DockerfileRule = {
  ...meta('apk-cache-kept', 'DL3019', 'info', 'Use apk add --no-cache'),
  check: {
    instruction: onRun((view, ctx) => {
      if (hasCacheMount(view, ['/var/cache/apk'])) return;
      for (const cmd of apkAdds(view)) {
        // --no-network installs from what is already there, so nothing new lands in the cache.
        if (hasFlag(cmd, [], ['no-cache', 'no-network'])) continue;
        const sub = subcommand(cmd, APK_VALUE_OPTS)!;
        ctx.report({
          range: commandSpan(cmd, sub),
          message: 'apk add keeps its package index in /var/cache/apk, which then ships in the layer; --no-cache fetches the index on the fly and leaves nothing behind (no separate apk update or rm needed).',
          data: insertAfter(view, sub, '--no-cache', 'Add --no-cache'),
        });
      }
    }),
  },
  fix: (_model, finding) => insertFix(finding),
};

export const apkRules: readonly DockerfileRule[] = [apkUnpinned, apkCacheKept];
