// What must be in place before what, read from the graph only (so imported manifests get a plan
// too). Each dependency says which edge or field produced it.
import { isOutsidePeer } from '../graph/outside.js';
import type { CustomResourceDefinition } from 'kubernetes-types/apiextensions/v1.js';
import { ANNOTATIONS, splitList } from '../k8s/annotations.js';
import { WORKLOAD_KINDS } from '../k8s/object.js';
import type { Graph, GraphNode } from '../graph/model.js';
import { controllerOf } from '../graph/owner.js';
import type { Dependency } from './types.js';
import { pushTo } from '../graph/multimap.js';

/** Objects a controller creates and owns (ReplicaSets of a Deployment, Jobs of a CronJob, Pods):
 *  their owner makes them, so they are never applied themselves. */
export function controllerOwned(graph: Graph): Set<string> {
  const owned = new Set<string>();
  for (const e of graph.edges) if (e.type === 'owns' && !e.missing) owned.add(e.to);
  for (const n of graph.nodes) {
    if (controllerOf(n.object, n.namespace)) owned.add(n.id);
  }
  return owned;
}

/** Dependencies of every node: node id → what it needs first. Self-references (peer discovery of a
 *  StatefulSet through its own Service) are not dependencies. */
export function planDependencies(graph: Graph): Map<string, Dependency[]> {
  const deps = new Map<string, Dependency[]>();
  const add = (id: string, on: string, because: string) => {
    if (id === on || !graph.byId.has(on) || !graph.byId.has(id)) return;
    const list = deps.get(id) ?? [];
    if (!list.some((d) => d.on === on)) list.push({ on, because });
    deps.set(id, list);
  };

  const crdByKind = new Map<string, string>();
  const workloadsByName = new Map<string, GraphNode[]>();
  for (const n of graph.nodes) {
    if (n.kind === 'CustomResourceDefinition') {
      const spec = (n.object as Partial<CustomResourceDefinition>).spec;
      if (typeof spec?.group === 'string' && typeof spec?.names?.kind === 'string')
        crdByKind.set(`${spec.group}/${spec.names.kind}`, n.id);
    }
    if (WORKLOAD_KINDS.has(n.kind)) {
      const key = `${n.namespace ?? ''}/${n.name}`;
      pushTo(workloadsByName, key, n);
    }
  }

  const selectedBy = new Map<string, string[]>();
  for (const e of graph.edges) {
    if (e.type === 'selects' && !e.missing && graph.byId.get(e.from)?.kind === 'Service') {
      pushTo(selectedBy, e.from, e.to);
    }
  }

  for (const n of graph.nodes) {
    if (n.namespace && graph.byId.has(`${n.namespace}[Namespace]`))
      add(n.id, `${n.namespace}[Namespace]`, `in namespace ${n.namespace}`);
    const group = n.apiVersion.includes('/') ? n.apiVersion.slice(0, n.apiVersion.lastIndexOf('/')) : '';
    const crd = crdByKind.get(`${group}/${n.kind}`);
    if (crd) add(n.id, crd, `its kind ${n.kind} is defined by ${crd}`);

    for (const entry of splitList(n.object.metadata.annotations?.[ANNOTATIONS.after])) {
      const [name, namespace] = entry.split('.');
      for (const w of workloadsByName.get(`${namespace || (n.namespace ?? '')}/${name}`) ?? []) {
        add(n.id, w.id, `runs after ${name} (annotation ${ANNOTATIONS.after})`);
      }
    }
  }

  for (const e of graph.edges) {
    if (e.missing) continue;
    const port = e.port !== undefined ? `:${e.port}` : '';
    switch (e.type) {
      case 'uses':
        add(e.from, e.to, `uses ${e.to} (${e.evidence})`);
        break;
      case 'claims':
        add(e.from, e.to, `claims ${e.to} (${e.evidence})`);
        break;
      case 'routes':
        add(e.from, e.to, `routes to ${e.to}${port} (${e.evidence})`);
        break;
      case 'selects': {
        // Autoscalers and disruption budgets act on their target; Services and NetworkPolicies
        // select pods that do not exist yet, and must be in place before those pods start.
        const from = graph.byId.get(e.from)?.kind;
        if (from !== 'Service' && from !== 'NetworkPolicy') add(e.from, e.to, `targets ${e.to} (${e.evidence})`);
        break;
      }
      case 'connects':
        // Outside the cluster there is nothing to roll out first.
        if (isOutsidePeer(e.to)) break;
        // To a Service: what matters is that the workloads behind it are ready.
        add(e.from, e.to, `connects to ${e.to}${port} (${e.evidence})`);
        for (const backend of selectedBy.get(e.to) ?? []) {
          add(e.from, backend, `connects to ${e.to}${port}, served by ${backend} (${e.evidence})`);
        }
        break;
      default:
        break;
    }
  }
  return deps;
}
