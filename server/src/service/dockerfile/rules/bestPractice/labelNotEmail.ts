import { labelFormatRule } from './labelSchema';
import { emailProblem } from './labelFormats';

export const labelNotEmail = labelFormatRule({
  id: 'dockerfile/label-not-email',
  alias: 'DL3058',
  type: 'email',
  title: 'Schema label of type email is not an e-mail address',
  what: 'an e-mail address',
  why: 'People and tools use it to reach the image owners, so it has to be deliverable as written.',
  problem: emailProblem,
});
