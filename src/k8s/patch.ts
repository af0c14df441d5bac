// Patching objects as their authors ask: RFC 6902 JSON patches (https://www.rfc-editor.org/rfc/rfc6902)
// and partial objects merged strategic-merge-like (maps merge, lists of items with a `name` merge
// by name, other lists and scalars replace; `null` deletes a key, as in a JSON merge patch).

export type JsonPatchOperation =
  | { op: 'add' | 'replace' | 'test'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'move' | 'copy'; from: string; path: string };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/** A patch that does not apply; the message says which operation, path and why. */
export class PatchError extends Error {
  constructor(
    readonly operation: number,
    message: string,
  ) {
    super(message);
    this.name = 'PatchError';
  }
}

/** RFC 6901: `/a/b~1c` → ['a', 'b/c']. */
function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`${JSON.stringify(pointer)} is not a JSON pointer (starts with /)`);
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function arrayIndex(list: unknown[], segment: string, forInsert: boolean): number {
  if (forInsert && segment === '-') return list.length;
  if (!/^(0|[1-9]\d*)$/.test(segment)) throw new Error(`${JSON.stringify(segment)} is not a list index`);
  const index = Number(segment);
  if (index > list.length || (!forInsert && index === list.length))
    throw new Error(`index ${index} is past the end of a list of ${list.length}`);
  return index;
}

/** The container holding the pointer's last segment, which must exist. */
function parentOf(doc: unknown, segments: string[]): unknown {
  let node = doc;
  for (const [i, segment] of segments.slice(0, -1).entries()) {
    const next: unknown = Array.isArray(node)
      ? node[arrayIndex(node, segment, false)]
      : isPlainObject(node) && Object.prototype.hasOwnProperty.call(node, segment)
        ? node[segment]
        : undefined;
    if (next === undefined) throw new Error(`/${segments.slice(0, i + 1).join('/')} does not exist`);
    node = next;
  }
  return node;
}

function get(doc: unknown, pointer: string): unknown {
  const segments = pointerSegments(pointer);
  if (segments.length === 0) return doc;
  const parent = parentOf(doc, segments);
  const last = segments[segments.length - 1];
  if (Array.isArray(parent)) return parent[arrayIndex(parent, last, false)];
  if (isPlainObject(parent) && Object.prototype.hasOwnProperty.call(parent, last)) return parent[last];
  throw new Error(`${pointer} does not exist`);
}

function remove(doc: unknown, pointer: string): unknown {
  const segments = pointerSegments(pointer);
  if (segments.length === 0) throw new Error('cannot remove the whole object');
  const parent = parentOf(doc, segments);
  const last = segments[segments.length - 1];
  if (Array.isArray(parent)) return parent.splice(arrayIndex(parent, last, false), 1)[0];
  if (isPlainObject(parent) && Object.prototype.hasOwnProperty.call(parent, last)) {
    const value = parent[last];
    delete parent[last];
    return value;
  }
  throw new Error(`${pointer} does not exist`);
}

function add(doc: unknown, pointer: string, value: unknown, replace: boolean): void {
  const segments = pointerSegments(pointer);
  if (segments.length === 0) throw new Error('cannot replace the whole object');
  const parent = parentOf(doc, segments);
  const last = segments[segments.length - 1];
  if (Array.isArray(parent)) {
    if (replace) parent[arrayIndex(parent, last, false)] = value;
    else parent.splice(arrayIndex(parent, last, true), 0, value);
  } else if (isPlainObject(parent)) {
    if (replace && !Object.prototype.hasOwnProperty.call(parent, last)) throw new Error(`${pointer} does not exist`);
    parent[last] = value;
  } else throw new Error(`the parent of ${pointer} is not an object or a list`);
}

/** Applies the operations in order to a copy of `doc`; throws PatchError naming the one that fails. */
export function applyJsonPatch<T>(doc: T, operations: readonly JsonPatchOperation[]): T {
  const out = structuredClone(doc);
  operations.forEach((operation, i) => {
    try {
      switch (operation.op) {
        case 'add':
          return add(out, operation.path, structuredClone(operation.value), false);
        case 'replace':
          return add(out, operation.path, structuredClone(operation.value), true);
        case 'remove':
          return void remove(out, operation.path);
        case 'move':
          if (operation.path.startsWith(`${operation.from}/`)) throw new Error('cannot move a value into itself');
          return add(out, operation.path, remove(out, operation.from), false);
        case 'copy':
          return add(out, operation.path, structuredClone(get(out, operation.from)), false);
        case 'test':
          if (!deepEqual(get(out, operation.path), operation.value))
            throw new Error(
              `the value is ${JSON.stringify(get(out, operation.path))}, not ${JSON.stringify(operation.value)}`,
            );
      }
    } catch (err) {
      throw new PatchError(i, `${operation.op} ${operation.path}: ${(err as Error).message}`);
    }
  });
  return out;
}

function isNamedList(list: unknown[]): list is Array<Record<string, unknown> & { name: unknown }> {
  return list.length > 0 && list.every((item) => isPlainObject(item) && typeof item.name === 'string');
}

function mergeLists(base: unknown[], partial: unknown[]): unknown[] {
  if (!isNamedList(base) || !isNamedList(partial)) return structuredClone(partial);
  const out: unknown[] = [...base];
  for (const item of partial) {
    const at = out.findIndex((b) => (b as { name: unknown }).name === item.name);
    if (at === -1) out.push(structuredClone(item));
    else out[at] = mergePartial(out[at], item);
  }
  return out;
}

/** `base` with `partial` merged in (a new value; neither input changes). */
export function mergePartial(base: unknown, partial: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(partial)) return mergeLists(base, partial);
  if (!isPlainObject(base) || !isPlainObject(partial)) return structuredClone(partial);
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(partial)) {
    if (value === null) delete out[key];
    else out[key] = key in base ? mergePartial(base[key], value) : structuredClone(value);
  }
  return out;
}
