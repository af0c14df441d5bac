// Which bundle runs a command line. scripts/bundle.mjs writes one CommonJS bundle per command file
// of src/cli (`dist/bin/<command>.cjs`: commander, every command's options, and the action of that
// command with all it imports) and a bare one (`cli.cjs`: no action) for --version, --help and
// unknown commands, each with V8's code cache of a representative run (k8s/cached-script.ts). A
// process runs one command, so it compiles one file from its cache: Node 20 keeps no compiled ES
// modules, and compiling them was most of a short build.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileBundle, runBundle } from '../k8s/cached-script.js';

export const BUNDLE_DIR = fileURLToPath(new URL('../bin/', import.meta.url));
export const BARE_BUNDLE = 'cli';

export const bundleFile = (name: string, dir = BUNDLE_DIR): string => join(dir, `${name}.cjs`);
export const bundleCacheFile = (name: string, dir = BUNDLE_DIR): string => join(dir, `${name}.v8-cache`);

/**
 * The bundle for the arguments after `node shipshape`: the command's, named by the first argument
 * that is not an option (the CLI's own options, --debug, --version and --help, take no value), or
 * the bare one.
 */
export function bundleFor(args: readonly string[], dir = BUNDLE_DIR): string {
  const command = args.find((arg) => !arg.startsWith('-'));
  return command !== undefined && /^[a-z][a-z0-9-]*$/.test(command) && existsSync(bundleFile(command, dir))
    ? command
    : BARE_BUNDLE;
}

/** Runs the CLI on `process.argv`. */
export function runCli(): void {
  const name = bundleFor(process.argv.slice(2));
  const file = bundleFile(name);
  // This module is the entry Node loaded, so an import() here runs: the bundle's (spec/jiti.ts).
  runBundle(compileBundle(file, bundleCacheFile(name)), file, (specifier) => import(specifier));
}
