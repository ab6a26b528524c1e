/**
 * Entry of `dist/service.js`: the language service exactly as the server and CLI bundles ship it (with
 * their own copy of dockerfile-ast and its performance patch), for the benchmark to measure the shipped
 * code path while dockerfile-utils keeps using node_modules' copy.
 */
export { createLanguageService } from './service';
export { loadShellParser } from './shellParser';
export { nodeFiles } from './server';
export { DEFAULT_SETTINGS } from './service/settings';
export { dockerfileResults } from './service/dockerfile/diagnostics';
export { parseDockerfile } from './service/dockerfile/model';
export { dockerfileRules } from './service/dockerfile/rules';
export { clearShellCache } from './service/dockerfile/shell';
export { astPerfInstalled } from './service/dockerfile/astPerf';
export { DockerfileParser } from 'dockerfile-ast';
export { shellRules } from './service/dockerfile/rules/shell';
