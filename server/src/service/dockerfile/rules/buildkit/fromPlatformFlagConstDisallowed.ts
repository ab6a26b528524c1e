import type { DockerfileRule } from '../types';
import { BUILDKIT_DOCS } from '../types';
import { hasVariable } from './shared';

const OSES = new Set(['linux', 'windows', 'darwin', 'freebsd', 'netbsd', 'openbsd', 'solaris', 'illumos', 'aix', 'android', 'ios', 'js', 'wasip1', 'plan9', 'dragonfly']);
const ARCH_ALIASES: ReadonlyMap<string, string> = new Map([
  ['amd64', 'amd64'], ['x86_64', 'amd64'], ['x86-64', 'amd64'], ['arm64', 'arm64'], ['aarch64', 'arm64'], ['arm', 'arm'],
  ['armhf', 'arm'], ['armel', 'arm'], ['386', '386'], ['i386', '386'], ['x86', '386'], ['ppc64le', 'ppc64le'], ['s390x', 's390x'],
  ['riscv64', 'riscv64'], ['mips64le', 'mips64le'], ['mips64', 'mips64'], ['mipsle', 'mipsle'], ['mips', 'mips'], ['loong64', 'loong64'], ['wasm', 'wasm'],
]);

/** `os[/arch[/variant]]` or a lone arch, normalised as the builder does; undefined when it would not parse. */
export function parsePlatform(value: string): { os: string; arch: string } | undefined {
  const parts = value.toLowerCase().split('/');
  if (parts.length > 3 || parts.some((p) => !/^[a-z0-9_.-]+$/.test(p))) return undefined;
  if (parts.length === 1) {
    const only = parts[0]!;
    if (OSES.has(only)) return { os: only, arch: 'amd64' };
    const arch = ARCH_ALIASES.get(only);
    return arch ? { os: 'linux', arch } : undefined;
  }
  const arch = ARCH_ALIASES.get(parts[1]!);
  if (!OSES.has(parts[0]!) || !arch) return undefined;
  return { os: parts[0]!, arch };
}

/**
 * Also hadolint's DL3029, which flags every `FROM --platform`, even `--platform=$BUILDPLATFORM`, the
 * pattern BuildKit recommends for cross-compiling (projects routinely silence DL3029 for it). We report
 * what is actually fragile: a constant platform, except in a stage named for that platform.
 */
export const fromPlatformFlagConstDisallowed: DockerfileRule = {
  id: 'dockerfile/from-platform-flag-const-disallowed',
  aliases: ['FromPlatformFlagConstDisallowed', 'DL3029'],
  family: 'buildkit',
  defaultLevel: 'warning',
  title: 'FROM --platform should not be a constant',
  explain: { docsUrl: BUILDKIT_DOCS('FromPlatformFlagConstDisallowed') },
  check: {
    instruction: {
      FROM: (instr, ctx) => {
        const flag = instr.flag('platform');
        const value = flag?.getValue();
        const range = flag?.getValueRange();
        if (!flag || !value || !range || hasVariable(value, ctx.model.escapeChar)) return;
        const p = parsePlatform(value);
        if (!p) return;
        // A stage named after its platform (build-arm64, linux-tools) pins it on purpose.
        const stageName = instr.stage?.name ?? '';
        if (stageName.includes(p.os) || stageName.includes(p.arch)) return;
        ctx.report({
          range,
          message: `--platform=${value} pins this stage to one platform, so a multi-platform build still builds it only for ${value} (emulated on other machines). Use $BUILDPLATFORM or $TARGETPLATFORM, or name the stage after the platform if pinning is deliberate.`,
        });
      },
    },
  },
};
