// The one Mermaid renderer: a diagram model (diagram.ts) to the text of its `.mmd` file.
import type { DiagramModel, EdgeLine, FlowchartModel, FlowItem, SequenceModel } from './diagram.js';
import { Flowchart, label, sequenceText } from './mermaid.js';

/** Mermaid's defaults (`maxTextSize`, `maxEdges`), which GitHub and other renderers keep: every diagram stays within them. */
export const MERMAID_MAX_TEXT_SIZE = 50_000;
export const MERMAID_MAX_EDGES = 500;

const ARROWS: Record<EdgeLine, '-->' | '-.->' | '==>'> = { solid: '-->', dashed: '-.->', thick: '==>' };

export function renderMermaid(model: DiagramModel): string {
  return model.type === 'flowchart' ? renderFlowchart(model) : renderSequence(model);
}

function renderFlowchart(model: FlowchartModel): string {
  const chart = new Flowchart(model.direction);
  const draw = (items: FlowItem[]): void => {
    for (const item of items) {
      if (item.kind === 'node') {
        chart.node(item.id, label(...item.lines), item.shape);
        if (item.className) chart.classify(item.id, item.className);
      } else if (item.kind === 'group') {
        chart.subgraph(item.id, label(...item.lines), () => draw(item.items));
      } else {
        chart.link(item.from, item.to, { text: item.text, arrow: ARROWS[item.line], style: item.style });
      }
    }
  };
  draw(model.items);
  return chart.render(model.classDefs, model.edgeStyles);
}

function renderSequence(model: SequenceModel): string {
  const lines = ['sequenceDiagram', ...model.participants.map((p) => `  participant ${p.id} as ${p.label}`)];
  for (const item of model.items) {
    lines.push(
      item.kind === 'message'
        ? `  ${item.from}${item.reply ? '-->>' : '->>'}${item.to}: ${sequenceText(item.text)}`
        : `  Note over ${item.over.join(',')}: ${sequenceText(item.text)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
