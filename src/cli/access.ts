// `shipshape access <input>`: each subject's effective RBAC permissions per namespace and the
// workloads running with them; `--subject X` keeps one subject, `--can VERB RESOURCE` keeps the
// subjects that may make that request and says where.
import type { Command } from 'commander';
import { action, INPUT_HELP, inputOptions, outputFormat, printJson, type InputCliOptions } from './common.js';
import { InputError } from '../diagnostics/index.js';

interface AccessCliOptions extends InputCliOptions {
  subject?: string;
  can?: string[];
}

export function register(program: Command): void {
  inputOptions(
    program
      .command('access')
      .description("who can do what in the Kubernetes API: each subject's RBAC permissions and its workloads")
      .argument('<input>', INPUT_HELP),
    { json: 'print {subjects: [...]} as JSON', format: 'text | json' },
  )
    .option('--subject <id>', 'one subject: ns/name[ServiceAccount], name[User], name[Group], or its bare name')
    .option('--can <verb-and-resource...>', 'VERB RESOURCE (pods/exec, deployments.apps, /metrics): who may, and where')
    .action(
      action(async (input: string, opts: AccessCliOptions) => {
        const format = outputFormat(opts, ['text', 'json']);
        if (opts.can !== undefined && opts.can.length !== 2)
          throw new InputError(
            `--can: expected VERB RESOURCE, e.g. --can create pods/exec; got ${JSON.stringify(opts.can.join(' '))}`,
          );
        const { loadGraph } = await import('../pipeline/input.js');
        const { graph } = await loadGraph(input, opts);
        const { accessOf, parseCanRequest, whereAllowed } = await import('../graph/access.js');
        let subjects = accessOf(graph);
        if (opts.subject !== undefined) {
          const wanted = opts.subject;
          subjects = subjects.filter((s) => s.id === wanted || s.subject.name === wanted);
          if (subjects.length === 0)
            throw new InputError(`--subject ${wanted}: no binding names it and no workload runs as it`);
        }
        const request = opts.can ? parseCanRequest(opts.can[0], opts.can[1]) : undefined;
        type Allowed = ReturnType<typeof whereAllowed>;
        const rows: Array<(typeof subjects)[number] & { allowed?: Allowed }> = subjects.flatMap((s) => {
          if (!request) return [s];
          const allowed = whereAllowed(s, request);
          return allowed.length ? [{ ...s, allowed }] : [];
        });
        if (format === 'json') {
          printJson({ subjects: rows });
          return;
        }
        const lines: string[] = [];
        for (const s of rows) {
          lines.push(s.id);
          if (s.workloads.length) lines.push(`  workloads: ${s.workloads.join(', ')}`);
          if (s.allowed)
            for (const a of s.allowed)
              lines.push(
                `  can ${opts.can!.join(' ')} ${a.namespace ? `in namespace ${a.namespace}` : 'cluster-wide'}${a.resourceNames.length ? ` (only ${a.resourceNames.join(', ')})` : ''} via ${a.binding} → ${a.role}`,
              );
          else
            for (const g of s.grants) {
              lines.push(
                `  ${g.namespace ? `namespace ${g.namespace}` : 'cluster-wide'}: ${g.role} via ${g.binding}${g.roleDefault ? " (Kubernetes' default role)" : g.roleKnown ? '' : ' (role not in the input: rules unknown)'}`,
              );
              for (const r of g.rules)
                lines.push(
                  `    ${r.verbs.join(',')} ${r.nonResourceURLs.length ? r.nonResourceURLs.join(',') : `${r.resources.join(',')}${r.apiGroups.some((x) => x !== '') ? ` (${r.apiGroups.map((x) => x || 'core').join(',')})` : ''}`}${r.resourceNames.length ? ` [${r.resourceNames.join(',')}]` : ''}`,
                );
            }
        }
        process.stdout.write(lines.length ? `${lines.join('\n')}\n` : 'no subject\n');
      }),
    );
}
