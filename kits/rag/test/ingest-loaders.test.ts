import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { useTempDir } from "@path/testing";
import { describe, expect, it } from "vitest";
import type { LoadedDocument } from "../src/ingest/document.js";
import { type LoadOutcome, loadFile } from "../src/ingest/load-file.js";

const fixtures = new URL("../fixtures/docs/", import.meta.url).pathname;
const folder = useTempDir("rag-loaders-");

async function loaded(name: string): Promise<LoadedDocument> {
  const outcome = await loadFile(name, join(fixtures, name));
  if (outcome.status !== "loaded")
    throw new Error(`${name} was ${outcome.status}: ${outcome.reason}`);
  return outcome.document;
}

async function loadBytes(
  name: string,
  bytes: Uint8Array | string,
  maxBytes?: number,
): Promise<LoadOutcome> {
  await writeFile(join(folder(), name), bytes);
  return loadFile(name, join(folder(), name), { maxBytes });
}

describe("loadFile: Markdown and text", () => {
  it("keeps Markdown as written, so lines match the file, and takes the title from front matter", async () => {
    const document = await loaded("lora-zh.md");
    expect(document.kind).toBe("markdown");
    expect(document.title).toBe("LoRA 微调笔记");
    expect(document.text.split("\n")[8]).toBe("## 秩的选择"); // line 9 of the file
    expect(document.notes).toEqual([]);
  });

  it("takes a Markdown title from the first heading when there is no front matter", async () => {
    expect((await loaded("rag-notes.md")).title).toBe("Retrieval notes");
  });

  it("decodes GBK and Big5 text files and notes the encoding", async () => {
    const gbk = await loaded("gbk-note.txt");
    expect(gbk).toMatchObject({ kind: "text", notes: ["decoded as GB18030 (detected)"] });
    expect(gbk.text.split("\n")[1]).toBe(
      "它先在知识库里找到相关的段落，再让模型根据这些段落回答问题。",
    );
    const big5 = await loaded("big5-note.txt");
    expect(big5.notes).toEqual(["decoded as Big5 (detected)"]);
    expect(big5.text).toContain("使用者可以核對");
  });
});

describe("loadFile: text encodings", () => {
  it("reads a UTF-16 file with a BOM as text, not as binary for its NUL bytes", async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from("# 标题\r\n\r\n正文。\r\n", "utf16le"),
    ]);
    expect(await loadBytes("utf16.md", bytes)).toMatchObject({
      status: "loaded",
      document: {
        kind: "markdown",
        title: "标题",
        text: "# 标题\n\n正文。\n",
        notes: ["decoded as UTF-16LE (BOM)"],
      },
    });
  });
});

describe("loadFile: HTML", () => {
  it("keeps the article's text and headings and drops script, style, nav, header and footer", async () => {
    const document = await loaded("vector-databases.html");
    expect(document.title).toBe("Vector databases explained");
    // The title Readability took out of the <h1> comes back as the outermost heading.
    expect(document.text).toMatch(
      /^# Vector databases explained\n\nA vector database stores embeddings and answers nearest-neighbour queries\./,
    );
    expect(document.text).toContain("## Exact and approximate search");
    expect(document.text).toContain(
      "- Under a million vectors: exact search is often fast enough.",
    );
    expect(document.text).toContain("SELECT id FROM items ORDER BY embedding <-> $1 LIMIT 10;");
    for (const noise of [
      "SCRIPT-NOISE",
      "NAV-NOISE",
      "HEADER-NOISE",
      "FOOTER-NOISE",
      "color: red",
      "console.log",
    ]) {
      expect(document.text).not.toContain(noise);
    }
  });

  it("falls back to the whole body of a page too short for an article, still without the noise", async () => {
    const html =
      "<html><head><script>var SCRIPT_NOISE = 1</script></head><body><nav>NAV-NOISE</nav><p>Short note: LoRA rank 16.</p></body></html>";
    const outcome = await loadBytes("short.html", html);
    expect(outcome).toMatchObject({
      status: "loaded",
      document: { kind: "html", text: "Short note: LoRA rank 16." },
    });
  });
});

describe("loadFile: PDF", () => {
  it("reads the text layer, pages separated by a blank line", async () => {
    const document = await loaded("lora.pdf");
    expect(document).toMatchObject({ kind: "pdf", notes: [] });
    expect(document.text).toBe(
      "LoRA rank controls adapter size.\nA higher rank learns more.\n\nPage two: learning rate 1e-4 works well.",
    );
  });

  it("skips a PDF with no text layer at all, saying it looks scanned and how to OCR it", async () => {
    const outcome = await loadFile("scanned.pdf", join(fixtures, "scanned.pdf"));
    expect(outcome.status).toBe("skipped");
    expect(outcome.status === "skipped" && outcome.reason).toMatch(/no text layer.*scan.*ocrmypdf/);
  });

  it("loads a half-scanned PDF and names the pages without text", async () => {
    const document = await loaded("half-scanned.pdf");
    expect(document.text).toBe("Only this page has text.");
    expect(document.notes).toEqual([
      "page 2 of 2 has no text layer (scanned?): OCR the PDF to include their text",
    ]);
  });

  it("reports a damaged PDF as failed, not as an empty document", async () => {
    const outcome = await loadBytes("broken.pdf", "%PDF-1.4\nthis is not a PDF body\n");
    expect(outcome.status).toBe("failed");
    expect(outcome.status === "failed" && outcome.reason).toMatch(
      /^cannot be read as PDF .*damaged or password-protected/,
    );
  });
});

describe("loadFile: DOCX", () => {
  it("reads the paragraphs and turns Heading 1/2 styles into headings", async () => {
    const document = await loaded("meeting-notes.docx");
    expect(document).toMatchObject({ kind: "docx", title: "Meeting notes" });
    expect(document.text).toBe(
      "# Meeting notes\n\nWe chose BM25 plus vectors for the first release.\n\n## Next steps\n\nMeasure nDCG@10 on SciFact. Then try PostgreSQL with pgvector.",
    );
  });

  it("reports a file that is not a Word document as failed", async () => {
    const outcome = await loadBytes("fake.docx", "plain text, not a zip");
    expect(outcome).toMatchObject({ status: "failed", path: "fake.docx" });
    expect(outcome.status === "failed" && outcome.reason).toMatch(/^cannot be read as DOCX/);
  });
});

describe("loadFile: what it skips", () => {
  const png = Uint8Array.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
  ]);

  it("skips a binary file with an unknown extension", async () => {
    const outcome = await loadBytes("diagram.png", png);
    expect(outcome.status).toBe("skipped");
    expect(outcome.status === "skipped" && outcome.reason).toMatch(
      /^binary file: the kit reads .*\.md.*\.pdf/,
    );
  });

  it("skips binary content behind a text extension", async () => {
    expect(await loadBytes("really-a-png.txt", png)).toMatchObject({
      status: "skipped",
      reason: "binary content in a .txt file: not ingested",
    });
  });

  it("skips a text file of a type it does not read, naming the type", async () => {
    const outcome = await loadBytes("data.json", '{"a": 1}');
    expect(outcome.status === "skipped" && outcome.reason).toMatch(
      /^not a supported type \(\.json\)/,
    );
  });

  it("skips an empty file and a file of white space, each with a note", async () => {
    expect(await loadBytes("empty.md", "")).toMatchObject({
      status: "skipped",
      reason: "empty file",
    });
    expect(await loadBytes("blank.txt", " \n\n\t\n")).toMatchObject({
      status: "skipped",
      reason: "no text in it",
    });
  });

  it("skips a file over the size limit before reading it, with both sizes", async () => {
    const outcome = await loadBytes("big.txt", "x".repeat(5000), 4000);
    expect(outcome).toMatchObject({
      status: "skipped",
      reason: "5.0 KB is over the 4.0 KB limit for one file: split it or raise the limit",
    });
  });

  it("reports a file that cannot be read as failed, with what to check", async () => {
    const outcome = await loadFile("gone.md", join(folder(), "gone.md"));
    expect(outcome.status).toBe("failed");
    expect(outcome.status === "failed" && outcome.reason).toMatch(
      /^cannot be read \(ENOENT.*check that it exists/,
    );
  });
});

describe("loadFile: encodings of HTML pages", () => {
  it("decodes a short GBK page by its <meta charset>, and says so", async () => {
    expect(await loaded("gbk-page.html")).toMatchObject({
      title: "笔记",
      text: "# 笔记\n\n向量数据库支持近似最近邻搜索。",
      notes: ["decoded as gbk (declared in the file)"],
    });
  });
});
