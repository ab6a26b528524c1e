/**
 * Entry of `dist/service.js`: the language service exactly as the server and CLI bundles ship it (with
 * their own copy of dockerfile-ast and its performance patch), for the benchmark to measure the shipped
 * code path while dockerfile-utils keeps using node_modules' copy.
 */
import { dockerfileSupport } from './service/lazy';

export { createLanguageService } from './service';
export { loadShellParser } from './shellParser';
export { nodeFiles } from './server';
export { DEFAULT_SETTINGS } from './service/settings';
export { Derived } from './service/derived';
// The Dockerfile side is the lazily loaded dist/dockerfileService.js, the one copy the facade above runs.
export const { dockerfileResults, parseDockerfile, dockerfileRules, clearShellCache, astPerfInstalled, DockerfileParser, shellRules } = dockerfileSupport();
