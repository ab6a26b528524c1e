// The parts of the service a session may never need, loaded on first use. A Compose-only session never
// loads the Dockerfile engine (rules, dockerfile-ast, the shell parser), and nothing loads the study deck
// before a hover or the quiz asks for a card, so the server starts sooner.
//
// In the bundles each target is its own file in dist/ (scripts/esbuild.mjs maps these requires to
// `./dockerfileService.js`, `./studyContent.js` and `./composeSchema.js`, and fails the build when one
// of them is imported any other way); from the tsc output (tests) they are plain relative requires.
/* eslint-disable @typescript-eslint/no-require-imports */
import type * as DockerfileSupport from './dockerfile/support';
import type * as StudyContent from './content/studyContent';
import type * as ComposeSchema from '../generated/composeSchemaValidate';

let dockerfile: typeof DockerfileSupport | undefined;
let content: typeof StudyContent | undefined;
let schema: typeof ComposeSchema | undefined;

/** The Dockerfile language support: model, rules, features, shell parser and the exercise checker. */
export function dockerfileSupport(): typeof DockerfileSupport {
  return (dockerfile ??= require('./dockerfile/support') as typeof DockerfileSupport);
}

/** The study deck and the exercises (generated from server/content). */
export function studyContent(): typeof StudyContent {
  return (content ??= require('./content/studyContent') as typeof StudyContent);
}

/** The compose-spec validator, compiled ahead of time by Ajv (scripts/buildComposeSchema.mjs). */
export function composeSchemaValidator(): typeof ComposeSchema {
  return (schema ??= require('../generated/composeSchemaValidate') as typeof ComposeSchema);
}
