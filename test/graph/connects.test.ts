import { describe, expect, it } from 'vitest';
import { findEndpoints, serviceNameOf } from '../../src/graph/index.js';
import { deployment, docs, edgeList, graphOf, service } from './helpers.js';

describe('findEndpoints', () => {
  it('reads URLs with credentials, scheme default ports and several hosts', () => {
    expect(findEndpoints('postgresql://u:p@ss@postgres:5432/db?sslmode=disable')).toEqual([
      { host: 'postgres', port: 5432, form: 'url', scheme: 'postgresql' },
    ]);
    expect(findEndpoints('amqp://guest:guest@rabbitmq')).toEqual([
      { host: 'rabbitmq', port: 5672, form: 'url', scheme: 'amqp' },
    ]);
    expect(findEndpoints('redis://redis-cart:6379/0')).toEqual([
      { host: 'redis-cart', port: 6379, form: 'url', scheme: 'redis' },
    ]);
    expect(findEndpoints('mongodb://a:27017,b.data.svc:27018/x')).toEqual([
      { host: 'a', port: 27017, form: 'url', scheme: 'mongodb' },
      { host: 'b.data.svc', port: 27018, form: 'url', scheme: 'mongodb' },
    ]);
    expect(findEndpoints('custom://thing/x')).toEqual([
      { host: 'thing', port: undefined, form: 'url', scheme: 'custom' },
    ]);
  });

  it('reads host:port pairs inside flags and lists, but not times, userinfo, this host or localhost', () => {
    expect(findEndpoints('--redis=redis-cart:6379')).toEqual([{ host: 'redis-cart', port: 6379, form: 'hostport' }]);
    expect(findEndpoints('kafka-0:9092,kafka-1:9092')).toEqual([
      { host: 'kafka-0', port: 9092, form: 'hostport' },
      { host: 'kafka-1', port: 9092, form: 'hostport' },
    ]);
    expect(findEndpoints('12:30:00')).toEqual([]);
    expect(findEndpoints('user:1234@host')).toEqual([]);
    expect(findEndpoints('127.0.0.1:8080 localhost:80 :9090 0.0.0.0:80')).toEqual([]);
    expect(findEndpoints('api.example.com:443')).toEqual([{ host: 'api.example.com', port: 443, form: 'hostport' }]);
  });

  it('reads bare names only when nothing else is written', () => {
    expect(findEndpoints('redis')).toEqual([{ host: 'redis', form: 'bare' }]);
    expect(findEndpoints('--host=db.data.svc.cluster.local.')).toEqual([
      { host: 'db.data.svc.cluster.local', form: 'bare' },
    ]);
    expect(findEndpoints('--verbose')).toEqual([]);
    expect(findEndpoints('8080')).toEqual([]);
  });

  it('bounds the work on huge values', () => {
    const huge = `${'x'.repeat(10_000_000)} redis:6379`;
    expect(findEndpoints(huge)).toEqual([]);
  });
});

describe('serviceNameOf', () => {
  it('understands every cluster DNS form, including a pod of a headless Service', () => {
    expect(serviceNameOf('db')).toEqual({ name: 'db', clusterDns: false });
    expect(serviceNameOf('db.data')).toEqual({ name: 'db', namespace: 'data', clusterDns: false });
    expect(serviceNameOf('db.data.svc')).toEqual({ name: 'db', namespace: 'data', clusterDns: true });
    expect(serviceNameOf('db.data.svc.cluster.local')).toEqual({ name: 'db', namespace: 'data', clusterDns: true });
    expect(serviceNameOf('zk-0.zk-hs.data.svc.cluster.local')).toEqual({
      name: 'zk-hs',
      namespace: 'data',
      clusterDns: true,
    });
    expect(serviceNameOf('api.example.com')).toBeUndefined();
  });
});

describe('connects', () => {
  const backends = docs(
    service('postgres', { app: 'pg' }, [5432], 'data'),
    service('rabbitmq', { app: 'mq' }, [5672, 15672], 'data'),
    service('redis', { app: 'redis' }, [6379]),
    service('web', { app: 'web' }, [80]),
    'apiVersion: v1\nkind: Namespace\nmetadata: {name: data}',
  );
  const env = (pairs: Record<string, string>) => ({
    containers: [{ name: 'c', image: 'x', env: Object.entries(pairs).map(([name, value]) => ({ name, value })) }],
  });

  it('infers from env URLs, host:port, bare names and cluster DNS forms across namespaces', async () => {
    const g = await graphOf(
      docs(
        backends,
        deployment(
          'api',
          { app: 'api' },
          env({
            DATABASE_URL: 'postgresql://u:p@postgres.data:5432/db',
            BROKER: 'amqp://guest:guest@rabbitmq.data.svc.cluster.local',
            CACHE_HOST: 'redis',
            SELF: 'web:80',
            EXTERNAL: 'https://api.stripe.com/v1',
            NOT_A_SERVICE: 'fast',
          }),
        ),
      ),
    );
    expect(edgeList(g, 'connects')).toEqual([
      'default/api[Deployment] -> data/postgres[Service]:5432',
      'default/api[Deployment] -> data/rabbitmq[Service]:5672',
      'default/api[Deployment] -> default/redis[Service]:6379',
      'default/api[Deployment] -> default/web[Service]:80',
      'default/api[Deployment] -> outside:internet:443',
    ]);
    expect(g.edges.find((e) => e.to === 'data/postgres[Service]')).toMatchObject({
      evidence: 'spec.template.spec.containers[0].env[0].value',
      declared: false,
    });
  });

  it('takes a bare word for a host only under a key that names a host', async () => {
    const g = await graphOf(
      docs(
        backends,
        deployment(
          'api',
          { app: 'api' },
          {
            containers: [
              {
                name: 'c',
                image: 'x',
                env: [
                  { name: 'CACHE_TYPE', value: 'redis' },
                  { name: 'GREETING', value: 'web' },
                ],
                args: ['--mode=redis', 'web', '--upstream-host=web'],
              },
            ],
          },
        ),
      ),
    );
    expect(g.edges.filter((e) => e.type === 'connects').map((e) => `${e.to}:${e.port} ${e.evidence}`)).toEqual([
      'default/web[Service]:80 spec.template.spec.containers[0].args[2]',
    ]);
  });

  it('keeps dangling edges only where the text can mean nothing but a Service', async () => {
    const g = await graphOf(
      docs(
        backends,
        deployment(
          'api',
          { app: 'api' },
          env({
            A_ADDR: 'shoppingassistantservice:80',
            B: 'gone.data.svc.cluster.local',
            C_HOST: 'gone-too',
            D_ADDR: 'gone.nowhere:80',
            OPTS: 'timeout:30',
            E: 'http://gone-web/x',
          }),
        ),
      ),
    );
    expect(edgeList(g, 'connects')).toEqual([
      'default/api[Deployment] -> default/shoppingassistantservice[Service]:80 (missing)',
      'default/api[Deployment] -> data/gone[Service] (missing)',
      'default/api[Deployment] -> default/gone-web[Service]:80 (missing)',
    ]);
  });

  it('reads a storage URL (s3://, gs://, file://) as a connection only when its host is a Service', async () => {
    const g = await graphOf(
      docs(
        backends,
        deployment(
          'api',
          { app: 'api' },
          env({
            BACKUP_URL: 's3://backups/nightly/',
            MODELS: 'gs://models/v2',
            DATA: 'file://scratch/data',
            LOCAL: 's3://redis/keys',
          }),
        ),
      ),
    );
    expect(edgeList(g, 'connects')).toEqual(['default/api[Deployment] -> default/redis[Service]:6379']);
  });

  it('does not read a list of one Service under several DNS names (certificate SANs) as a connection', async () => {
    const g = await graphOf(
      docs(
        backends,
        'apiVersion: v1\nkind: Service\nmetadata: {name: mongo, namespace: data}\nspec: {clusterIP: None, selector: {app: mongo}, ports: [{port: 27017}]}',
        deployment(
          'certgen',
          { app: 'certgen' },
          {
            containers: [
              {
                name: 'c',
                image: 'x',
                env: [
                  { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                  { name: 'DB', value: 'mongodb://mongo-0.mongo.data.svc:27017,mongo-1.mongo.data.svc:27017/x' },
                ],
                args: [
                  'create',
                  '--host=web,web.$(POD_NAMESPACE).svc',
                  '--peer=http://redis.$(POD_NAMESPACE).svc:6379',
                ],
              },
            ],
          },
        ),
      ),
    );
    // Pods of a headless Service are one Service dialled, not aliases; $(POD_NAMESPACE) is the downward API's namespace.
    expect(edgeList(g, 'connects')).toEqual([
      'default/certgen[Deployment] -> data/mongo[Service]:27017',
      'default/certgen[Deployment] -> default/redis[Service]:6379',
    ]);
  });

  it('does not count a workload reaching its own Service', async () => {
    const g = await graphOf(
      docs(backends, deployment('web', { app: 'web' }, env({ PUBLIC_URL: 'http://web', CACHE: 'redis:6379' }))),
    );
    expect(edgeList(g, 'connects')).toEqual(['default/web[Deployment] -> default/redis[Service]:6379']);
  });

  it('reads values from ConfigMaps and Secrets (env valueFrom, envFrom with prefix) and expands $(VAR) in env and args', async () => {
    const g = await graphOf(
      docs(
        backends,
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {CACHE_HOST: redis, PORT: "6379"}',
        `apiVersion: v1\nkind: Secret\nmetadata: {name: creds}\ndata: {url: ${Buffer.from('postgres://a:b@postgres.data.svc:5432/x').toString('base64')}}`,
        'apiVersion: v1\nkind: Secret\nmetadata: {name: plain}\nstringData: {MQ: "rabbitmq.data:5672"}',
        deployment(
          'worker',
          { app: 'worker' },
          {
            containers: [
              {
                name: 'c',
                image: 'x',
                envFrom: [{ configMapRef: { name: 'cfg' }, prefix: 'APP_' }, { secretRef: { name: 'plain' } }],
                env: [
                  { name: 'DB', valueFrom: { secretKeyRef: { name: 'creds', key: 'url' } } },
                  { name: 'WEB_HOST', value: 'web' },
                  { name: 'WEB', value: 'http://$(WEB_HOST):80/hook' },
                  { name: 'ESCAPED', value: '$$(WEB_HOST):9999' },
                ],
                args: ['--cache=$(APP_CACHE_HOST):$(APP_PORT)'],
              },
            ],
          },
        ),
      ),
    );
    expect(g.edges.filter((e) => e.type === 'connects').map((e) => `${e.to}:${e.port} ${e.evidence}`)).toEqual([
      'default/redis[Service]:6379 spec.template.spec.containers[0].envFrom[0].configMapRef → default/cfg[ConfigMap].data.CACHE_HOST',
      'data/rabbitmq[Service]:5672 spec.template.spec.containers[0].envFrom[1].secretRef → default/plain[Secret].data.MQ',
      'data/postgres[Service]:5432 spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef → default/creds[Secret].data.url',
      'default/web[Service]:80 spec.template.spec.containers[0].env[1].value',
    ]);
    expect(JSON.stringify(g.edges)).not.toContain('a:b@');
  });

  it('reads the declared shipshape.dev/connects annotation, which wins over an inferred twin', async () => {
    const g = await graphOf(
      docs(
        backends,
        deployment('api', { app: 'api' }, env({ DB: 'postgres.data:5432' }), {
          annotations: { 'shipshape.dev/connects': 'postgres.data:5432, redis:redis, missing-svc:7000' },
        }),
      ),
    );
    expect(
      g.edges
        .filter((e) => e.type === 'connects')
        .map((e) => `${e.to}:${e.port} ${e.declared}${e.missing ? ' missing' : ''}`),
    ).toEqual([
      'data/postgres[Service]:5432 true',
      'default/redis[Service]:redis true',
      'default/missing-svc[Service]:7000 true missing',
    ]);
    expect(g.edges.find((e) => e.declared)?.evidence).toBe('metadata.annotations["shipshape.dev/connects"]');
  });
});
