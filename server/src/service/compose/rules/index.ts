import { ruleCards } from '../../../generated/ruleCards';
import { withStudyCard } from '../../content/ruleCards';
import type { ComposeRule } from './types';
import { structureRules } from './structure';
import { schemaRules } from './schema';
import { semanticRules } from './semantic';
import { bestPracticeRules } from './bestPractice';

/**
 * Every Compose rule: what the YAML parser, the schema and `docker compose config` reject, then advice.
 * Rules without their own `explain.cardId` get the study card named in server/content/ruleCards.yaml.
 */
export const composeRules: readonly ComposeRule[] = [...structureRules, ...schemaRules, ...semanticRules, ...bestPracticeRules].map((r) => withStudyCard(r, ruleCards));
