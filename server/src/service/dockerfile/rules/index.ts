import type { DockerfileRule } from './types';
import { syntaxRules } from './syntax';
import { buildkitRules } from './buildkit';
import { bestPracticeRules } from './bestPractice';
import { shellRules } from './shell';

/** Every Dockerfile rule, in one registry. Ids are unique (a test checks). */
export const dockerfileRules: readonly DockerfileRule[] = [...syntaxRules, ...buildkitRules, ...bestPracticeRules, ...shellRules];

const byId = new Map(dockerfileRules.map((r) => [r.id, r]));
export function dockerfileRuleById(id: string): DockerfileRule | undefined {
  return byId.get(id);
}
