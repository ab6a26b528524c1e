import * as fs from 'fs';
import * as path from 'path';
import { dockerfileSupport } from './service/lazy';

/**
 * Loads the shell parser's two WASM files: next to the bundle in `dist/` (the esbuild script copies
 * them there), else from node_modules (tests, `out/`). Resolves even when they are missing, so the
 * rest of the service still works; the shell rules then stay silent.
 */
export async function loadShellParser(): Promise<boolean> {
  const runtime = find('web-tree-sitter.wasm', 'web-tree-sitter/web-tree-sitter.wasm');
  const bash = find('tree-sitter-bash.wasm', 'tree-sitter-bash/tree-sitter-bash.wasm');
  if (!runtime || !bash) return false;
  await dockerfileSupport().initShellParser({ runtime: fs.readFileSync(runtime), bash: fs.readFileSync(bash) });
  return true;
}

function find(bundled: string, request: string): string | undefined {
  const beside = path.join(__dirname, bundled);
  if (fs.existsSync(beside)) return beside;
  try {
    return require.resolve(request);
  } catch {
    return undefined;
  }
}
