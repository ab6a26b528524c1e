import type { DockerfileRule } from '../types';
import { copyEntireFilesystem } from './copyEntireFilesystem';
import { copyRelativeWithoutWorkdir } from './copyRelativeWithoutWorkdir';
import { envSameStatementReference } from './envSameStatementReference';
import { healthcheckMissing } from './healthcheckMissing';
import { inlineIgnorePragma } from './inlineIgnorePragma';
import { invalidLabelKey } from './invalidLabelKey';
import { labelEmpty } from './labelEmpty';
import { labelMissing } from './labelMissing';
import { labelNotEmail } from './labelNotEmail';
import { labelNotGitHash } from './labelNotGitHash';
import { labelNotRfc3339 } from './labelNotRfc3339';
import { labelNotSemver } from './labelNotSemver';
import { labelNotSpdx } from './labelNotSpdx';
import { labelNotUrl } from './labelNotUrl';
import { labelSuperfluous } from './labelSuperfluous';
import { lastUserRoot } from './lastUserRoot';
import { latestTag } from './latestTag';
import { nonNumericUser } from './nonNumericUser';
import { preferCopyOverAdd } from './preferCopyOverAdd';
import { untaggedBaseImage } from './untaggedBaseImage';
import { untrustedRegistry } from './untrustedRegistry';

/** hadolint-style advice that needs no shell parsing. */
export const bestPracticeRules: readonly DockerfileRule[] = [
  inlineIgnorePragma, // DL1001
  lastUserRoot, // DL3002
  untaggedBaseImage, // DL3006
  latestTag, // DL3007
  preferCopyOverAdd, // DL3020
  untrustedRegistry, // DL3026
  envSameStatementReference, // DL3044
  copyRelativeWithoutWorkdir, // DL3045
  invalidLabelKey, // DL3048
  labelMissing, // DL3049
  labelSuperfluous, // DL3050
  labelEmpty, // DL3051
  labelNotUrl, // DL3052
  labelNotRfc3339, // DL3053
  labelNotSpdx, // DL3054
  labelNotGitHash, // DL3055
  labelNotSemver, // DL3056
  healthcheckMissing, // DL3057
  labelNotEmail, // DL3058
  nonNumericUser, // DL3066
  copyEntireFilesystem, // DL3067
];
