import type { Property } from 'dockerfile-ast';
import type { DockerfileRule, InstructionVisitor } from '../types';
import { BUILDKIT_DOCS } from '../types';

// Also hadolint's DL3064. hadolint matches a list of CI variable names plus substrings such as
// `private` and `username`, which flags names that hold no secret (TRAVIS_OS_NAME, DOCKER_USERNAME);
// we keep BuildKit's word-based test, which catches the real secrets without that noise.
// A secret word as a whole `_`-separated part of the name (API_KEY, DB_PASSWORD, token), unless
// the name also says it is public, a file path or a version.
const SECRET = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const ALLOWED = /(?:_|^)(?:public|file|version)(?:_|$)/i;

export function looksSecret(name: string): boolean {
  return SECRET.test(name) && !ALLOWED.test(name);
}

const visit: InstructionVisitor = (instr, ctx) => {
  const props = (instr.node as unknown as { getProperties?: () => Property[] }).getProperties?.() ?? [];
  for (const p of props) {
    const name = p.getName();
    if (!name || !looksSecret(name)) continue;
    ctx.report({
      range: p.getNameRange(),
      message: `${instr.keyword} ${name} looks like it carries a secret: ` +
        (instr.keyword === 'ENV'
          ? 'ENV values are saved in the image config, where docker inspect shows them to anyone who pulls the image.'
          : 'ARG values are recorded in the image history of every RUN that sees them (docker history shows them) and in the build cache.') +
        ' Pass secrets with RUN --mount=type=secret instead.',
    });
  }
};

export const secretsUsedInArgOrEnv: DockerfileRule = {
  id: 'dockerfile/secrets-used-in-arg-or-env',
  aliases: ['SecretsUsedInArgOrEnv', 'DL3064'],
  family: 'buildkit',
  defaultLevel: 'warning',
  title: 'ARG or ENV name suggests a secret',
  explain: { docsUrl: BUILDKIT_DOCS('SecretsUsedInArgOrEnv') },
  check: { instruction: { ARG: visit, ENV: visit } },
};
