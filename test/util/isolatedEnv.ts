import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

let home: string | undefined;

/**
 * The environment for a child CLI or server: the real one, with a home (and XDG config dir) that
 * holds no hadolint file, so a user-level config on the machine running the tests cannot change
 * their results. One empty home per test process, removed when it exits.
 */
export function isolatedEnv(): NodeJS.ProcessEnv {
  if (!home) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-tutor-home-'));
    home = dir;
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  }
  return { ...process.env, HOME: home, USERPROFILE: home, XDG_CONFIG_HOME: path.join(home, '.config') };
}
