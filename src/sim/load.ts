// A load profile for `simulate hpa --load`: time in seconds plus one column per HPA metric.
// CSV (a header line, `#` comments) or JSON (an array of objects with the same keys). A column
// named after the metric (`cpu`, `websocket_active_connections`) is the per-pod average over
// ready pods (utilization in percent of the request for Utilization targets) or, for Object and
// External metrics, the object's value; a column `NAME:total` is a total that the ready pods
// share, so it is divided by the number of ready pods at each sync. Between points the load
// holds its last value (a step function).
import { InputError } from '../diagnostics/index.js';

export interface LoadColumn {
  metric: string;
  /** The value is a total divided by ready pods. */
  total: boolean;
}

export interface LoadProfile {
  columns: LoadColumn[];
  /** Sorted by t; values in column order. */
  points: { t: number; values: number[] }[];
}

function column(name: string, where: string): LoadColumn {
  const m = /^([^:]+?)(?::(total))?$/.exec(name.trim());
  if (!m) throw new InputError(`${where}: column "${name}": expected METRIC or METRIC:total`);
  return { metric: m[1], total: m[2] === 'total' };
}

function num(v: unknown, where: string): number {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0)
    throw new InputError(`${where}: expected a non-negative number, got ${JSON.stringify(v)}`);
  return n;
}

export function parseLoad(text: string, file: string): LoadProfile {
  const trimmed = text.trim();
  let header: string[];
  let rows: { where: string; cells: unknown[] }[];
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (err) {
      throw new InputError(`${file}: not JSON: ${(err as Error).message}`, [], { file });
    }
    if (
      !Array.isArray(json) ||
      json.length === 0 ||
      !json.every((p) => typeof p === 'object' && p !== null && !Array.isArray(p))
    )
      throw new InputError(`${file}: expected a non-empty array of objects like {"t": 0, "cpu": 60}`, [], { file });
    const points = json as Record<string, unknown>[];
    header = Object.keys(points[0]);
    rows = points.map((p, i) => {
      const keys = Object.keys(p);
      if (keys.length !== header.length || keys.some((k) => !header.includes(k)))
        throw new InputError(`${file}: [${i}]: expected the keys ${header.join(', ')}`, [], {
          file,
          fieldPath: `[${i}]`,
        });
      return { where: `${file}: [${i}]`, cells: header.map((k) => p[k]) };
    });
  } else {
    const lines = text
      .split(/\r?\n/)
      .map((l, i) => ({ line: i + 1, text: l.trim() }))
      .filter((l) => l.text !== '' && !l.text.startsWith('#'));
    if (lines.length < 2)
      throw new InputError(`${file}: expected a header line (t,METRIC,…) and at least one row`, [], { file });
    header = lines[0].text.split(',').map((h) => h.trim());
    rows = lines.slice(1).map((l) => {
      const cells = l.text.split(',');
      if (cells.length !== header.length)
        throw new InputError(`${file}:${l.line}: expected ${header.length} values (${header.join(',')})`, [], {
          file,
          line: l.line,
        });
      return { where: `${file}:${l.line}`, cells };
    });
  }
  if (header[0] !== 't')
    throw new InputError(`${file}: the first column is t (seconds), got "${header[0]}"`, [], { file });
  if (header.length < 2) throw new InputError(`${file}: expected at least one metric column after t`, [], { file });
  const columns = header.slice(1).map((h) => column(h, file));
  const points = rows.map((r) => ({
    t: num(r.cells[0], `${r.where}: t`),
    values: r.cells.slice(1).map((c, i) => num(c, `${r.where}: ${header[i + 1]}`)),
  }));
  points.forEach((p, i) => {
    if (i > 0 && p.t <= points[i - 1].t)
      throw new InputError(`${rows[i].where}: t must increase (${points[i - 1].t} then ${p.t})`, [], { file });
  });
  return { columns, points };
}

/** The values in force at time t: the last point at or before t (the first point before it). */
export function loadAt(profile: LoadProfile, t: number): number[] {
  let current = profile.points[0];
  for (const p of profile.points) {
    if (p.t > t) break;
    current = p;
  }
  return current.values;
}
