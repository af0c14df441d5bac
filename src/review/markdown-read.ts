// The parts of a hand-written Markdown document verify-doc holds against the manifests: fenced
// Mermaid and YAML blocks and pipe tables, each with the 1-based line it starts on.

export interface Block {
  /** Line of the first line of the block's content (after the opening fence). */
  line: number;
  text: string;
}

export interface TableRow {
  line: number;
  cells: string[];
}

export interface Table {
  line: number;
  header: string[];
  rows: TableRow[];
}

export interface MarkdownParts {
  mermaid: Block[];
  yaml: Block[];
  tables: Table[];
}

/** Cells of a pipe-table line, Markdown emphasis and code marks taken off. */
function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.replace(/[*`]/g, '').trim());
}

const DELIMITER = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

export function readMarkdown(text: string): MarkdownParts {
  const lines = text.split(/\r?\n/);
  const out: MarkdownParts = { mermaid: [], yaml: [], tables: [] };
  for (let i = 0; i < lines.length; i++) {
    const fence = /^\s*(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]);
    if (fence) {
      const close = lines.findIndex((l, j) => j > i && l.trim().startsWith(fence[1]));
      const end = close === -1 ? lines.length : close;
      const block = { line: i + 2, text: lines.slice(i + 1, end).join('\n') };
      const lang = fence[2].toLowerCase();
      if (lang === 'mermaid') out.mermaid.push(block);
      else if (lang === 'yaml' || lang === 'yml') out.yaml.push(block);
      i = end;
      continue;
    }
    if (lines[i].includes('|') && i + 1 < lines.length && DELIMITER.test(lines[i + 1])) {
      const table: Table = { line: i + 1, header: cells(lines[i]), rows: [] };
      let j = i + 2;
      for (; j < lines.length && lines[j].trim().includes('|') && lines[j].trim() !== ''; j++)
        table.rows.push({ line: j + 1, cells: cells(lines[j]) });
      out.tables.push(table);
      i = j - 1;
    }
  }
  return out;
}
