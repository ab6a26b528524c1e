import { labelFormatRule } from './labelSchema';
import { semverProblem } from './labelFormats';

export const labelNotSemver = labelFormatRule({
  id: 'dockerfile/label-not-semver',
  alias: 'DL3056',
  type: 'semver',
  title: 'Schema label of type semver is not a semantic version',
  what: 'a semantic version',
  why: 'Release tooling compares versions by their MAJOR.MINOR.PATCH parts and cannot order anything else.',
  problem: semverProblem,
});
