// The CLI entry. Each command lives in its own file and registers itself; command files import
// their heavy dependencies lazily inside the action, so start-up stays fast.
import { Command } from 'commander';
import { config as zodConfig } from 'zod/v4/core';
import { readFileSync } from 'node:fs';
import { EXIT, setDebug } from './common.js';
import * as library from '../index.js';
import { provideLibrary } from '../spec/library.js';
import { register as registerBuild } from './build.js';
import { register as registerGraph } from './graph.js';
import { register as registerCheck } from './check.js';
import { register as registerPlan } from './plan.js';
import { register as registerReach } from './reach.js';
import { register as registerSchema } from './schema.js';
import { register as registerDocs } from './docs.js';
import { register as registerSummary } from './summary.js';
import { register as registerSimulate } from './simulate.js';
import { register as registerAccess } from './access.js';
import { register as registerDiff } from './diff.js';
import { register as registerVerifyDoc } from './verify-doc.js';

// A reader that stopped early (`shipshape reach … | head -1`) closes stdout: end quietly with
// exit 0, as Unix tools do, instead of an unhandled EPIPE.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(EXIT.ok);
  throw err;
});

// A process parses a spec once: zod's JIT would compile a parser per object schema (`new Function`,
// which no code cache keeps) on that one parse, costing more than it saves (issue 16).
zodConfig({ jitless: true });

// A code spec's `import … from 'shipshape'` is this bundle's copy of the library entry.
provideLibrary(library);

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command('shipshape')
  .description(
    'Architecture as code for Kubernetes: manifests, living docs, checks and rollout plans from one description',
  )
  .version(pkg.version)
  .option('--debug', 'print stack traces of internal errors')
  .showHelpAfterError()
  .exitOverride((err) => {
    // commander's own usage errors (unknown option, missing argument) are bad input: exit 2.
    process.exit(err.exitCode === 0 ? EXIT.ok : EXIT.badInput);
  })
  .hook('preAction', (cmd) => setDebug(Boolean(cmd.opts().debug)));

// Command registrations (one line per command file):
const registrations: Array<(p: Command) => void> = [
  registerBuild,
  registerSchema,
  registerGraph,
  registerCheck,
  registerPlan,
  registerReach,
  registerDocs,
  registerSummary,
  registerSimulate,
  registerDiff,
  registerVerifyDoc,
  registerAccess,
];

for (const register of registrations) register(program);

// Once the command is done, the process ends at once: Node's own end of a process frees the whole
// heap first, ~10 ms of a build (issue 16). What was written to stdout and stderr goes out first
// (pipes are asynchronous on some systems).
void program.parseAsync(process.argv).then(() => exitWhenFlushed(Number(process.exitCode ?? EXIT.ok)));

function exitWhenFlushed(code: number): void {
  const pending = [process.stdout, process.stderr].filter((s) => s.writableLength > 0);
  if (pending.length === 0) process.exit(code);
  void Promise.all(pending.map((s) => new Promise((drained) => s.once('drain', drained)))).then(() =>
    process.exit(code),
  );
}
