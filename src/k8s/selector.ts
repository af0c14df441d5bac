// Label selectors exactly as Kubernetes defines them
// (https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors):
// matchLabels and matchExpressions are ANDed; In/NotIn/Exists/DoesNotExist; NotIn and
// DoesNotExist match objects that lack the key. An empty LabelSelector ({}) matches everything;
// a null/absent one matches nothing — except where an API says otherwise (a Service's plain
// map selector, NetworkPolicy's podSelector), which callers handle before calling here.

export interface LabelSelectorRequirement {
  key: string;
  /** In, NotIn, Exists or DoesNotExist; anything else matches nothing. */
  operator: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: LabelSelectorRequirement[] | null;
}

export type Labels = Record<string, string> | undefined | null;

/** A LabelSelector (metav1): null/undefined matches nothing, {} matches everything. */
export function matchesSelector(selector: LabelSelector | null | undefined, labels: Labels): boolean {
  if (selector == null || typeof selector !== 'object') return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    if (l[k] !== v) return false;
  }
  for (const req of selector.matchExpressions ?? []) {
    if (!matchesRequirement(req, l)) return false;
  }
  return true;
}

function matchesRequirement(req: LabelSelectorRequirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return has && values.includes(labels[req.key]);
    case 'NotIn':
      return !has || !values.includes(labels[req.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false; // an unknown operator is rejected by the API server; it selects nothing here
  }
}

/**
 * A plain equality map (Service.spec.selector, ReplicationController.spec.selector).
 * For Services an absent or empty map selects no pods (endpoints are managed by hand).
 */
export function matchesMap(selector: Record<string, string> | null | undefined, labels: Labels): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  const l = labels ?? {};
  return Object.entries(selector).every(([k, v]) => l[k] === v);
}

/** A canonical string for a selector, so equal selectors can be grouped (e.g. equivalence classes). */
export function selectorKey(selector: LabelSelector | null | undefined): string {
  if (selector == null) return 'null';
  const ml = Object.entries(selector.matchLabels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const me = (selector.matchExpressions ?? [])
    .map((r) => `${r.key} ${r.operator} ${[...(r.values ?? [])].sort().join(',')}`)
    .sort();
  return JSON.stringify([ml, me]);
}
