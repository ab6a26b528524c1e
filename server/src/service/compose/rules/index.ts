import type { ComposeRule } from './types';
import { structureRules } from './structure';
import { schemaRules } from './schema';
import { semanticRules } from './semantic';
import { bestPracticeRules } from './bestPractice';

/** Every Compose rule: what the YAML parser, the schema and `docker compose config` reject, then advice. */
export const composeRules: readonly ComposeRule[] = [...structureRules, ...schemaRules, ...semanticRules, ...bestPracticeRules];
