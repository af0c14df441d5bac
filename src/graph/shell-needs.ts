// Connections named by the commands a container runs: its argv, and the scripts it hands a shell
// (`sh -c "…"`). Each network client is read with its own options: `nc host port`, `pg_isready`,
// `pg_dump`, `psql` … `-h host -p port`, `redis-cli -h host -p port`, `mysql -h host -P port`,
// `aws <service> …` (HTTPS to `<service>.amazonaws.com`, or `--endpoint-url`), `gsutil` (HTTPS
// to Cloud Storage). URLs anywhere in a script (`curl`, `wget`) are read by the caller's endpoint
// scan over the expanded script. Shell variables (`$VAR`, `${VAR}`, `${VAR:-default}`) expand
// from the container's environment; command substitutions and unknown variables stay opaque.

/** One address a command dials: a URL or `host:port`. */
export interface CommandNeed {
  address: string;
  /** The program that dials it, for the evidence. */
  program: string;
  /** Whether a Secret's value went into the command (its address is then not printed). */
  secret?: boolean;
}

/** Expands the variables of one command, saying whether a Secret's value went in. */
export type Expand = (command: string) => { value: string; secret: boolean };

interface Client {
  /** Option that names the host (`-h`, `--host`); absent: the first operand is the host. */
  host?: string[];
  port?: string[];
  defaultPort?: number;
  /** Options that take a value (skipped with it when looking for operands). */
  valued?: string[];
}

const POSTGRES: Client = { host: ['-h', '--host'], port: ['-p', '--port'], defaultPort: 5432 };
const CLIENTS: Record<string, Client> = {
  nc: { valued: ['-w', '-i', '-q', '-p', '-s', '-W', '-X', '-x', '-T', '-I', '-O'] },
  ncat: { valued: ['-w', '-i', '-p', '-s', '--wait', '--source-port'] },
  netcat: { valued: ['-w', '-i', '-q', '-p', '-s'] },
  pg_isready: POSTGRES,
  pg_dump: POSTGRES,
  pg_dumpall: POSTGRES,
  pg_restore: POSTGRES,
  pg_basebackup: POSTGRES,
  psql: POSTGRES,
  'redis-cli': { host: ['-h'], port: ['-p'], defaultPort: 6379 },
  mysql: { host: ['-h', '--host'], port: ['-P', '--port'], defaultPort: 3306 },
  mysqldump: { host: ['-h', '--host'], port: ['-P', '--port'], defaultPort: 3306 },
  mysqladmin: { host: ['-h', '--host'], port: ['-P', '--port'], defaultPort: 3306 },
};

/** An argv element that is a shell script (`sh -c "…"`), not a single word. */
export function isScript(arg: string): boolean {
  return /[\n;|&]/.test(arg) || /\s/.test(arg.trim());
}

/** A script without its comments (`# …` at the start of a word, to the end of the line), which name no connection. */
export function withoutComments(script: string): string {
  return script.replace(/(^|\s)#[^\n]*/g, '$1');
}

/** What an argv of single words (command + args, after `$(VAR)` expansion, scripts left out) dials. */
export function argvNeeds(argv: string[]): CommandNeed[] {
  return simpleCommandNeeds(argv);
}

/** `$VAR`, `${VAR}` and `${VAR:-default}` through `lookup`; the rest as written. */
export function expandShell(script: string, lookup: (name: string) => string | undefined): string {
  return script.replace(
    /\$\{([A-Za-z_]\w*)(?::?-([^}]*))?\}|\$([A-Za-z_]\w*)/g,
    (m, braced?: string, fallback?: string, plain?: string) => lookup((braced ?? plain)!) ?? fallback ?? m,
  );
}

/**
 * What a script dials: each simple command (split at operators), expanded on its own so a Secret
 * in one command does not hide the addresses of the others, in words with quotes removed.
 */
export function scriptNeeds(script: string, expand: Expand): CommandNeed[] {
  return script
    .replace(/\\\n/g, ' ')
    .split(/\n|;|&&?|\|\|?|\$\(|`|\)|(?:^|\s)(?:then|do|else)(?=\s|$)/)
    .flatMap((command) => {
      const { value, secret } = expand(command);
      return simpleCommandNeeds(words(value)).map((need) => ({ ...need, secret }));
    });
}

function words(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

function simpleCommandNeeds(argv: string[]): CommandNeed[] {
  // The program is the first word that names a known client (after `until`, `exec`, `timeout 5` …).
  const at = argv.findIndex((w) => programOf(w) !== undefined);
  if (at === -1) return [];
  const program = programOf(argv[at])!;
  const args = argv.slice(at + 1);
  if (program === 'aws') return awsNeed(args);
  if (program === 'gsutil') return [{ address: 'https://storage.googleapis.com', program }];
  const address = clientAddress(CLIENTS[program], args);
  return address ? [{ address, program }] : [];
}

function programOf(word: string): string | undefined {
  const name = word.slice(word.lastIndexOf('/') + 1);
  return Object.hasOwn(CLIENTS, name) || name === 'aws' || name === 'gsutil' ? name : undefined;
}

/** `aws s3 cp …`: HTTPS to the service's endpoint, or to `--endpoint-url`. */
function awsNeed(args: string[]): CommandNeed[] {
  const endpoint = optionValue(args, ['--endpoint-url']);
  if (endpoint) return [{ address: endpoint, program: 'aws' }];
  const service = args.find((a) => !a.startsWith('-'));
  if (!service || !/^[a-z0-9-]+$/.test(service)) return [];
  return [{ address: `https://${service === 's3api' ? 's3' : service}.amazonaws.com`, program: 'aws' }];
}

function clientAddress(client: Client, args: string[]): string | undefined {
  if (client.host) {
    const host = optionValue(args, client.host);
    const port = optionValue(args, client.port ?? []) ?? client.defaultPort?.toString();
    return host && port ? `${host}:${port}` : undefined;
  }
  // `nc [options] host port`
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i].startsWith('-')) {
      if (client.valued?.includes(args[i])) i++;
      continue;
    }
    operands.push(args[i]);
  }
  const [host, port] = operands;
  return host && port && /^\d+$/.test(port) ? `${host}:${port}` : undefined;
}

/** `-h db`, `-hdb` (short options), `--host db`, `--host=db`. */
function optionValue(args: string[], names: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    for (const name of names) {
      if (args[i] === name) return args[i + 1];
      if (name.startsWith('--') && args[i].startsWith(`${name}=`)) return args[i].slice(name.length + 1);
      if (!name.startsWith('--') && args[i].startsWith(name) && args[i].length > name.length)
        return args[i].slice(name.length);
    }
  }
  return undefined;
}
