// `shipshape build <spec> [--out dir] [--profile p] [--json]`: manifests, one file per component.
// Without --out the manifests go to stdout as one YAML stream.
import type { Command } from 'commander';
import { action, colors, InputError, printJson } from './common.js';

export interface BuildOptions {
  out?: string;
  profile?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('build')
    .description('synthesize production-grade manifests from a spec, one YAML file per component')
    .argument('<spec>', 'architecture.ts / architecture.yaml, or a folder holding one')
    .option('-o, --out <dir>', 'output folder (default: print all manifests to stdout)')
    .option('-p, --profile <name>', 'apply a profile of the spec, e.g. dev or prod')
    .option('--json', 'print what was written as JSON')
    .action(action(async (input: string, opts: BuildOptions) => {
      const { findSpec } = await import('../spec/load.js');
      const specFile = findSpec(input);
      if (!specFile) throw new InputError(`${input}: expected a spec (architecture.ts, .yaml, .json) or a folder holding one`);
      const { buildSpec } = await import('../synth/build.js');
      const built = await buildSpec(specFile, { profile: opts.profile });
      if (!opts.out) {
        if (opts.json) printJson({ spec: specFile, files: built.files.map(({ path, objects }) => ({ path, objects })) });
        else process.stdout.write(built.files.filter((f) => f.objects.length > 0).map((f) => f.content).join(''));
        return;
      }
      const { writeOutputDir } = await import('./write-output.js');
      const result = await writeOutputDir(opts.out, built.files.map(({ path, content }) => ({ path, content })), { set: 'build' });
      if (opts.json) {
        printJson({ spec: specFile, out: opts.out, files: built.files.map(({ path, objects }) => ({ path, objects })), removed: result.removed });
        return;
      }
      const c = colors();
      for (const f of built.files) {
        const kinds = f.objects.map((o) => o.kind).join(', ');
        process.stdout.write(`${c.green('wrote')} ${opts.out}/${f.path}${kinds ? `  ${c.dim(kinds)}` : ''}\n`);
      }
      for (const r of result.removed) process.stdout.write(`${c.yellow('removed')} ${opts.out}/${r} (no longer generated)\n`);
    }));
}
