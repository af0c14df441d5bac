// The generated spec the build benchmarks share (bench/build.mjs, bench/compare.mjs).
/** 200 components: 40 each of web, worker, cache (with storage), cronjob and database; webs and workers use a database and a cache. */
export function generatedSpec(n) {
  const components = {};
  const types = ['database', 'cache', 'web', 'worker', 'cronjob'];
  for (let i = 0; i < n; i++) {
    const type = types[i % types.length];
    const group = Math.floor(i / types.length);
    const name = `${type}-${group}`;
    const c = { type, image: `example/${type}:1.0.${group}` };
    if (type === 'database') Object.assign(c, { ports: { pg: 5432 }, storage: { size: '10Gi', mountPath: '/data' } });
    if (type === 'cache') Object.assign(c, { ports: { redis: 6379 }, storage: { size: '1Gi', mountPath: '/data' } });
    if (type === 'web')
      Object.assign(c, {
        ports: { http: 8080 },
        replicas: { min: 2, max: 6 },
        uses: [`database-${group}`, `cache-${group}`],
        ingress: { host: `app${group}.example.com` },
      });
    if (type === 'worker')
      Object.assign(c, {
        replicas: 3,
        uses: [`database-${group}`, `cache-${group}:redis`],
        after: [`database-${group}`],
        metrics: { port: 9100 },
      });
    if (type === 'cronjob') Object.assign(c, { schedule: '0 * * * *', uses: [`database-${group}`] });
    components[name] = c;
  }
  return { name: 'large', namespace: 'large', components };
}
