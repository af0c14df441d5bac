// Implied needs (issue 12): host keys paired with their `*_PORT`, the network clients of commands
// and shell scripts, hosts and addresses outside the cluster, cloud SDK settings and
// container-runtime daemons, as `connects` edges with evidence; needs that leave the cluster go
// to outside peers (graph/outside.ts).
import { describe, expect, it } from 'vitest';
import { deployment, docs, edgeList, graphOf, service } from './helpers.js';
import { argvNeeds, expandShell, scriptNeeds } from '../../src/graph/shell-needs.js';
import { hasPublicAddress, outsideBlock, peerRanges } from '../../src/graph/outside.js';
import { parseCidr, type Ipv4Range } from '../../src/graph/netpol/ipv4.js';

const backends = docs(
  service('rabbitmq', { app: 'mq' }, [5672, 15672]),
  service('postgres', { app: 'pg' }, [5432]),
  service('redis', { app: 'redis' }, [6379]),
  service('db', { app: 'db' }, [3306, 33060]),
);
const container = (c: object) => ({ containers: [{ name: 'c', image: 'app:1', ...c }] });
const env = (pairs: Record<string, string>) => Object.entries(pairs).map(([name, value]) => ({ name, value }));
const noExpand = (command: string) => ({ value: command, secret: false });

describe('shell commands', () => {
  it('reads each client with its own options', () => {
    const needs = (script: string) => scriptNeeds(script, noExpand).map((n) => `${n.program} ${n.address}`);
    expect(needs('until nc -z -w 2 rabbitmq 5672; do sleep 2; done')).toEqual(['nc rabbitmq:5672']);
    expect(needs('pg_isready -h postgres -p 5433 && psql --host=pg2 -c "select 1"')).toEqual([
      'pg_isready postgres:5433',
      'psql pg2:5432',
    ]);
    expect(needs('pg_dump -hpostgres db | gzip > /tmp/x')).toEqual(['pg_dump postgres:5432']);
    expect(needs("redis-cli -h 'redis' ping")).toEqual(['redis-cli redis:6379']);
    expect(needs('mysql -h db -P 3307 -e "show tables"')).toEqual(['mysql db:3307']);
    expect(needs('aws s3 cp - "s3://bucket/key"\naws --endpoint-url http://minio:9000 s3 ls')).toEqual([
      'aws https://s3.amazonaws.com',
      'aws http://minio:9000',
    ]);
    expect(needs('gsutil cp x gs://b/')).toEqual(['gsutil https://storage.googleapis.com']);
    // a client without a host operand, and a word that only contains a client's name
    expect(needs('psql -c "select 1"; echo nc; domain=redo.example.com')).toEqual([]);
  });

  it('reads an argv of single words', () => {
    expect(argvNeeds(['/usr/bin/nc', '-z', 'rabbitmq', '5672']).map((n) => n.address)).toEqual(['rabbitmq:5672']);
  });

  it('expands $VAR, ${VAR} and ${VAR:-default} and leaves unknown ones', () => {
    const vars = new Map([['HOST', 'postgres']]);
    expect(expandShell('$HOST ${HOST} ${MISSING:-dflt} $MISSING', (n) => vars.get(n))).toBe(
      'postgres postgres dflt $MISSING',
    );
  });
});

describe('outside peers', () => {
  const range = (cidr: string) => parseCidr(cidr) as Ipv4Range;
  it('knows which address ranges hold a public address', () => {
    expect(hasPublicAddress(range('10.0.0.0/8'))).toBe(false);
    expect(hasPublicAddress(range('224.0.0.0/3'))).toBe(false);
    expect(hasPublicAddress(range('0.0.0.0/8'))).toBe(false);
    expect(hasPublicAddress(range('0.0.0.0/0'))).toBe(true);
    expect(hasPublicAddress({ start: range('10.0.0.0/8').start, end: range('11.0.0.0/32').end })).toBe(true);
  });

  it('maps a peer to the ranges of a cut of the address space', () => {
    const cut = [range('0.0.0.0/1'), range('128.0.0.0/1')];
    expect(peerRanges('outside:internet', cut)).toEqual(cut);
    expect(peerRanges('outside:203.0.113.7/32', cut)).toEqual([cut[1]]);
    expect(outsideBlock('outside:internet')).toBeUndefined();
  });
});

describe('implied needs', () => {
  it('pairs a host key with its sibling *_PORT (and reads *_HOSTNAME as a host)', async () => {
    const g = await graphOf(
      docs(
        backends,
        deployment(
          'order',
          { app: 'order' },
          container({
            env: env({ ORDER_QUEUE_HOSTNAME: 'rabbitmq', ORDER_QUEUE_PORT: '5672', DB_HOSTNAME: 'postgres' }),
          }),
        ),
      ),
    );
    expect(edgeList(g, 'connects')).toEqual([
      'default/order[Deployment] -> default/rabbitmq[Service]:5672',
      'default/order[Deployment] -> default/postgres[Service]:5432',
    ]);
    expect(g.edges.find((e) => e.to === 'default/rabbitmq[Service]')?.evidence).toBe(
      'spec.template.spec.containers[0].env[0].value with ORDER_QUEUE_PORT',
    );
  });

  it('reads the clients of init containers and sh -c scripts, with the environment expanded', async () => {
    const g = await graphOf(
      docs(
        backends,
        deployment(
          'api',
          { app: 'api' },
          {
            initContainers: [{ name: 'wait', image: 'busybox', command: ['nc', '-z', 'rabbitmq', '5672'] }],
            containers: [
              {
                name: 'c',
                image: 'app:1',
                env: env({ PG: 'postgres', MY: 'db' }),
                command: ['sh', '-c', 'pg_isready -h "$PG" && mysql -h ${MY} -P 3306 && exec app'],
              },
            ],
          },
        ),
      ),
    );
    expect(g.edges.filter((e) => e.type === 'connects').map((e) => `${e.to}:${e.port} ${e.evidence}`)).toEqual([
      'default/rabbitmq[Service]:5672 spec.template.spec.initContainers[0].command[0] (nc)',
      'default/postgres[Service]:5432 spec.template.spec.containers[0].command[2] (pg_isready)',
      'default/db[Service]:3306 spec.template.spec.containers[0].command[2] (mysql)',
    ]);
  });

  it('sends hosts and addresses outside the cluster to outside peers, with their host name', async () => {
    const g = await graphOf(
      docs(
        backends,
        deployment(
          'api',
          { app: 'api' },
          container({
            env: env({
              STRIPE: 'https://api.stripe.com/v1',
              SMTP_HOST: 'smtp.sendgrid.net',
              SMTP_PORT: '587',
              LEGACY: 'http://198.51.100.7:8080/soap',
              LISTEN: '0.0.0.0:8080',
              INTERNAL: 'http://billing.internal:80',
            }),
          }),
        ),
      ),
    );
    expect(g.edges.filter((e) => e.type === 'connects').map((e) => `${e.to}:${e.port} ${e.host}`)).toEqual([
      'outside:internet:443 api.stripe.com',
      'outside:internet:587 smtp.sendgrid.net',
      'outside:198.51.100.7/32:8080 198.51.100.7',
    ]);
    expect(g.edges.some((e) => e.missing)).toBe(false);
  });

  it('reads cloud SDK settings and runtime daemons as HTTPS to the internet, unless an endpoint is in the cluster', async () => {
    const g = await graphOf(
      docs(
        service('minio', { app: 'minio' }, [9000]),
        deployment('uploader', { app: 'up' }, container({ env: env({ AWS_REGION: 'eu-west-1', S3_BUCKET: 'b' }) })),
        deployment(
          'local',
          { app: 'local' },
          container({ env: env({ S3_BUCKET: 'b', S3_ENDPOINT: 'http://minio:9000' }) }),
        ),
        deployment('gcp', { app: 'gcp' }, container({ env: env({ GOOGLE_APPLICATION_CREDENTIALS: '/var/k.json' }) })),
        deployment('dind', { app: 'dind' }, { containers: [{ name: 'd', image: 'docker:24-dind' }] }),
        deployment('plain', { app: 'plain' }, { containers: [{ name: 'd', image: 'docker:24-cli' }] }),
      ),
    );
    expect(edgeList(g, 'connects')).toEqual([
      'default/uploader[Deployment] -> outside:internet:443',
      'default/local[Deployment] -> default/minio[Service]:9000',
      'default/gcp[Deployment] -> outside:internet:443',
      'default/dind[Deployment] -> outside:internet:443',
    ]);
    expect(g.edges.find((e) => e.from === 'default/dind[Deployment]')?.evidence).toMatch(/containers\[0\]\.image/);
  });

  it('never keeps a host or address read from a Secret', async () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const g = await graphOf(
      docs(
        `apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {url: ${b64('https://hidden-host.example.com/x')}, ip: ${b64('postgres://u:p@198.51.100.9:5432/db')}}`,
        deployment(
          'api',
          { app: 'api' },
          container({
            env: [
              { name: 'UPSTREAM', valueFrom: { secretKeyRef: { name: 's', key: 'url' } } },
              { name: 'DB', valueFrom: { secretKeyRef: { name: 's', key: 'ip' } } },
            ],
          }),
        ),
      ),
    );
    expect(edgeList(g, 'connects')).toEqual([
      'default/api[Deployment] -> outside:internet:443',
      'default/api[Deployment] -> outside:internet:5432',
    ]);
    expect(JSON.stringify(g.edges)).not.toMatch(/hidden-host|198\.51\.100\.9/);
  });
});

describe('shell comments', () => {
  it('are not read: a URL in a comment of a script is no need', async () => {
    const g = await graphOf(
      deployment(
        'db',
        { app: 'db' },
        container({
          command: ['/bin/bash', '-ecx', '# see https://github.com/org/repo/issues/1\nexec db --port=26257'],
        }),
      ),
    );
    expect(edgeList(g, 'connects')).toEqual([]);
  });
});
