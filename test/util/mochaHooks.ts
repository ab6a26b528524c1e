import { loadShellParser } from '../../server/src/shellParser';

/** Root hook (see .mocharc.json): the shell parser's WASM loads once, before any test, as the server does at start-up. */
export const mochaHooks = {
  async beforeAll(): Promise<void> {
    if (!(await loadShellParser())) throw new Error('shell parser WASM not found (server/wasm/bash-flat.wasm)');
  },
};
