// The real tools the tests drive: Debian's chromium (diagrams rendered in a browser), promtool
// (Prometheus rules; into .tools/ by scripts/install-tools.sh) and shellcheck (the kubectl script).
// `npm test` needs them: missing ones are installed when running as root, otherwise the run stops
// with the one command to run. No test is ever skipped for want of them.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

export const INSTALL_COMMAND = 'sudo bash scripts/install-tools.sh';

/** PATH with .tools/usr/bin first, where install-tools.sh puts promtool. */
export function toolsPath(env = process.env) {
  return `${resolve('.tools/usr/bin')}${delimiter}${env.PATH ?? ''}`;
}

const executable = (file) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};
const onPath = (name, path) => path.split(delimiter).some((dir) => dir !== '' && executable(join(dir, name)));

/** The tools that are missing, by name. */
export function missingTools(path = toolsPath()) {
  return [
    ...(executable('/usr/bin/chromium') ? [] : ['chromium']),
    ...(onPath('promtool', path) ? [] : ['promtool']),
    ...(onPath('shellcheck', path) ? [] : ['shellcheck']),
  ];
}

/** Makes sure the tools are there; returns the message to stop with when they are not and cannot be installed. */
export function ensureTools({ path = toolsPath(), isRoot = process.getuid?.() === 0, install = runInstall } = {}) {
  let missing = missingTools(path);
  if (missing.length === 0) return undefined;
  if (isRoot) {
    console.log(`npm test: installing ${missing.join(', ')} (scripts/install-tools.sh)`);
    install();
    missing = missingTools(path);
    if (missing.length === 0) return undefined;
    return `npm test: ${missing.join(', ')} still missing after scripts/install-tools.sh`;
  }
  return `npm test: the tests need ${missing.join(', ')}; install ${missing.length === 1 ? 'it' : 'them'} with:\n  ${INSTALL_COMMAND}`;
}

function runInstall() {
  spawnSync('bash', ['scripts/install-tools.sh'], { stdio: 'inherit' });
}
