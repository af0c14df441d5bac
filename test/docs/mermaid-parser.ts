// The real Mermaid parser in Node: the one verify-doc reads documents with (src/review/mermaid-parse.ts,
// where the DOMPurify shims of STACK.md live).
export { parseMermaid } from '../../src/review/mermaid-parse.js';
