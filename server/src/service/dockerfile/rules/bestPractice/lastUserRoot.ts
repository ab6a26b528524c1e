import type { DockerfileRule } from '../types';
import { HADOLINT_DOCS } from '../types';
import { effectiveUser, finalStage, isRootUser, isWindowsDockerfile, userWord } from './common';

export const lastUserRoot: DockerfileRule = {
  id: 'dockerfile/last-user-root',
  aliases: ['DL3002'],
  family: 'best-practice',
  defaultLevel: 'warning',
  title: 'The image runs as root because the last USER is root',
  explain: { docsUrl: HADOLINT_DOCS('DL3002') },
  check: {
    document: (ctx) => {
      const final = finalStage(ctx.model);
      if (!final) return;
      // Only the user the final image starts with matters; switching to root for build steps is fine.
      const user = effectiveUser(final);
      const word = user ? userWord(user) : undefined;
      if (!user || word === undefined) return;
      // ContainerAdministrator is Windows' root.
      if (!isRootUser(word) && !(/^containeradministrator$/i.test(word) && isWindowsDockerfile(ctx.model))) return;
      const arg = user.args[0];
      const inherited = user.stage !== final.stage;
      ctx.report({
        range: arg ? arg.getRange() : user.keywordRange,
        message: `The container will run as root ("USER ${word}" is the last USER${inherited ? ' the final stage inherits' : ' of the final stage'}): anyone who breaks into the process owns the whole container, and a container escape starts with root rights. Switch to an unprivileged user at the end, e.g. USER app or USER 10001 (ContainerUser on Windows).`,
      });
    },
  },
  fix(model, finding) {
    const final = finalStage(model);
    const last = final?.stage.instructions[final.stage.instructions.length - 1];
    if (!last || !model.instructionAtLine(finding.range.start.line)) return [];
    const end = last.range.end;
    return [{
      title: 'Add "USER <non-root-user>" at the end of the final stage (fill in the user)',
      isPreferred: true,
      edits: [{ range: { start: end, end }, newText: '\nUSER <non-root-user>' }],
    }];
  },
};
