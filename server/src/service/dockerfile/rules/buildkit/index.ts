import type { DockerfileRule } from '../types';
import { consistentInstructionCasing } from './consistentInstructionCasing';
import { copyIgnoredFile } from './copyIgnoredFile';
import { duplicateStageName } from './duplicateStageName';
import { exposeInvalidFormat } from './exposeInvalidFormat';
import { exposeProtoCasing } from './exposeProtoCasing';
import { fromAsCasing } from './fromAsCasing';
import { fromPlatformFlagConstDisallowed } from './fromPlatformFlagConstDisallowed';
import { invalidDefaultArgInFrom } from './invalidDefaultArgInFrom';
import { invalidDefinitionDescription } from './invalidDefinitionDescription';
import { jsonArgsRecommended } from './jsonArgsRecommended';
import { legacyKeyValueFormat } from './legacyKeyValueFormat';
import { maintainerDeprecated } from './maintainerDeprecated';
import { multipleInstructionsDisallowed } from './multipleInstructionsDisallowed';
import { noEmptyContinuation } from './noEmptyContinuation';
import { redundantTargetPlatform } from './redundantTargetPlatform';
import { reservedStageName } from './reservedStageName';
import { secretsUsedInArgOrEnv } from './secretsUsedInArgOrEnv';
import { stageNameCasing } from './stageNameCasing';
import { undefinedArgInFrom } from './undefinedArgInFrom';
import { undefinedVar } from './undefinedVar';
import { workdirRelativePath } from './workdirRelativePath';

/** BuildKit's build checks (`docker build --check`), under their official names. InvalidBaseImagePlatform needs the pulled image and is left out. */
export const buildkitRules: readonly DockerfileRule[] = [
  stageNameCasing,
  fromAsCasing,
  noEmptyContinuation,
  consistentInstructionCasing,
  duplicateStageName,
  reservedStageName,
  jsonArgsRecommended,
  maintainerDeprecated,
  undefinedArgInFrom,
  workdirRelativePath,
  undefinedVar,
  multipleInstructionsDisallowed,
  legacyKeyValueFormat,
  redundantTargetPlatform,
  secretsUsedInArgOrEnv,
  invalidDefaultArgInFrom,
  fromPlatformFlagConstDisallowed,
  copyIgnoredFile,
  invalidDefinitionDescription,
  exposeProtoCasing,
  exposeInvalidFormat,
];
