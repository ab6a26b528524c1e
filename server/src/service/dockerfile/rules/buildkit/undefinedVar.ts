import type { Property } from 'dockerfile-ast';
import type { DockerfileModel, Instr, Keyword, Stage } from '../../model';
import { PLATFORM_ARGS, variablesOf } from '../../variables';
import type { DockerfileRule, InstructionVisitor } from '../types';
import { BUILDKIT_DOCS } from '../types';
import { closeName, eolOf, keywordLike, mentions, mentionsDollar, scanVariables, stageChain, textOf } from './shared';
import { hasDefault } from './undefinedArgInFrom';

/**
 * Environment variables that official and widely used base images set. BuildKit reads the
 * real image config; offline we cannot, so these are never reported when the stage starts
 * from an external image.
 */
const COMMON_IMAGE_ENV: ReadonlySet<string> = new Set([
  'PATH', 'HOME', 'HOSTNAME', 'TERM', 'LANG', 'LANGUAGE', 'LC_ALL', 'PWD', 'USER', 'SHELL', 'TZ', 'DEBIAN_FRONTEND',
  'LD_LIBRARY_PATH', 'PKG_CONFIG_PATH', 'MANPATH', 'GPG_KEY', 'GPG_KEYS',
  'JAVA_HOME', 'JAVA_VERSION', 'JDK_VERSION', 'JRE_HOME', 'MAVEN_HOME', 'MAVEN_CONFIG', 'GRADLE_HOME', 'GRADLE_VERSION',
  'PYTHONPATH', 'PYTHON_VERSION', 'PYTHON_SHA256', 'PYTHON_PIP_VERSION', 'PYTHON_GET_PIP_URL', 'PYTHONUNBUFFERED',
  'PYTHONDONTWRITEBYTECODE', 'PIP_NO_CACHE_DIR', 'VIRTUAL_ENV', 'UV_PYTHON_INSTALL_DIR', 'UV_COMPILE_BYTECODE',
  'GOPATH', 'GOROOT', 'GOLANG_VERSION', 'GOTOOLCHAIN', 'GO111MODULE', 'CGO_ENABLED', 'GOOS', 'GOARCH', 'GOFLAGS',
  'NODE_VERSION', 'NODE_ENV', 'YARN_VERSION', 'NPM_CONFIG_LOGLEVEL', 'NODE_OPTIONS',
  'RUBY_VERSION', 'RUBY_MAJOR', 'RUBY_DOWNLOAD_SHA256', 'GEM_HOME', 'BUNDLE_PATH', 'BUNDLE_APP_CONFIG', 'BUNDLE_SILENCE_ROOT_WARNING',
  'PHP_VERSION', 'PHP_INI_DIR', 'PHPIZE_DEPS', 'PHP_CFLAGS', 'PHP_CPPFLAGS', 'PHP_LDFLAGS', 'COMPOSER_HOME',
  'DOTNET_VERSION', 'ASPNET_VERSION', 'ASPNETCORE_URLS', 'ASPNETCORE_HTTP_PORTS', 'DOTNET_RUNNING_IN_CONTAINER', 'APP_UID', 'NUGET_PACKAGES',
  'CARGO_HOME', 'RUSTUP_HOME', 'RUST_VERSION',
  'NGINX_VERSION', 'NJS_VERSION', 'PKG_RELEASE', 'HTTPD_PREFIX', 'HTTPD_VERSION', 'CATALINA_HOME', 'TOMCAT_VERSION', 'TOMCAT_MAJOR',
  'PG_MAJOR', 'PG_VERSION', 'PGDATA', 'MYSQL_MAJOR', 'MYSQL_VERSION', 'REDIS_VERSION', 'MONGO_VERSION',
  'CUDA_VERSION', 'NVIDIA_VISIBLE_DEVICES', 'NVIDIA_DRIVER_CAPABILITIES', 'CONDA_DIR', 'MAMBA_ROOT_PREFIX',
  'OTP_VERSION', 'ELIXIR_VERSION', 'REBAR3_VERSION', 'DOCKER_VERSION', 'DOCKER_TLS_CERTDIR',
]);

interface UndefinedData {
  readonly name: string;
  readonly stage: number;
  readonly suggestion?: string;
  /** Declared as a global ARG but not re-declared in the stage, or a builder platform ARG. */
  readonly needsArg: boolean;
}

/** Name of the image the stage chain finally starts from (`scratch`, `node:22`, `$BASE`...). */
function rootImage(chain: readonly Stage[]): string {
  return (chain[chain.length - 1]!.from.args[0]?.getValue() ?? '').toLowerCase();
}

/**
 * The parts of the instruction the builder substitutes variables in, as offset segments:
 * RUN only in its flags (the command is the shell's); heredoc bodies of RUN, and of COPY/ADD
 * with a quoted delimiter, never; unquoted COPY/ADD heredoc bodies without quote processing.
 */
function segments(instr: Instr, model: DockerfileModel): { from: number; to: number; raw: boolean }[] {
  const doc = model.document;
  if (instr.keyword === 'RUN') {
    return instr.flags.map((f) => ({ from: doc.offsetAt(f.getRange().start), to: doc.offsetAt(f.getRange().end), raw: false }));
  }
  const out: { from: number; to: number; raw: boolean }[] = [];
  let from = doc.offsetAt(instr.keywordRange.end);
  const end = doc.offsetAt(instr.range.end);
  if (mentions(model, instr, '<<')) {
    for (const h of instr.heredocs) {
      const content = h.getContentRange();
      if (!content) continue;
      const a = doc.offsetAt(content.start);
      const b = doc.offsetAt(content.end);
      if (a < from) continue;
      out.push({ from, to: a, raw: false });
      if (!/["']/.test(textOf(model, h.getStartRange()))) out.push({ from: a, to: b, raw: true });
      from = b;
    }
  }
  out.push({ from, to: end, raw: false });
  return out;
}

/**
 * Faithful to BuildKit where the file decides: the builder substitutes variables in ENV, LABEL,
 * ARG defaults, ADD/COPY (sources, destination, flags, unquoted heredoc bodies), WORKDIR, USER,
 * VOLUME, STOPSIGNAL and RUN flags, and reports names no ARG or ENV defined before.
 * Offline we cannot read the base image's ENV, so when a stage (chain) starts from an external
 * image we stay quiet on names images commonly set and on any name with capitals, unless it is a
 * near-miss of a visible name, a global ARG not re-declared, or a builder platform ARG. Stages
 * built FROM scratch are checked strictly. `${X:-default}` is never reported: the author handles X
 * being unset (BuildKit does report it).
 */
const visit: InstructionVisitor = (instr, ctx) => {
  const model = ctx.model;
  const stage = instr.stage;
  if (!stage) return;
  if (!mentionsDollar(model, instr) || (instr.keyword === 'RUN' && !instr.flags.some((f) => f.getValue()?.includes('$')))) return;
  let refs = segments(instr, model).flatMap((s) => scanVariables(model, s.from, s.to, s.raw));
  // COPY --from may be expanded with the global ARGs, depending on the BuildKit version: not ours to judge.
  const fromFlag = instr.keyword === 'COPY' ? instr.flag('from')?.getRange() : undefined;
  if (fromFlag) {
    const a = model.document.offsetAt(fromFlag.start);
    const b = model.document.offsetAt(fromFlag.end);
    refs = refs.filter((r) => r.start < a || r.start >= b);
  }
  if (refs.length === 0) return;
  const vars = variablesOf(model);
  // ARG values see the names declared earlier in the same instruction.
  const ownArgs: { name: string; end: number }[] = [];
  if (instr.keyword === 'ARG') {
    const props = (instr.node as unknown as { getProperties(): Property[] }).getProperties();
    for (const p of props) ownArgs.push({ name: p.getName(), end: model.document.offsetAt(p.getRange().end) });
  }
  const chain = stageChain(model, stage);
  const image = rootImage(chain);
  const scratch = image === 'scratch';
  let visible: string[] | undefined;

  for (const v of refs) {
    const name = v.name;
    if (hasDefault(v.modifier)) continue;
    // The builder always sets PATH when the image does not.
    if (name === 'PATH') continue;
    if (ownArgs.some((a) => a.name === name && a.end <= v.start)) continue;
    const res = vars.resolve(instr, name);
    if (res.decl) continue;
    // A stage built FROM another stage inherits its ARGs too (BuildKit carries the parent's state over).
    if (chain.length > 1 && vars.declarations.some((d) => d.name === name && d.kind === 'ARG' && d.instr?.stage && d.instr.stage !== stage && chain.includes(d.instr.stage))) continue;
    const platform = PLATFORM_ARGS.has(name);
    const needsArg = Boolean(res.hiddenGlobal) || platform;
    visible ??= ['PATH', ...vars.visibleNames(instr), ...chain.slice(1).flatMap((s) => s.instructions.filter((i) => i.keyword === 'ARG').flatMap((i) => (i.node as unknown as { getProperties(): Property[] }).getProperties().map((p) => p.getName())))];
    const suggestion = needsArg ? undefined : closeName(name, visible.filter((n) => n !== name));
    if (!scratch) {
      // External base image: its ENV is unknown offline. Stay quiet on names images commonly
      // set, and on any name with capitals (JAVA_HOME, ProgramFiles on Windows) unless it looks
      // like a typo of a visible name. All-lowercase names are rarely image ENV, so they are checked.
      if (COMMON_IMAGE_ENV.has(name)) continue;
      if (!needsArg && !suggestion && name !== name.toLowerCase()) continue;
    }
    let message: string;
    if (res.hiddenGlobal) {
      message = `'$${name}' is a global ARG (line ${res.hiddenGlobal.instr!.range.start.line + 1}), but global ARGs are only visible in FROM lines until re-declared: add 'ARG ${name}' in this stage, otherwise it expands to an empty string here.`;
    } else if (platform) {
      message = `'$${name}' is set by the builder, but inside a stage it exists only after an 'ARG ${name}' line; without one it expands to an empty string here.`;
    } else {
      message = `'$${name}' is not declared by an ARG or ENV before this line, so it expands to an empty string.` + (suggestion ? ` Did you mean $${suggestion}?` : '');
    }
    const data: UndefinedData = { name, stage: stage.index, needsArg, ...(suggestion ? { suggestion } : {}) };
    ctx.report({ range: { start: model.document.positionAt(v.start), end: model.document.positionAt(v.end) }, message, data });
  }
};

const KEYWORDS: readonly Keyword[] = ['ADD', 'ARG', 'COPY', 'ENV', 'LABEL', 'RUN', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR'];
const table: Partial<Record<Keyword, InstructionVisitor>> = {};
for (const k of KEYWORDS) table[k] = visit;

function isData(d: unknown): d is UndefinedData {
  return typeof d === 'object' && d !== null && typeof (d as UndefinedData).name === 'string' && typeof (d as UndefinedData).stage === 'number';
}

export const undefinedVar: DockerfileRule = {
  id: 'dockerfile/undefined-var',
  aliases: ['UndefinedVar'],
  family: 'buildkit',
  defaultLevel: 'warning',
  title: 'Variable used before any ARG or ENV defines it',
  explain: { docsUrl: BUILDKIT_DOCS('UndefinedVar') },
  check: { instruction: table },
  fix(model, finding) {
    const d = finding.data;
    if (!isData(d)) return [];
    const stage = model.stages[d.stage];
    if (!stage) return [];
    const fromEnd = stage.from.range.end.line;
    const eol = eolOf(model);
    const arg = `${keywordLike(model, 'ARG')} ${d.name}`;
    const atEnd = fromEnd >= model.document.lineCount - 1;
    const insert = atEnd
      ? { range: { start: { line: fromEnd, character: model.lineText(fromEnd).length }, end: { line: fromEnd, character: model.lineText(fromEnd).length } }, newText: eol + arg }
      : { range: { start: { line: fromEnd + 1, character: 0 }, end: { line: fromEnd + 1, character: 0 } }, newText: arg + eol };
    const addArg = { title: `Add 'ARG ${d.name}' to this stage`, edits: [insert] };
    if (d.suggestion) {
      return [{ title: `Change to $${d.suggestion}`, isPreferred: true, edits: [{ range: finding.range, newText: d.suggestion }] }, addArg];
    }
    return [{ ...addArg, isPreferred: true }];
  },
};

