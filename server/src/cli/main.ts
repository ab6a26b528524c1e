import * as fs from 'fs';
import * as path from 'path';
import { startServer } from '../server';
import { LINT_USAGE, MAIN_USAGE, parseLintArgs } from './args';
import type { CliIo } from './lint';
import { runLint } from './lint';

/**
 * `docker-tutor` command line: `lint` and `lsp`. Returns the exit status (a promise for `lint`,
 * which may read standard input), or -1 while a server runs.
 */
export function main(argv: readonly string[], io: CliIo = processIo()): number | Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'lsp':
      startServer();
      return -1;
    case 'lint': {
      const parsed = parseLintArgs(rest);
      if (!parsed.ok) {
        io.err(`docker-tutor lint: ${parsed.error}\nTry 'docker-tutor lint --help'.\n`);
        return 2;
      }
      if (parsed.options.help) {
        io.out(LINT_USAGE);
        return 0;
      }
      // The last line of defence: whatever escapes becomes one line on stderr, never a stack trace.
      return runLint(parsed.options, io).catch((err: unknown) => {
        io.err(`docker-tutor: ${err instanceof Error ? err.message : String(err)}\n`);
        return 2;
      });
    }
    case '--help':
    case '-h':
    case 'help':
      io.out(MAIN_USAGE);
      return 0;
    case '--version':
    case '-v':
      io.out(`${io.version}\n`);
      return 0;
    case undefined:
      io.err(MAIN_USAGE);
      return 2;
    default:
      io.err(`docker-tutor: unknown command '${command}'\n${MAIN_USAGE}`);
      return 2;
  }
}

/** The real process: cwd, stdout/stderr, stdin read to the end with a size cap. */
export function processIo(): CliIo {
  // `docker-tutor lint . | head` closes the pipe early: stop quietly instead of crashing on EPIPE.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  return {
    cwd: process.cwd(),
    version: packageVersion(),
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    readStdin: (limit) => new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      process.stdin.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // Past the limit only the size matters (the caller reports it), so stop keeping bytes.
        if (size <= limit) chunks.push(chunk);
      });
      process.stdin.on('end', () => resolve(size > limit ? Buffer.alloc(limit) : Buffer.concat(chunks)));
      process.stdin.on('error', reject);
    }),
  };
}

/** The version in the package.json above this file (bundled in dist/ or compiled in out/). */
function packageVersion(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'docker-tutor' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not here: look one folder up
    }
    dir = path.dirname(dir);
  }
  return 'unknown';
}

if (require.main === module) {
  void Promise.resolve(main(process.argv.slice(2))).then((code) => {
    if (code >= 0) process.exitCode = code;
  });
}
