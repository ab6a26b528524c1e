import type { DockerfileRule } from '../types';
import { maintainerDeprecated } from './maintainerDeprecated';

/** BuildKit's build checks (`docker build --check`), under their official names. */
export const buildkitRules: readonly DockerfileRule[] = [maintainerDeprecated];
