import type { DirectiveInfo, DockerfileModel } from '../../model';
import { derived } from '../../../derived';

/** Directives BuildKit knows; any other `# name=value` line ends the directive block. */
export const KNOWN_DIRECTIVES: ReadonlySet<string> = new Set(['syntax', 'escape', 'check']);

export interface DirectiveScan {
  /** Directives BuildKit honours, in order. */
  readonly effective: readonly DirectiveInfo[];
  /** Known directives BuildKit ignores because the block had already ended. */
  readonly ignored: readonly DirectiveInfo[];
}

/** BuildKit stops reading directives at the first line that is not a known `# name=value`. */
export const scanDirectives = derived((model: DockerfileModel): DirectiveScan => {
  const effective: DirectiveInfo[] = [];
  const ignored: DirectiveInfo[] = [];
  let done = false;
  for (const d of model.directives) {
    if (!KNOWN_DIRECTIVES.has(d.name)) done = true;
    else if (done) ignored.push(d);
    else effective.push(d);
  }
  return { effective, ignored };
});
