import { parseHTML } from "linkedom";

/** The little of the DOM this walk reads (the kit compiles without the DOM's types). */
interface DomNode {
  nodeType: number;
  tagName?: string;
  textContent: string | null;
  childNodes: Iterable<DomNode>;
  children?: Iterable<DomNode>;
}

const noise = "script, style, noscript, template, nav, iframe, svg, canvas, form, button, select";
const blockTags = new Set([
  "ADDRESS",
  "ARTICLE",
  "ASIDE",
  "BLOCKQUOTE",
  "DD",
  "DIV",
  "DL",
  "DT",
  "FIGCAPTION",
  "FIGURE",
  "FOOTER",
  "HEADER",
  "HR",
  "MAIN",
  "OL",
  "P",
  "SECTION",
  "TABLE",
  "TBODY",
  "THEAD",
  "UL",
]);

/**
 * The text of an HTML fragment or page as plain paragraphs separated by blank lines, headings
 * as Markdown `#` lines (so the chunker sees the structure), list items as `- `, table rows
 * as cells joined by ` | `, `<pre>` kept verbatim in a fence. Script, style, nav and forms dropped.
 */
export function htmlToText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  for (const element of document.querySelectorAll(noise)) element.remove();
  const out: string[] = [];
  let inline = "";
  const flush = () => {
    const text = inline.replace(/\s+/g, " ").trim();
    if (text) out.push(text);
    inline = "";
  };
  const walk = (node: DomNode): void => {
    if (node.nodeType === 3) {
      inline += node.textContent ?? "";
      return;
    }
    if (node.nodeType !== 1) return;
    const element = node;
    const tag = element.tagName ?? "";
    const heading = /^H([1-6])$/.exec(tag);
    if (heading) {
      flush();
      const text = (element.textContent ?? "").replace(/\s+/g, " ").trim();
      if (text) out.push(`${"#".repeat(Number(heading[1]))} ${text}`);
    } else if (tag === "PRE") {
      flush();
      const code = (element.textContent ?? "").replace(/\n+$/, "");
      if (code.trim()) out.push(`\`\`\`\n${code}\n\`\`\``);
    } else if (tag === "BR") {
      inline += "\n";
    } else if (tag === "LI") {
      flush();
      inline = "- ";
      for (const child of element.childNodes) walk(child);
      flush();
    } else if (tag === "TR") {
      flush();
      const cells = [...(element.children ?? [])].map((cell) =>
        (cell.textContent ?? "").replace(/\s+/g, " ").trim(),
      );
      if (cells.some(Boolean)) out.push(cells.join(" | "));
    } else if (blockTags.has(tag)) {
      flush();
      for (const child of element.childNodes) walk(child);
      flush();
    } else {
      for (const child of element.childNodes) walk(child);
    }
  };
  walk(document.body as unknown as DomNode);
  flush();
  return joinBlocks(out);
}

/** Blocks one after another with a blank line between; list items and table rows stay together. */
function joinBlocks(blocks: string[]): string {
  let text = "";
  let previous = "";
  for (const block of blocks) {
    const tight =
      (block.startsWith("- ") && previous.startsWith("- ")) ||
      (block.includes(" | ") && previous.includes(" | "));
    text += text === "" ? block : tight ? `\n${block}` : `\n\n${block}`;
    previous = block;
  }
  return text;
}
