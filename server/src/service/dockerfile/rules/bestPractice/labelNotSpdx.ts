import { labelFormatRule } from './labelSchema';
import { spdxProblem } from './labelFormats';

export const labelNotSpdx = labelFormatRule({
  id: 'dockerfile/label-not-spdx',
  alias: 'DL3054',
  type: 'spdx',
  title: 'Schema label of type spdx is not an SPDX license expression',
  what: 'an SPDX license expression',
  why: 'License scanners match the standard SPDX ids; free text like "Apache 2" cannot be checked automatically.',
  problem: spdxProblem,
});
