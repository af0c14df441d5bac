// The architecture document: every section in the order the docs issue sets, built from the
// graph, the rollout plan and the resource summary. Output files: ARCHITECTURE.md, one `.mmd` per
// diagram, and with `html` the self-contained index.html.
import { byCodePoint } from '../vocabulary/order.js';
import type { Graph } from '../graph/model.js';
import { computePlan } from '../plan/index.js';
import { summarizeResources } from '../sim/resources.js';
import { ANNOTATIONS } from '../k8s/annotations.js';
import { diagramsOf, imagesOf, type ArchitectureDocument, type Block, type Section } from './document.js';
import { renderMarkdown } from './markdown.js';
import type { DiagramModel } from './diagram.js';
import { renderMermaid } from './render-mermaid.js';
import { DIAGRAMS_JSON, diagramsJson } from './diagrams-json.js';
import { overviewDiagram } from './overview.js';
import { dependenciesDiagram } from './dependencies.js';
import { networkDiagram, NETWORK_LEGEND } from './network.js';
import { policiesTable } from './policies.js';
import { reachTable } from './reach-table.js';
import { ACCESS_INTRO, accessTable } from './access.js';
import { computeReachability } from '../graph/reach.js';
import { sequenceDiagram } from './sequence.js';
import { podDiagram, podTableRow, POD_TABLE_HEADER } from './pods.js';
import { DEFAULT_NODE_LIMIT } from './flow.js';
import { autoscalingDiagram } from './autoscaling.js';
import { hpaSimulationBlocks } from './hpa-simulation.js';
import { hasStorage, storageDiagram } from './storage.js';
import { manifestFilesTable, probesTable, resourcesTable, RESOURCES_NOTE, schedulesTable } from './tables.js';
import { shortName, topology } from './topology.js';
import type { OutputFile } from '../vocabulary/output-file.js';

export interface DocsOptions {
  /** Document title; default: the architecture name the objects carry, else "Architecture". */
  title?: string;
  /** The input as the user named it, printed in the document. */
  source: string;
  /** How a source file is shown (e.g. relative to the input folder); default as read. */
  fileName?: (file: string) => string;
}

function diagram(name: string, model: DiagramModel): Block {
  return { kind: 'diagram', diagram: { name, model, text: renderMermaid(model) } };
}

function text(t: string): Block {
  return { kind: 'text', text: t };
}

/** The architecture name shipshape stamps on what it generates, when every object agrees on one. */
function architectureName(graph: Graph): string | undefined {
  const names = new Set(graph.nodes.map((n) => n.object.metadata.annotations?.[ANNOTATIONS.generatedBy]));
  const [only] = names;
  return names.size === 1 && only ? only : undefined;
}

/** A unique file stem `<prefix>-<id>`: the id lower case, runs of other characters as `-`. */
function fileStem(prefix: string, id: string, taken: Set<string>): string {
  const base = `${prefix}-${id
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')}`;
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
  taken.add(name);
  return name;
}

export function buildArchitectureDocument(graph: Graph, opts: DocsOptions): ArchitectureDocument {
  const topo = topology(graph);
  const namespaces = new Set(graph.nodes.map((n) => n.namespace).filter(Boolean));
  const single = namespaces.size <= 1;
  const summary = summarizeResources(graph);
  const replicas = new Map(summary.components.map((c) => [c.id, c.replicas]));
  const hpas = graph.nodes.filter((n) => n.kind === 'HorizontalPodAutoscaler').sort((a, b) => byCodePoint(a.id, b.id));
  const sections: Section[] = [];

  const overview = overviewDiagram(graph, topo, single);
  sections.push({
    title: 'Cluster overview',
    level: 2,
    blocks: overview
      ? [diagram('cluster-overview', overview)]
      : [text(graph.nodes.length ? 'No workloads and no entry points: nothing to draw.' : 'No objects.')],
  });
  sections.push({
    title: 'Resource dependencies',
    level: 2,
    blocks: topo.components.length
      ? [diagram('resource-dependencies', dependenciesDiagram(graph, topo, single))]
      : [text('No workloads.')],
  });
  const reach = computeReachability(graph);
  const nameOf = (id: string): string => {
    const n = graph.byId.get(id);
    return n ? shortName(n, single) : id;
  };
  const policies = policiesTable(reach, nameOf);
  const network = networkDiagram(graph, reach, topo, single);
  const reaches = reachTable(reach, nameOf);
  sections.push({
    title: 'Network flow',
    level: 2,
    blocks: [
      ...(network
        ? [text(NETWORK_LEGEND), diagram('network-flow', network)]
        : [text('No workloads and no entry points: nothing to draw.')]),
      ...(policies
        ? [text('The NetworkPolicies in force:'), policies]
        : [text('No NetworkPolicies: every pod may connect to every pod.')]),
      ...(reaches
        ? [
            text(
              'What may reach each workload the policies isolate for ingress, and what they deny (workloads of the input, any port):',
            ),
            reaches,
          ]
        : []),
    ],
  });
  const access = accessTable(graph, single);
  if (access) sections.push({ title: 'Access', level: 2, blocks: [text(ACCESS_INTRO), access] });
  sections.push({
    title: 'Deployment sequence',
    level: 2,
    blocks: [
      text(
        'The rollout order computed by `shipshape plan`: each phase is applied together, and the next starts when what it waits for is ready.',
      ),
      diagram('deployment-sequence', sequenceDiagram(graph, computePlan(graph), single)),
    ],
  });

  // Above the node threshold, one diagram per component would be hundreds of diagrams: a table instead.
  const podDiagrams = topo.components.length <= DEFAULT_NODE_LIMIT;
  const replicasText = (id: string): string => {
    const r = replicas.get(id) ?? { min: 1, max: 1 };
    return r.min === r.max ? `${r.min} replica${r.min === 1 ? '' : 's'}` : `${r.min}–${r.max} replicas`;
  };
  const podIntro = podDiagrams
    ? 'Containers, probes, volumes and env sources (names only) of each component.'
    : `${topo.components.length} components: too many for a diagram each, so one row per component.`;
  sections.push({
    title: 'Pod internals',
    level: 2,
    blocks: topo.components.length ? [text(podIntro)] : [text('No workloads.')],
  });
  if (!podDiagrams) {
    const rows = topo.components.map((c) =>
      podTableRow(c, replicasText(c.id), `${c.kind} ${single ? c.name : `${c.namespace}/${c.name}`}`),
    );
    sections[sections.length - 1].blocks.push({ kind: 'table', header: POD_TABLE_HEADER, rows });
  }
  const taken = new Set<string>();
  for (const c of podDiagrams ? topo.components : []) {
    sections.push({
      title: `${c.kind} ${single ? c.name : `${c.namespace}/${c.name}`}`,
      level: 3,
      blocks: [diagram(fileStem('pod', c.id, taken), podDiagram(c, replicasText(c.id)))],
    });
  }

  sections.push({
    title: 'Autoscaling',
    level: 2,
    blocks: hpas.length
      ? [diagram('autoscaling', autoscalingDiagram(graph, hpas, single))]
      : [text('No HorizontalPodAutoscalers.')],
  });
  for (const hpa of hpas) {
    const name = single ? hpa.name : `${hpa.namespace}/${hpa.name}`;
    sections.push({
      title: `HPA ${name}, simulated`,
      level: 3,
      blocks: hpaSimulationBlocks(graph, hpa, fileStem('hpa', hpa.id, taken), `HPA ${name}`),
    });
  }
  sections.push({
    title: 'Storage',
    level: 2,
    blocks: hasStorage(graph)
      ? [
          diagram(
            'storage',
            storageDiagram(graph, topo, (id) => replicas.get(id)?.max ?? 1, single),
          ),
        ]
      : [text('No PersistentVolumeClaims, StorageClasses or volumeClaimTemplates.')],
  });

  sections.push({ title: 'Tables', level: 2, blocks: [] });
  sections.push({
    title: 'Manifest files',
    level: 3,
    blocks: [manifestFilesTable(graph, opts.fileName ?? ((f) => f), single)],
  });
  sections.push({
    title: 'Resource requirements',
    level: 3,
    blocks: summary.components.length
      ? [text(RESOURCES_NOTE), resourcesTable(graph, summary, single)]
      : [text('No workloads.')],
  });
  const probes = probesTable(topo, single);
  sections.push({ title: 'Probes', level: 3, blocks: [probes ?? text('No probes.')] });
  const schedules = schedulesTable(graph, single);
  sections.push({ title: 'CronJob schedules', level: 3, blocks: [schedules ?? text('No CronJobs.')] });

  const name = architectureName(graph);
  return { title: opts.title ?? (name ? `Architecture: ${name}` : 'Architecture'), source: opts.source, sections };
}

/** What `docs` writes: the Markdown document and its `.mmd` files, or the diagram models as JSON. */
export type DocsFormat = 'markdown' | 'json';

export const DOCS_FORMATS: readonly DocsFormat[] = ['markdown', 'json'];

/** Every file `docs` writes, in a stable order. */
export async function docsFiles(
  doc: ArchitectureDocument,
  html: boolean,
  format: DocsFormat = 'markdown',
): Promise<OutputFile[]> {
  const files: OutputFile[] =
    format === 'json'
      ? [{ path: DIAGRAMS_JSON, content: diagramsJson(doc) }]
      : [
          { path: 'ARCHITECTURE.md', content: renderMarkdown(doc) },
          ...diagramsOf(doc).map((d) => ({ path: `${d.name}.mmd`, content: d.text })),
          ...imagesOf(doc).map((i) => ({ path: `${i.name}.svg`, content: i.svg })),
        ];
  if (html) {
    const { renderHtml } = await import('./html.js');
    files.push({ path: 'index.html', content: await renderHtml(doc) });
  }
  return files;
}
