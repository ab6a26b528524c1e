import type { DockerfileRule } from '../types';
import { HADOLINT_DOCS } from '../types';
import { effectiveUser, finalStage, isRootUser, isWindowsDockerfile, userWord } from './common';

export const nonNumericUser: DockerfileRule = {
  id: 'dockerfile/non-numeric-user',
  aliases: ['DL3066'],
  family: 'best-practice',
  defaultLevel: 'info',
  title: 'The image runs as a user name, not a numeric UID',
  explain: { docsUrl: HADOLINT_DOCS('DL3066') },
  check: {
    document: (ctx) => {
      const final = finalStage(ctx.model);
      // Windows accounts have no numeric ids (ContainerUser is the normal choice there).
      if (!final || isWindowsDockerfile(ctx.model)) return;
      // Only the user the image starts with is checked by runtimes; build-time USER switches are not.
      const user = effectiveUser(final);
      const word = user ? userWord(user) : undefined;
      const arg = user?.args[0];
      if (!user || !arg || word === undefined || word.includes('$') || isRootUser(word)) return;
      const uid = word.split(':')[0] ?? '';
      if (/^\d+$/.test(uid)) return;
      ctx.report({
        range: arg.getRange(),
        message: `The image starts as user "${uid}", a name only the image's /etc/passwd can translate: Kubernetes' runAsNonRoot cannot verify a name and refuses to start the pod, and host tools see no UID. Use the numeric UID (e.g. USER 10001${word.includes(':') ? ':10001' : ''}) or add it next to the name.`,
      });
    },
  },
};
