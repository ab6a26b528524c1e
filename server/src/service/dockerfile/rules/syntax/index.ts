import type { DockerfileRule } from '../types';
import { copyDestinationSlash } from './copyDestinationSlash';
import { copyFromLaterStage } from './copyFromLaterStage';
import { copyFromSelf } from './copyFromSelf';
import { copyFromUnknownStage } from './copyFromUnknownStage';
import { duplicateDirective } from './duplicateDirective';
import { duplicateFlag } from './duplicateFlag';
import { extraArguments } from './extraArguments';
import { fromSyntax } from './fromSyntax';
import { ignoredDirective } from './ignoredDirective';
import { instructionBeforeFrom } from './instructionBeforeFrom';
import { invalidCheckDirective } from './invalidCheckDirective';
import { invalidEscapeDirective } from './invalidEscapeDirective';
import { invalidExpose } from './invalidExpose';
import { invalidFlagValue } from './invalidFlagValue';
import { invalidMount } from './invalidMount';
import { invalidStageName } from './invalidStageName';
import { invalidStopsignal } from './invalidStopsignal';
import { jsonSingleQuotes } from './jsonSingleQuotes';
import { malformedJson } from './malformedJson';
import { missingArguments } from './missingArguments';
import { noFrom } from './noFrom';
import { onbuildTrigger } from './onbuildTrigger';
import { shellJsonForm } from './shellJsonForm';
import { unknownFlag } from './unknownFlag';
import { unknownHealthcheckType } from './unknownHealthcheckType';
import { unknownInstruction } from './unknownInstruction';
import { unterminatedHeredoc } from './unterminatedHeredoc';
import { variableSubstitution } from './variableSubstitution';

/** What the builder rejects: these are errors because `docker build` fails on them (a few warn where it silently misreads). */
export const syntaxRules: readonly DockerfileRule[] = [
  unknownInstruction,
  missingArguments,
  extraArguments,
  fromSyntax,
  invalidStageName,
  unknownHealthcheckType,
  invalidStopsignal,
  instructionBeforeFrom,
  noFrom,
  unknownFlag,
  duplicateFlag,
  invalidFlagValue,
  invalidMount,
  copyFromSelf,
  copyFromLaterStage,
  copyFromUnknownStage,
  copyDestinationSlash,
  invalidExpose,
  jsonSingleQuotes,
  malformedJson,
  shellJsonForm,
  onbuildTrigger,
  invalidEscapeDirective,
  duplicateDirective,
  ignoredDirective,
  invalidCheckDirective,
  unterminatedHeredoc,
  variableSubstitution,
];
