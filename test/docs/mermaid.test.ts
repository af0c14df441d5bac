// Mermaid ids and label escaping: names with dots, dashes, slashes, brackets and quotes must
// render, and ids must be stable and distinct.
import { describe, it, expect } from 'vitest';
import { Flowchart, label, mermaidId, sequenceText } from '../../src/docs/mermaid.js';
import { parseMermaid } from './mermaid-parser.js';

const NASTY = [
  'a.b-c/d[Deployment]',
  'say "hi"',
  'x|y',
  'semi;colon',
  'hash#tag',
  '<script>',
  'back`tick',
  'end',
  'br(ack)et{s}',
  'a\nb',
];

describe('mermaidId', () => {
  it('is made of word characters only, stable, and distinct for keys that slug alike', () => {
    const a = mermaidId('ns/web-1[Deployment]');
    expect(a).toMatch(/^[A-Za-z0-9_]+$/);
    expect(mermaidId('ns/web-1[Deployment]')).toBe(a);
    expect(mermaidId('ns/web.1[Deployment]')).not.toBe(a);
  });
});

describe('labels', () => {
  it('escape every character Mermaid would read as syntax, so the diagram parses', async () => {
    const chart = new Flowchart('TB');
    chart.subgraph(mermaidId('g'), label('group "x" [y]'), () => {
      NASTY.forEach((n, i) => chart.node(mermaidId(`k${i}`), label(n, n)));
    });
    NASTY.forEach((n, i) =>
      chart.link(mermaidId(`k${i}`), mermaidId(`k${(i + 1) % NASTY.length}`), { text: n, style: 'x' }),
    );
    const text = chart.render({}, { x: 'stroke:#f00' });
    await expect(parseMermaid(text)).resolves.toBe('flowchart-v2');
    expect(text).not.toContain('"hi"');
  });

  it('writes each special character as exactly one entity', () => {
    expect(label('a|b;c#d"e<f>g`h')).toBe('"a#124;b#59;c#35;d#quot;e#lt;f#gt;g#96;h"');
    expect(sequenceText('x|y: z;')).toBe('x#124;y#58; z#59;');
  });

  it('the same names unescaped break the parser (so the escaping is what makes them work)', async () => {
    await expect(parseMermaid(`flowchart TB\n  a["say "hi""] -->|x|y| b\n`)).rejects.toThrow();
  });

  it('sequence texts with colons, semicolons and hashes parse', async () => {
    const lines = ['sequenceDiagram', '  participant A as Operator', '  participant B as Kubernetes'];
    for (const n of [...NASTY, 'http://x:80/a;b'])
      lines.push(`  A->>B: ${sequenceText(n)}`, `  Note over A,B: ${sequenceText(n)}`);
    await expect(parseMermaid(lines.join('\n'))).resolves.toBe('sequence');
  });
});
