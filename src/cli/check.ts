// `shipshape check <input>`: run the check catalogue over a spec or manifests; text for people,
// JSON for tools, SARIF for code-scanning UIs. Exit 0 clean, 1 findings at or above --fail-on,
// 2 bad input. `check --list` prints the catalogue.
import type { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import {
  action,
  reportMessages,
  colors,
  EXIT,
  INPUT_HELP,
  inputOptions,
  outputFormat,
  printJson,
  type InputCliOptions,
} from './common.js';
import { InputError } from '../diagnostics/index.js';

interface CheckCliOptions extends InputCliOptions {
  failOn: string;
  disable?: string;
  enable?: string;
  nodes?: string;
  list?: boolean;
  baseline?: string;
  writeBaseline?: string;
}

const FORMATS = ['text', 'json', 'sarif'];
const LIST_FORMATS = ['text', 'markdown'];
const SEVERITIES = ['error', 'warning', 'info'] as const;

function ids(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function readBaselineFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`--baseline ${file}: cannot read it: ${(err as Error).message}`, [], { file });
  }
}

export function register(program: Command): void {
  inputOptions(
    program
      .command('check')
      .description('check a spec or manifests: schema, references, security, availability, network, capacity')
      .argument('[input]', INPUT_HELP),
    { json: 'same as --format json', format: 'text | json | sarif (with --list: text | markdown)' },
  )
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above: error | warning | info', 'error')
    .option('--disable <ids>', 'comma-separated check ids to skip')
    .option('--enable <ids>', 'comma-separated check ids to turn on (opt-in checks, or ones --disable names)')
    .option('--nodes <pools>', 'node pools to pack the pods onto, e.g. 3x4cpu16Gi or 3x4cpu16Gi,2x8cpu32Gi')
    .option('--list', 'print the check catalogue (id, family, severity, rationale) and exit')
    .option('--baseline <file>', 'report only findings that are not in this baseline file')
    .option('--write-baseline <file>', 'write the findings as a baseline file (for --baseline) and exit 0')
    .action(
      action(async (input: string | undefined, opts: CheckCliOptions) => {
        const { allChecks, failsAt, runChecks, selectChecks, summarize, unknownCheckIds } =
          await import('../checks/index.js');
        if (opts.list) {
          const format = outputFormat(opts, LIST_FORMATS, '--format with --list');
          const { catalogueMarkdown, catalogueText } = await import('../checks/catalogue.js');
          process.stdout.write(format === 'markdown' ? catalogueMarkdown(allChecks) : catalogueText(allChecks));
          return EXIT.ok;
        }
        if (!input)
          throw new InputError(
            'missing input: expected a spec file, a folder, a manifest file or - for stdin (or --list)',
          );
        const format = outputFormat(opts, FORMATS);
        if (!(SEVERITIES as readonly string[]).includes(opts.failOn))
          throw new InputError(`--fail-on: expected error, warning or info, got ${JSON.stringify(opts.failOn)}`);
        const enable = ids(opts.enable);
        const disable = ids(opts.disable);
        const unknown = unknownCheckIds([...enable, ...disable]);
        if (unknown.length)
          throw new InputError(`unknown check id(s): ${unknown.join(', ')} (shipshape check --list shows them)`);
        if (opts.baseline !== undefined && opts.writeBaseline !== undefined)
          throw new InputError('--baseline and --write-baseline: give one (write the baseline, then check against it)');
        const { baselineOf, parseBaseline, subtractBaseline } = await import('../checks/baseline.js');
        const baseline =
          opts.baseline !== undefined ? parseBaseline(readBaselineFile(opts.baseline), opts.baseline) : undefined;
        if (opts.nodes !== undefined) {
          const { NodePoolError, parseNodePools } = await import('../sim/binpack.js');
          try {
            parseNodePools(opts.nodes);
          } catch (err) {
            if (err instanceof NodePoolError) throw new InputError(`--nodes: ${err.message}`);
            throw err;
          }
        }

        const { loadGraph } = await import('../pipeline/input.js');
        const { graph, sourceText } = await loadGraph(input, opts);
        reportMessages(graph.messages);
        const run = { enable, disable, options: { nodes: opts.nodes } };
        const { pointAtFields } = await import('../pipeline/field-positions.js');
        const all = pointAtFields(runChecks(graph, run), graph, sourceText);
        const ran = selectChecks(run);
        if (opts.writeBaseline !== undefined) {
          writeFileSync(opts.writeBaseline, `${JSON.stringify(baselineOf(all), null, 2)}\n`);
          process.stderr.write(`wrote ${opts.writeBaseline}: ${all.length} finding(s)\n`);
          return EXIT.ok;
        }
        const { fresh: findings, known } = baseline ? subtractBaseline(all, baseline) : { fresh: all, known: 0 };
        const summary = { ...summarize(graph, findings, ran.length), ...(baseline && { baselined: known }) };

        if (format === 'json') {
          printJson({ findings, summary });
        } else if (format === 'sarif') {
          const { toSarif } = await import('../checks/format-sarif.js');
          const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
            version: string;
          };
          printJson(toSarif(findings, ran, { version: pkg.version }));
        } else {
          const { formatText } = await import('../checks/format-text.js');
          process.stdout.write(formatText(findings, summary, colors()));
        }
        return failsAt(findings, opts.failOn as (typeof SEVERITIES)[number]) ? EXIT.findings : EXIT.ok;
      }),
    );
}
