/** Command-line parsing for `docker-tutor lint`: no dependency, strict, with messages a person can act on. */

export type OutputFormat = 'text' | 'json' | 'sarif';
export const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];

/** `none` never fails; the others fail when a finding is at that level or above. */
export type FailureThreshold = 'error' | 'warning' | 'info' | 'hint' | 'none';
export const THRESHOLDS: readonly FailureThreshold[] = ['error', 'warning', 'info', 'hint', 'none'];

export interface LintOptions {
  readonly format: OutputFormat;
  readonly config: string | undefined;
  /** Undefined when not given, so a config file's `failureThreshold` can apply. */
  readonly failureThreshold: FailureThreshold | undefined;
  /** Decides the kind of the text read from `-` (and the name it is reported under). */
  readonly stdinFilename: string | undefined;
  readonly paths: readonly string[];
  readonly help: boolean;
}

export type ParseResult = { readonly ok: true; readonly options: LintOptions } | { readonly ok: false; readonly error: string };

interface ValueOption {
  readonly key: 'format' | 'config' | 'failureThreshold' | 'stdinFilename';
  readonly allowed?: readonly string[];
}

const VALUE_OPTIONS: Readonly<Record<string, ValueOption>> = {
  '--format': { key: 'format', allowed: FORMATS },
  '-f': { key: 'format', allowed: FORMATS },
  '--config': { key: 'config' },
  '-c': { key: 'config' },
  '--failure-threshold': { key: 'failureThreshold', allowed: THRESHOLDS },
  '-t': { key: 'failureThreshold', allowed: THRESHOLDS },
  '--stdin-filename': { key: 'stdinFilename' },
};

/** Parses the arguments after `lint`. `--opt value` and `--opt=value` both work; `--` ends the options. */
export function parseLintArgs(argv: readonly string[]): ParseResult {
  const values: { format?: string; config?: string; failureThreshold?: string; stdinFilename?: string } = {};
  const paths: string[] = [];
  let help = false;
  let optionsEnded = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (optionsEnded || arg === '-' || !arg.startsWith('-')) {
      paths.push(arg);
      continue;
    }
    if (arg === '--') {
      optionsEnded = true;
      continue;
    }
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const spec = VALUE_OPTIONS[name];
    if (!spec) return { ok: false, error: `unknown option '${arg}'` };
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined) return { ok: false, error: `option '${name}' needs a value` };
      i++;
    }
    if (spec.allowed && !spec.allowed.includes(value)) {
      return { ok: false, error: `option '${name}' must be one of ${spec.allowed.join(', ')} (got '${value}')` };
    }
    if (value === '') return { ok: false, error: `option '${name}' needs a non-empty value` };
    if (values[spec.key] !== undefined) return { ok: false, error: `option '${name}' given more than once` };
    values[spec.key] = value;
  }
  if (!help && paths.length === 0) return { ok: false, error: 'no PATH given (use "." for the current folder, "-" for standard input)' };
  if (paths.filter((p) => p === '-').length > 1) return { ok: false, error: "standard input ('-') can be read only once" };
  return {
    ok: true,
    options: {
      format: (values.format ?? 'text') as OutputFormat,
      config: values.config,
      failureThreshold: values.failureThreshold as FailureThreshold | undefined,
      stdinFilename: values.stdinFilename,
      paths,
      help,
    },
  };
}

export const LINT_USAGE = `usage: docker-tutor lint [options] PATH...

Lints Dockerfiles and Compose files. A PATH is a file, a folder (searched
recursively for Dockerfile, *.Dockerfile, Dockerfile.*, Dockerfile-*,
Containerfile, *.containerfile, compose.yaml, compose.*.yaml, docker-compose*.yml;
node_modules and .git are skipped) or "-" for standard input.

options:
  -f, --format text|json|sarif     output format (default: text)
  -c, --config FILE                settings file, JSON or YAML:
                                   { rules: {<id|alias>: off|hint|info|warning|error},
                                     families: {syntax|buildkit|best-practice: false},
                                     failureThreshold: <level> }
                                   or a hadolint .hadolint.yaml (ignored, override,
                                   failure-threshold, no-fail, ...). Without it the
                                   nearest .hadolint.yaml (from each file's folder up
                                   to the working directory, then ~/.config) applies;
                                   our own settings file goes on top of it
  -t, --failure-threshold LEVEL    error|warning|info|hint|none: exit 1 when a finding
                                   is at LEVEL or above (default: error)
      --stdin-filename NAME        name for "-": decides Dockerfile or Compose
                                   (default: Dockerfile)
  -h, --help                       show this help

exit status: 0 no finding at the threshold, 1 findings at or above it,
             2 usage, configuration or file errors
`;

export const MAIN_USAGE = `usage: docker-tutor lint [options] PATH...   lint Dockerfiles and Compose files
       docker-tutor lsp --stdio               run the language server over stdio
       docker-tutor --help | --version

Run "docker-tutor lint --help" for the lint options.
`;
