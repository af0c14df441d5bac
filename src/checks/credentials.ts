// Credentials written into a container's command line: `--password secret`, `--api-key=…`,
// `PGPASSWORD=… psql` inside a shell script, or a URL with a password in it. Argument lists are
// visible to anyone who can read the pod spec and, on the node, to every process (`ps`).
import type { Check, RawFinding } from './types.js';
import { containerLabel, list } from './workloads.js';
import { literalSecret } from './security.js';
import { containersOf } from '../k8s/podspec.js';
import { workloadsOf } from '../graph/workloads.js';

/** A word of a shell command line without the quotes around it. */
function unquote(word: string): string {
  return word.replace(/^(['"])(.*)\1$/, '$2');
}

/**
 * Why the command line `words` holds a credential, or undefined. Named values are `--name value`,
 * `--name=value` and `NAME=value`; `$VAR`, `${VAR}` and `$(VAR)` are references, not values.
 */
export function credentialInArgs(words: string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const word = unquote(words[i]);
    const url = literalSecret('', word);
    if (url) return url;
    const named = /^(-{0,2})([A-Za-z][\w.-]*)=(.*)$/.exec(word);
    const [flag, value] = named
      ? [named[2], named[3]]
      : /^--?[A-Za-z][\w.-]*$/.test(word) && i + 1 < words.length && !words[i + 1].startsWith('-')
        ? [word.replace(/^-+/, ''), words[i + 1]]
        : [undefined, undefined];
    if (flag === undefined || value === undefined) continue;
    const literal = unquote(value);
    if (literal.startsWith('$')) continue;
    if (literalSecret(flag, literal)) return `passes ${flag} as a literal value`;
  }
  return undefined;
}

const credentialsInArgs: Check = {
  id: 'credentials-in-args',
  family: 'security',
  severity: 'warning',
  rationale:
    'A password, token or key on the command line is readable by everyone who can read the pod spec, lands in git, and shows in `ps` on the node.',
  hint: 'Put the value in a Secret and pass it as an environment variable (valueFrom.secretKeyRef) or a mounted file.',
  run: (ctx) =>
    workloadsOf(ctx.graph).flatMap((w) =>
      containersOf(w.template).flatMap((c) =>
        (['command', 'args'] as const).flatMap((field): RawFinding[] => {
          const words = list(c.container[field]).flatMap((a) => (typeof a === 'string' ? a.split(/\s+/) : []));
          const why = credentialInArgs(words.filter((word) => word !== ''));
          return why
            ? [{ object: w.id, path: `${c.path}.${field}`, message: `${containerLabel(c)} ${field} ${why}` }]
            : [];
        }),
      ),
    ),
};

export const credentialChecks: Check[] = [credentialsInArgs];
