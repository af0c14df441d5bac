// `shipshape diff <before> [after]`: two inputs (or one spec under two profiles) compared as
// architecture. Exit 0 no change, 1 changes (of the kinds --fail-on names), 2 bad input, as
// `git diff --exit-code` does.
import type { Command } from 'commander';
import { action, EXIT, INPUT_HELP, inputOptions, outputFormat, printJson, type InputCliOptions } from './common.js';
import { InputError } from '../diagnostics/index.js';

interface DiffCliOptions extends InputCliOptions {
  markdown?: boolean;
  againstProfile?: string;
  failOn?: string;
}

export function register(program: Command): void {
  inputOptions(
    program
      .command('diff')
      .description(
        'compare two inputs as architecture: objects by field, connections, reachability, exposure, resources, autoscaling, rollout order, findings, RBAC',
      )
      .argument('<before>', INPUT_HELP)
      .argument('[after]', `${INPUT_HELP}; default: <before> again (with --against-profile)`),
    {
      json: 'print the diff as JSON (shape in docs/diff.md)',
      format: 'text | json | markdown',
    },
  )
    .option('--markdown', 'same as --format markdown: a pull-request comment with a Mermaid diagram of the change')
    .option('--against-profile <profile>', 'spec profile for <after> (default: --profile)')
    .option(
      '--fail-on <kinds>',
      'comma-separated change kinds that make the exit code 1 (default: any): objects, connection-added, connection-removed, reach-gained, reach-lost, path-blocked, exposure, resources, autoscaling, rollout, finding-added, finding-fixed, rbac',
    )
    .action(
      action(async (before: string, after: string | undefined, opts: DiffCliOptions) => {
        const format = outputFormat({ json: opts.json, format: opts.markdown ? 'markdown' : opts.format }, [
          'text',
          'json',
          'markdown',
        ]);
        const { CHANGE_KINDS, changeKinds, diffArchitecture } = await import('../review/diff.js');
        const failOn = (opts.failOn ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const unknown = failOn.filter((k) => !(k in CHANGE_KINDS));
        if (unknown.length)
          throw new InputError(
            `--fail-on: unknown change kind(s) ${unknown.join(', ')}; expected ${Object.keys(CHANGE_KINDS).join(', ')}`,
          );
        if (after === undefined && opts.againstProfile === undefined)
          throw new InputError('diff needs two inputs, or one spec and --against-profile');
        const { loadGraph } = await import('../pipeline/input.js');
        const a = await loadGraph(before, opts);
        if (after === undefined && a.specFile === undefined)
          throw new InputError(`${before}: --against-profile needs a spec; manifests have no profiles`);
        const b = await loadGraph(after ?? before, { ...opts, profile: opts.againstProfile ?? opts.profile });
        const diff = diffArchitecture(a.graph, b.graph);
        if (format === 'json') printJson(diff);
        else {
          const { diffToMarkdown, diffToText } = await import('../review/format.js');
          process.stdout.write(format === 'markdown' ? diffToMarkdown(diff) : diffToText(diff));
        }
        const kinds = changeKinds(diff);
        const counted = failOn.length ? kinds.filter((k) => failOn.includes(k)) : kinds;
        return counted.length > 0 ? EXIT.findings : EXIT.ok;
      }),
    );
}
