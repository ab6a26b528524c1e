import type { DockerfileRule } from './types';
import { syntaxRules } from './syntax';
import { buildkitRules } from './buildkit';
import { bestPracticeRules } from './bestPractice';
import { shellRules } from './shell';
import { ruleCards } from '../../../generated/ruleCards';
import { withStudyCard } from '../../content/ruleCards';

/**
 * Every Dockerfile rule, in one registry. Ids are unique (a test checks). Rules without their own
 * `explain.cardId` get the study card named in server/content/ruleCards.yaml.
 */
export const dockerfileRules: readonly DockerfileRule[] = [...syntaxRules, ...buildkitRules, ...bestPracticeRules, ...shellRules].map((r) => withStudyCard(r, ruleCards));

const byId = new Map(dockerfileRules.map((r) => [r.id, r]));
export function dockerfileRuleById(id: string): DockerfileRule | undefined {
  return byId.get(id);
}
