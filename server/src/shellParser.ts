import * as fs from 'fs';
import * as path from 'path';
import { dockerfileSupport } from './service/lazy';

/**
 * Loads the shell parser's WASM module (server/wasm/bash-flat.wasm): next to the bundle in `dist/` (the
 * esbuild script copies it there), else from the source tree (tests run from `out/server/src/`). Resolves
 * false when it is missing, so the rest of the service still works; the shell rules then stay silent.
 */
export async function loadShellParser(): Promise<boolean> {
  const file = [path.join(__dirname, 'bash-flat.wasm'), path.join(__dirname, '../../../server/wasm/bash-flat.wasm')].find((f) => fs.existsSync(f));
  if (!file) return false;
  await dockerfileSupport().initShellParser({ module: fs.readFileSync(file) });
  return true;
}
