import type { DockerfileRule } from '../types';
import { unknownInstruction } from './unknownInstruction';

/** What the builder rejects: these are errors because `docker build` fails on them. */
export const syntaxRules: readonly DockerfileRule[] = [unknownInstruction];
