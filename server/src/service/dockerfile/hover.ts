import type { Hover, Position } from 'vscode-languageserver-types';
import type { DockerfileModel } from './model';

/** Hover for the word under the cursor: instruction, flag, directive, variable, stage, image. */
export function dockerfileHover(_model: DockerfileModel, _position: Position): Hover | null {
  return null;
}
