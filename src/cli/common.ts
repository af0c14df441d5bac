// What every command shares: exit codes, error reporting, colour, JSON printing, the options of
// the one input argument. Commands stay thin: parse arguments, call the library, print.
import type { Command } from 'commander';
import { InputError, type Message } from '../diagnostics/index.js';
import { setProgressSink } from '../diagnostics/progress.js';
import { progressDelayFrom, terminalProgress } from './progress.js';

export const EXIT = { ok: 0, findings: 1, badInput: 2, bug: 3 } as const;

let debug = process.argv.includes('--debug');
export function setDebug(on: boolean): void {
  debug = on;
}

/** Runs a command action and turns its outcome into an exit code. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<number | void> | number | void) {
  return async (...args: A): Promise<void> => {
    const progress = terminalProgress(process.stderr, { quietFor: progressDelayFrom(process.env) });
    setProgressSink(progress);
    try {
      const code = await fn(...args);
      process.exitCode = code ?? EXIT.ok;
    } catch (err) {
      progress?.clear(); // a stage an error cut short leaves its line: the message starts a clean one
      process.exitCode = reportError(err);
    } finally {
      setProgressSink(undefined);
    }
  };
}

export function reportError(err: unknown): number {
  if (err instanceof InputError) {
    process.stderr.write(`shipshape: ${err.message}\n`);
    for (const d of err.details) process.stderr.write(`  ${d}\n`);
    return EXIT.badInput;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  process.stderr.write(
    `shipshape: internal error: ${e.message} — this is a bug, please report it (rerun with --debug for the stack)\n`,
  );
  if (debug && e.stack) process.stderr.write(`${e.stack}\n`);
  return EXIT.bug;
}

/** Colour only on a TTY and never when NO_COLOR is set (https://no-color.org). */
export function colors(stream: NodeJS.WriteStream = process.stdout) {
  const on = Boolean(stream.isTTY) && !process.env.NO_COLOR;
  const wrap = (open: number, close: number) => (s: string) => (on ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return {
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    green: wrap(32, 39),
    cyan: wrap(36, 39),
    dim: wrap(2, 22),
    bold: wrap(1, 22),
  };
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Help of the one input argument (DESIGN.md, CLI conventions). */
export const INPUT_HELP = 'spec file, folder holding one, manifest file or folder, or - for stdin';

/** The options every command that reads the one input argument and reports shares. */
export interface InputCliOptions {
  json?: boolean;
  format: string;
  namespace: string;
  profile?: string;
  /** `--no-render` sets it false: Kustomize folders are read as plain files. */
  render: boolean;
  strict?: boolean;
}

/**
 * Adds `--json`, `--format` (default `text`), `-n/--namespace` (default `default`, where
 * kubectl puts objects without one) and `--profile`; each command words its own output help.
 * A command that writes files rather than reporting (`docs`) passes no output help and gets
 * neither `--json` nor the report `--format` (docs' own `--format` picks the files it writes).
 */
export function inputOptions(cmd: Command, help?: { json: string; format: string }): Command {
  if (help) cmd.option('--json', help.json).option('--format <format>', help.format, 'text');
  return cmd
    .option('-n, --namespace <ns>', 'namespace for manifest objects that have none', 'default')
    .option('--profile <profile>', 'spec profile to apply')
    .option('--no-render', 'read Kustomize folders as plain files instead of rendering them with kubectl kustomize')
    .option('--strict', 'exit 2 when any document cannot be read (default: report it on stderr and read the rest)');
}

/**
 * What reading the input had to say (documents that could not be read, skipped files,
 * duplicates), one line each on stderr, so that no command drops a document silently.
 */
export function reportMessages(messages: readonly Message[]): void {
  for (const m of messages) process.stderr.write(`shipshape: ${m.severity}: ${m.message}\n`);
}

/** The output format asked for: `--json` is `--format json`; one outside `formats` is bad input. */
export function outputFormat(
  opts: Pick<InputCliOptions, 'json' | 'format'>,
  formats: readonly string[],
  option = '--format',
): string {
  const format = opts.json ? 'json' : opts.format;
  if (!formats.includes(format)) {
    const expected =
      formats.length > 1 ? `${formats.slice(0, -1).join(', ')} or ${formats[formats.length - 1]}` : formats[0];
    throw new InputError(`${option}: expected ${expected}, got ${JSON.stringify(format)}`);
  }
  return format;
}
