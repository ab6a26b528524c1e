import type { DockerfileRule } from '../types';
import { HADOLINT_DOCS } from '../types';
import { properties } from './common';

const RESERVED = ['com.docker.', 'io.docker.', 'org.dockerproject.'];

/** Why a label key breaks Docker's naming guidelines, or undefined when it follows them. */
export function labelKeyProblem(key: string): string | undefined {
  const lower = key.toLowerCase();
  const ns = RESERVED.find((r) => lower.startsWith(r));
  if (ns) return `the ${ns}* namespace is reserved for Docker's own use, so your label may clash with one Docker defines`;
  if (!/^[a-z]/.test(key)) return 'label keys should start with a lowercase letter';
  if (!/[a-z0-9]$/.test(key)) return 'label keys should end with a lowercase letter or digit';
  if (/[^a-z0-9.-]/.test(key)) return 'label keys should only use lowercase letters, digits, dots and hyphens';
  if (/\.\.|--/.test(key)) return 'label keys should not repeat a dot or hyphen';
  return undefined;
}

export const invalidLabelKey: DockerfileRule = {
  id: 'dockerfile/invalid-label-key',
  aliases: ['DL3048'],
  family: 'best-practice',
  defaultLevel: 'hint',
  title: 'Label key outside Docker\'s naming guidelines',
  explain: { docsUrl: HADOLINT_DOCS('DL3048') },
  check: {
    instruction: {
      LABEL: (instr, ctx) => {
        for (const p of properties(instr)) {
          const key = p.getName();
          if (!key || key.includes('$')) continue;
          const problem = labelKeyProblem(key);
          if (!problem) continue;
          ctx.report({
            range: p.getNameRange(),
            message: `Label key "${key}": ${problem}. Tools that read labels (docker inspect filters, registries, scanners) expect reverse-DNS keys such as org.opencontainers.image.version.`,
          });
        }
      },
    },
  },
};
