/** A run of lines that belong together: a paragraph, a list, a table, a fenced code block. */
export interface Block {
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
}

/** The blocks under one heading path. */
export interface Section {
  headings: string[];
  blocks: Block[];
}

const atxHeading = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const setextUnderline = /^ {0,3}(=+|-+)[ \t]*$/;
const fenceOpen = /^ {0,3}(`{3,}|~{3,})/;
const notParagraphStart = /^ {0,3}([-*+>|]|\d+[.)])(\s|$)/;

/**
 * Splits text into sections by heading and sections into blocks by blank line. With
 * `markdown` true, ATX and setext headings start sections, fenced code stays one block even
 * across blank lines, and YAML front matter is left out; otherwise there is one section.
 * Heading lines belong to no block: the chunks under them carry the heading path instead.
 */
export function outline(text: string, markdown: boolean): Section[] {
  const lines = text.split("\n");
  const sections: Section[] = [];
  const path: { level: number; text: string }[] = [];
  let section: Section = { headings: [], blocks: [] };
  let block: Block | undefined;
  let fence: string | undefined;

  const closeBlock = () => {
    if (block) section.blocks.push(block);
    block = undefined;
  };
  const startSection = (level: number, heading: string) => {
    closeBlock();
    if (section.blocks.length > 0) sections.push(section);
    while (path.length > 0 && (path.at(-1)?.level ?? 0) >= level) path.pop();
    path.push({ level, text: heading });
    section = { headings: path.map((h) => h.text), blocks: [] };
  };

  const first = markdown ? frontMatterEnd(lines) : 0;
  for (let i = first; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const lineNumber = i + 1;
    if (fence) {
      if (block) block.endLine = lineNumber;
      if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, "") === "")
        fence = undefined;
      continue;
    }
    const atx = markdown ? atxHeading.exec(line) : null;
    if (atx) {
      startSection(atx[1]?.length ?? 1, cleanHeading(atx[2] ?? ""));
      continue;
    }
    if (markdown && block && setextUnderline.test(line) && isPlainParagraph(lines, block)) {
      const heading = lines.slice(block.startLine - 1, block.endLine).join(" ");
      block = undefined;
      startSection(line.trim().startsWith("=") ? 1 : 2, cleanHeading(heading));
      continue;
    }
    if (line.trim() === "") {
      closeBlock();
      continue;
    }
    const open = markdown ? fenceOpen.exec(line) : null;
    if (open) fence = open[1];
    if (block) block.endLine = lineNumber;
    else block = { startLine: lineNumber, endLine: lineNumber };
  }
  closeBlock();
  if (section.blocks.length > 0) sections.push(section);
  return sections;
}

/** The first heading's text, for a title. */
export function firstHeading(text: string): string | undefined {
  for (const section of outline(text, true)) {
    if (section.headings.length > 0) return section.headings[0];
  }
  return undefined;
}

/** `**Install** on [Windows](x)` → `Install on Windows`. */
function cleanHeading(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_`]+/g, "")
    .trim();
}

function isPlainParagraph(lines: string[], block: Block): boolean {
  const first = lines[block.startLine - 1] ?? "";
  return !notParagraphStart.test(first) && !fenceOpen.test(first);
}

/** Index of the first line after a `---` … `---` front matter block, or 0. */
function frontMatterEnd(lines: string[]): number {
  if (lines[0]?.trim() !== "---") return 0;
  for (let i = 1; i < Math.min(lines.length, 200); i++) {
    const line = lines[i]?.trim();
    if (line === "---" || line === "...") return i + 1;
  }
  return 0;
}

/** `title:` from YAML front matter, when there is one. */
export function frontMatterTitle(text: string): string | undefined {
  const lines = text.split("\n");
  const end = frontMatterEnd(lines);
  for (const line of lines.slice(1, end - 1)) {
    const match = /^title:\s*["']?(.*?)["']?\s*$/.exec(line);
    if (match?.[1]) return match[1];
  }
  return undefined;
}
