// `shipshape build <spec> [--out dir] [--profile p] [--format plain|kustomize|script] [--flux] [--json]`:
// manifests, one file per component (with Argo CD sync waves from the rollout plan), or a Kustomize
// base with overlays (and Flux Kustomizations), or a kubectl script. Without --out the manifests
// (or the script) go to stdout.
import { chmodSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { action, colors, outputFormat, printJson, reportMessages } from './common.js';
import { InputError } from '../diagnostics/index.js';

export interface BuildOptions {
  out?: string;
  profile?: string;
  json?: boolean;
  format: string;
  flux?: boolean;
}

export function register(program: Command): void {
  program
    .command('build')
    .description('synthesize production-grade manifests from a spec, one YAML file per component')
    .argument('<spec>', 'architecture.ts / architecture.yaml, or a folder holding one')
    .option('-o, --out <dir>', 'output folder (default: print all manifests to stdout)')
    .option('-p, --profile <name>', 'apply a profile of the spec, e.g. dev or prod')
    .option(
      '--format <format>',
      'plain (one file per component, with sync waves) | kustomize (base + overlays/<profile>) | script (kubectl apply and wait, phase by phase; --out names the script)',
      'plain',
    )
    .option(
      '--flux',
      'with --format kustomize: also one Flux Kustomization per rollout phase (paths relative to the current folder, the root of the Git repository Flux reads)',
    )
    .option('--json', 'print what was written as JSON')
    .addHelpText(
      'after',
      `
Environment:
  SHIPSHAPE_CACHE_DIR  where build keeps which objects it found valid, so that a re-run does not
                       validate them again (default: $XDG_CACHE_HOME/shipshape, else ~/.cache/shipshape)
  SHIPSHAPE_CACHE=off  validate every object and keep nothing`,
    )
    .action(
      action(async (input: string, opts: BuildOptions) => {
        const { findSpec } = await import('../spec/load.js');
        const specFile = findSpec(input);
        if (!specFile)
          throw new InputError(`${input}: expected a spec (architecture.ts, .yaml, .json) or a folder holding one`);
        const { DELIVERY_FORMATS, deliver } = await import('../pipeline/deliver.js');
        // Here --json describes what was written in any format, so it does not stand for --format json.
        const format = outputFormat({ format: opts.format }, DELIVERY_FORMATS) as (typeof DELIVERY_FORMATS)[number];
        if (opts.flux && format !== 'kustomize') throw new InputError('--flux: only with --format kustomize');
        if (format === 'kustomize' && !opts.out)
          throw new InputError('--format kustomize: expected --out <dir> (the base and overlays are folders)');
        // Flux reads paths from the root of its Git repository: taken to be the current folder.
        const repositoryPath = opts.out && relative(process.cwd(), resolve(opts.out));
        if (
          opts.flux &&
          repositoryPath !== undefined &&
          (repositoryPath.startsWith('..') || isAbsolute(repositoryPath))
        ) {
          throw new InputError(
            `--flux: expected --out inside the current folder (the root of the Git repository Flux reads), got ${opts.out}`,
          );
        }
        const built = await deliver(specFile, {
          format,
          profile: opts.profile,
          flux: opts.flux,
          repositoryPath: repositoryPath?.split(sep).join('/'),
          scriptFile: opts.out && basename(opts.out),
        });
        reportMessages(built.messages);
        if (!opts.out) {
          if (opts.json)
            printJson({ spec: specFile, files: built.files.map(({ path, objects }) => ({ path, objects })) });
          else
            process.stdout.write(
              built.files
                .filter((f) => f.objects.length > 0)
                .map((f) => f.content)
                .join(''),
            );
          return;
        }
        const { writeOutputDir } = await import('../pipeline/write-output.js');
        // A script is one file: --out names it, and its folder is the output folder.
        const outDir = format === 'script' ? dirname(opts.out) : opts.out;
        const result = await writeOutputDir(
          outDir,
          built.files.map(({ path, content }) => ({ path, content })),
          { set: format === 'script' ? 'build-script' : 'build' },
        );
        if (format === 'script') chmodSync(opts.out, 0o755);
        if (opts.json) {
          printJson({
            spec: specFile,
            out: opts.out,
            files: built.files.map(({ path, objects }) => ({ path, objects })),
            removed: result.removed,
          });
          return;
        }
        const c = colors();
        for (const f of built.files) {
          const kinds = f.objects.map((o) => o.kind).join(', ');
          process.stdout.write(`${c.green('wrote')} ${join(outDir, f.path)}${kinds ? `  ${c.dim(kinds)}` : ''}\n`);
        }
        for (const r of result.removed)
          process.stdout.write(`${c.yellow('removed')} ${join(outDir, r)} (no longer generated)\n`);
      }),
    );
}
