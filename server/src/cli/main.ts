import { startServer } from '../server';

/** `docker-tutor` command line: `lint` and `lsp`. Returns the exit status, or -1 while a server runs. */
export function main(argv: readonly string[]): number {
  const [command] = argv;
  if (command === 'lsp') {
    startServer();
    return -1;
  }
  process.stderr.write('usage: docker-tutor lint [--format text|json|sarif] [--config FILE] PATH...\n       docker-tutor lsp --stdio\n');
  return 2;
}

if (require.main === module) {
  const code = main(process.argv.slice(2));
  if (code >= 0) process.exitCode = code;
}
