import { labelFormatRule } from './labelSchema';
import { gitHashProblem } from './labelFormats';

export const labelNotGitHash = labelFormatRule({
  id: 'dockerfile/label-not-git-hash',
  alias: 'DL3055',
  type: 'hash',
  title: 'Schema label of type hash is not a git commit hash',
  what: 'a git commit hash',
  why: 'The hash is how you trace an image back to the exact source it was built from; a branch name or typo breaks that link.',
  problem: gitHashProblem,
});
