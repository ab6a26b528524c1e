import { dockerfileDocs } from '../../generated/dockerfileDocs';
import type {
  BuildCheckDoc, ConceptDoc, DirectiveDoc, DockerfileDocs, FlagDoc, InstructionDoc, MountOptionDoc, MountTypeDoc, SubcommandDoc,
} from './docsTypes';

/** Lookups over the generated teaching content, indexed once at load so hover does map gets only. */
export const DOCS: DockerfileDocs = dockerfileDocs;

const instructions = new Map<string, InstructionDoc>(DOCS.instructions.map((d) => [d.keyword, d]));
const subcommands = new Map<string, SubcommandDoc>(DOCS.subcommands.map((d) => [`${d.instruction} ${d.subcommand}`, d]));
const flags = new Map<string, FlagDoc>(DOCS.flags.map((d) => [`${d.instruction} ${d.flag}`, d]));
const mounts = new Map<string, { doc: MountTypeDoc; options: Map<string, MountOptionDoc> }>(
  DOCS.mounts.map((m) => [m.type, { doc: m, options: new Map(m.options.flatMap((o) => o.names.map((n) => [n, o] as const))) }]),
);
const directives = new Map<string, DirectiveDoc>(DOCS.directives.map((d) => [d.name, d]));
const concepts = new Map<string, ConceptDoc>(DOCS.concepts.map((d) => [d.id, d]));
const checks = new Map<string, BuildCheckDoc>(DOCS.buildChecks.map((d) => [d.name.toLowerCase(), d]));

export const instructionDoc = (keyword: string): InstructionDoc | undefined => instructions.get(keyword.toUpperCase());
export const subcommandDoc = (instruction: string, sub: string): SubcommandDoc | undefined => subcommands.get(`${instruction} ${sub.toUpperCase()}`);
/** `flag` with or without its dashes. */
export const flagDoc = (instruction: string, flag: string): FlagDoc | undefined =>
  flags.get(`${instruction} ${flag.startsWith('--') ? flag : '--' + flag}`);
export const mountTypeDoc = (type: string): MountTypeDoc | undefined => mounts.get(type.toLowerCase())?.doc;
export const mountOptionDoc = (type: string, option: string): MountOptionDoc | undefined =>
  mounts.get(type.toLowerCase())?.options.get(option.toLowerCase());
export const directiveDoc = (name: string): DirectiveDoc | undefined => directives.get(name.toLowerCase());
/** Concepts are always present (the content tests check the ids the hover uses). */
export const conceptDoc = (id: string): ConceptDoc | undefined => concepts.get(id);
/** Case-insensitive lookup; the caller compares `name` to tell the user about casing. */
export const buildCheckDoc = (name: string): BuildCheckDoc | undefined => checks.get(name.toLowerCase());
/** Flags BuildKit accepts for `instruction`, with dashes (empty for instructions without flags). */
export const flagSet = (instruction: string): readonly string[] => DOCS.flagSets[instruction] ?? [];
