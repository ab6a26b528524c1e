import { labelFormatRule } from './labelSchema';
import { urlProblem } from './labelFormats';

export const labelNotUrl = labelFormatRule({
  id: 'dockerfile/label-not-url',
  alias: 'DL3052',
  type: 'url',
  title: 'Schema label of type url is not a valid URL',
  what: 'an absolute URL',
  why: 'Registries and dashboards turn such labels into links, which only work with a full URL.',
  problem: urlProblem,
});
