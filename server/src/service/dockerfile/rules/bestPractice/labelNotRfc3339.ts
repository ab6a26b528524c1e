import { labelFormatRule } from './labelSchema';
import { rfc3339Problem } from './labelFormats';

export const labelNotRfc3339 = labelFormatRule({
  id: 'dockerfile/label-not-rfc3339',
  alias: 'DL3053',
  type: 'rfc3339',
  title: 'Schema label of type rfc3339 is not an RFC 3339 date-time',
  what: 'an RFC 3339 date-time',
  why: 'Tools sort and compare build dates only when every image writes them the same way (the OCI created label uses this format).',
  problem: rfc3339Problem,
});
