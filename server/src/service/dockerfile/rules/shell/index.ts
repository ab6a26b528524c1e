import type { DockerfileRule } from '../types';
import { aptRules } from './apt';
import { apkRules } from './apk';
import { pipRules } from './pip';
import { rpmRules } from './rpm';
import { langRules } from './lang';
import { commandRules } from './commands';
import { structureRules } from './structure';
import { runTooLong } from './limits';

/** hadolint's rules that read the commands inside RUN, on a real shell parse (see `../../shell`). */
export const shellRules: readonly DockerfileRule[] = [...commandRules, ...aptRules, ...apkRules, ...pipRules, ...rpmRules, ...langRules, ...structureRules, runTooLong];
