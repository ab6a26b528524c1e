import type { DockerfileRule } from '../types';

/** hadolint-style advice that needs no shell parsing. */
export const bestPracticeRules: readonly DockerfileRule[] = [];
