// Entry of the lazily loaded Dockerfile support (see ../lazy.ts): everything the facade, the server and
// the CLI use from the Dockerfile side, so that none of it is loaded before the first Dockerfile.
export { parseDockerfile } from './model';
export { dockerfileResults } from './diagnostics';
export { dockerfileCodeActions } from './codeActions';
export { dockerfileHover } from './hover';
export { dockerfileCompletion } from './completion';
export { dockerfileDocumentSymbols, dockerfileFoldingRanges } from './symbols';
export { dockerfileDefinition, dockerfileDocumentHighlight, dockerfilePrepareRename, dockerfileReferences, dockerfileRename } from './navigation';
export { dockerfileRuleById, dockerfileRules } from './rules';
export { shellRules } from './rules/shell';
export { initShellParser } from './shell/parser';
export { clearShellCache } from './shell';
export { astPerfInstalled } from './astPerf';
export { DockerfileParser } from 'dockerfile-ast';
// Exercises check Dockerfiles with the same model and rules.
export { checkExercise } from '../exercises/check';
