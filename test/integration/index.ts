// Entry point VS Code calls inside the extension host (extensionTestsPath): runs the suites with mocha.
import * as path from 'path';
import Mocha from 'mocha';

/** Activation comes first: it needs an extension host in which no Docker file has been opened yet. */
const SUITES = ['activation', 'dockerfile', 'compose', 'learning'];

/** npm run test:vscode prints the extension host's console from this line on (the workbench logs come before). */
const START_MARKER = '-- Docker Tutor extension tests --';

export function run(): Promise<void> {
  console.log(START_MARKER);
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30_000 });
  const grep = process.env.DOCKER_TUTOR_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const suite of SUITES) mocha.addFile(path.join(__dirname, `${suite}.test.js`));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension test(s) failed`)) : resolve()));
  });
}
