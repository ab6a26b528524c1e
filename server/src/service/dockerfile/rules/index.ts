import type { DockerfileRule } from './types';
import { syntaxRules } from './syntax';
import { buildkitRules } from './buildkit';
import { bestPracticeRules } from './bestPractice';

/** Every Dockerfile rule, in one registry. Ids are unique (a test checks). */
export const dockerfileRules: readonly DockerfileRule[] = [...syntaxRules, ...buildkitRules, ...bestPracticeRules];

const byId = new Map(dockerfileRules.map((r) => [r.id, r]));
export function dockerfileRuleById(id: string): DockerfileRule | undefined {
  return byId.get(id);
}
