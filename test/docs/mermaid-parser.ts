// The real Mermaid parser in Node. Mermaid 11 sanitises labels with DOMPurify, which has no DOM
// here; STACK.md's shims make `mermaid.parse` work on flowcharts and sequence diagrams.
import DOMPurify from 'dompurify';

const purify = DOMPurify as unknown as { addHook?: unknown; isSupported: boolean; sanitize: (s: string) => string };
purify.addHook ??= () => {};
if (!purify.isSupported) purify.sanitize = (s: string) => s;
const { default: mermaid } = await import('mermaid');

/** Parses diagram text with Mermaid; resolves to the diagram type, throws Mermaid's own error. */
export async function parseMermaid(text: string): Promise<string> {
  const result = await mermaid.parse(text);
  if (!result) throw new Error('mermaid.parse returned false');
  return result.diagramType;
}
