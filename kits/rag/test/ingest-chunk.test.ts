import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { InvalidInputError } from "@path/core";
import { describe, expect, it } from "vitest";
import { chunkDocument } from "../src/ingest/chunk.js";
import { countTokens } from "../src/ingest/count-tokens.js";
import type { Chunk, LoadedDocument } from "../src/ingest/document.js";

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/docs/${name}`, import.meta.url), "utf8");
const markdown = (text: string, path = "note.md"): LoadedDocument => ({
  path,
  kind: "markdown",
  text,
  notes: [],
});

/** Where each chunk starts in the text: the first match on or after its first line and after the chunk before. */
function offsetsOf(document: LoadedDocument, chunks: Chunk[]): number[] {
  const lines = document.text.split("\n");
  const offsets: number[] = [];
  for (const chunk of chunks) {
    const lineStart = lines
      .slice(0, chunk.lineStart - 1)
      .reduce((sum, line) => sum + line.length + 1, 0);
    const from = Math.max(lineStart, (offsets.at(-1) ?? -1) + 1);
    offsets.push(document.text.indexOf(chunk.text, from));
  }
  return offsets;
}

/** A deterministic mixed 中文/English Markdown document with headings, long paragraphs, code. */
function mixedDocument(): LoadedDocument {
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const english = [
    "BM25 needs no model.",
    "Vectors find paraphrases!",
    "Is hybrid better?",
    "Scores use k1 = 0.9 and b = 0.4.",
  ];
  const chinese = [
    "检索增强生成先找段落。",
    "向量数据库支持近似最近邻搜索！",
    "秩越大，文件越大，训练越慢；",
    "这句话带引号。",
    "你试过吗？",
  ];
  const lines: string[] = [];
  let count = 0;
  for (let s = 0; s < 6; s++) {
    lines.push(`${"#".repeat(1 + (s % 3))} 第 ${s} 节 Section ${s}`, "");
    for (let p = 0; p < 4; p++) {
      const sentences = Math.floor(random() * 25) + 1;
      let line = "";
      for (let i = 0; i < sentences; i++) {
        const pool = random() < 0.5 ? english : chinese;
        // A number in each sentence makes every chunk's text occur once, so tests can find it.
        const sentence = pool[Math.floor(random() * pool.length)] ?? "";
        line += `${sentence.slice(0, -1)} ${count++}${sentence.slice(-1)}${pool === english ? " " : ""}`;
        if (random() < 0.15) {
          lines.push(line.trimEnd());
          line = "";
        }
      }
      if (line) lines.push(line.trimEnd());
      lines.push("");
    }
    if (s === 2) lines.push("```", "const a = 1;", "", "const b = 2;", "```", "");
  }
  // Long clauses, then a long run with no punctuation at all; no text repeats.
  const han = (from: number, length: number) =>
    Array.from({ length }, (_, i) => String.fromCodePoint(0x4e00 + (from + i) * 7)).join("");
  lines.push(`${han(0, 40)}，${han(40, 30)}、${han(70, 30)}𠀀🙂${han(100, 180)}`);
  return markdown(lines.join("\n"), "mixed.md");
}

describe("chunkDocument: structure", () => {
  it("gives each chunk the path of headings above it, setext included, and not a # inside a fence", () => {
    const chunks = chunkDocument(markdown(fixture("rag-notes.md"), "rag-notes.md"));
    expect(chunks.map((chunk) => chunk.headings)).toEqual([
      ["Retrieval notes"],
      ["Retrieval notes", "BM25"],
      ["Retrieval notes", "Vectors"],
      ["Retrieval notes", "Setext heading below"],
    ]);
    expect(chunks[3]?.text).toContain(
      "# not a heading, inside a fence\n\nstill the same code block",
    );
  });

  it("nests 中文 headings three deep and leaves front matter and heading lines out of the text", () => {
    const chunks = chunkDocument(markdown(fixture("lora-zh.md"), "lora-zh.md"));
    expect(
      chunks.map((chunk) => [chunk.headings.join(" > "), chunk.lineStart, chunk.lineEnd]),
    ).toEqual([
      ["LoRA 微调笔记", 7, 7],
      ["LoRA 微调笔记 > 秩的选择", 11, 12],
      ["LoRA 微调笔记 > 学习率", 16, 16],
      ["LoRA 微调笔记 > 学习率 > 调度器", 20, 20],
    ]);
    expect(chunks.some((chunk) => chunk.text.includes("title:") || chunk.text.includes("#"))).toBe(
      false,
    );
  });

  it("follows the headings a DOCX or HTML loader writes as # lines", () => {
    const text = "# Meeting notes\n\nWe chose BM25.\n\n## Next steps\n\nMeasure nDCG@10.";
    const chunks = chunkDocument({ path: "m.docx", kind: "docx", text, notes: [] });
    expect(chunks.map((chunk) => [chunk.headings, chunk.text])).toEqual([
      [["Meeting notes"], "We chose BM25."],
      [["Meeting notes", "Next steps"], "Measure nDCG@10."],
    ]);
  });

  it("reads no headings in plain text: a # line there is text", () => {
    const chunks = chunkDocument({
      path: "a.txt",
      kind: "text",
      text: "# not a heading\n\nbody",
      notes: [],
    });
    expect(chunks.map((chunk) => [chunk.headings, chunk.text])).toEqual([
      [[], "# not a heading\n\nbody"],
    ]);
  });

  it("keeps a paragraph whole in a new chunk rather than splitting it to fill the previous one", () => {
    const paragraph = (word: string) => `${word} is a topic. `.repeat(8).trim();
    const text = [paragraph("Alpha"), paragraph("Beta"), paragraph("Gamma")].join("\n\n");
    // Each fits in 60 tokens, two do not: a greedy packer would cut Beta to fill Alpha's chunk.
    expect(countTokens(paragraph("Alpha"))).toBeGreaterThan(30);
    expect(countTokens(paragraph("Alpha"))).toBeLessThan(60);
    const chunks = chunkDocument(markdown(text), { maxTokens: 60, overlapTokens: 10 });
    expect(chunks.map((chunk) => chunk.text)).toEqual([
      paragraph("Alpha"),
      paragraph("Beta"),
      paragraph("Gamma"),
    ]);
  });
});

describe("chunkDocument: sentences in 中文 and English", () => {
  it("cuts 中文 after 。！？； and keeps a closing quote with its sentence", () => {
    const text = "第一句话在这里。“第二句带引号！”第三句是问题吗？第四句有分号；第五句结束。";
    const chunks = chunkDocument(markdown(text), { maxTokens: 12, overlapTokens: 0 });
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) expect(chunk.text).toMatch(/[。！？；]”?$/);
    expect(chunks.some((chunk) => chunk.text.startsWith("”"))).toBe(false);
    expect(chunks.map((chunk) => chunk.text).join("")).toBe(text);
  });

  it("keeps an English closing quote or bracket with the sentence it closes", () => {
    const sentences = ['She said "use rank 16."', "(It worked for us.)", "Then we stopped."];
    const maxTokens = Math.max(...sentences.map(countTokens));
    const chunks = chunkDocument(markdown(sentences.join(" ")), { maxTokens, overlapTokens: 0 });
    expect(chunks.map((chunk) => chunk.text)).toEqual(sentences);
  });

  it("cuts a long 中文 sentence at ， and 、 before it would cut inside a clause", () => {
    const clauses = [
      "我们的数据越来越多，",
      "检索的速度越来越慢、",
      "用户的问题越来越难，",
      "所以需要更好的索引。",
    ];
    const maxTokens = Math.max(...clauses.map(countTokens)) + 2;
    expect(countTokens(clauses.slice(0, 2).join(""))).toBeGreaterThan(maxTokens);
    const chunks = chunkDocument(markdown(clauses.join("")), { maxTokens, overlapTokens: 0 });
    expect(chunks.map((chunk) => chunk.text)).toEqual(clauses);
  });

  it("does not end an English sentence at 3.5, e.g. or a lowercase continuation", () => {
    const text = "Version 3.5 is out, e.g. the small one. Next sentence here.";
    const maxTokens = countTokens("Version 3.5 is out, e.g. the small one.");
    const chunks = chunkDocument(markdown(text), { maxTokens, overlapTokens: 0 });
    expect(chunks.map((chunk) => chunk.text)).toEqual([
      "Version 3.5 is out, e.g. the small one.",
      "Next sentence here.",
    ]);
  });

  it("cuts an English sentence with no punctuation between words, never inside one", () => {
    const words = Array.from({ length: 120 }, (_, i) => `word${i}`);
    const chunks = chunkDocument(markdown(words.join(" ")), { maxTokens: 20, overlapTokens: 0 });
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.flatMap((chunk) => chunk.text.split(" "))).toEqual(words);
  });
});

describe("chunkDocument: graphemes", () => {
  it("never splits a surrogate pair or a grapheme: 𠀀, emoji, ZWJ families, flags, combining marks", () => {
    const text = "𠀀字👩‍👩‍👧‍👦🇨🇳e\u0301🙂".repeat(40);
    const chunks = chunkDocument(markdown(text), { maxTokens: 8, overlapTokens: 0 });
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.map((chunk) => chunk.text).join("")).toBe(text);
    const boundaries = new Set(
      [...new Intl.Segmenter("und", { granularity: "grapheme" }).segment(text)].map(
        ({ index }) => index,
      ),
    );
    let offset = 0;
    for (const chunk of chunks) {
      expect(loneSurrogate.test(chunk.text)).toBe(false);
      expect(boundaries.has(offset)).toBe(true);
      offset += chunk.text.length;
    }
  });
});

describe("chunkDocument: a long line with no spaces", () => {
  // 300k characters of base64 (an inline image) took over a minute when grapheme segmentation
  // ran over the whole line at once; read in windows it takes a few seconds.
  it("cuts a 300k-character data URL into chunks within the limit, in linear time", () => {
    let seed = 1;
    const base64 = Buffer.from(
      Uint8Array.from({ length: 225_000 }, () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return (seed >>> 16) & 0xff;
      }),
    ).toString("base64");
    const text = `# Image\n\n![x](data:image/png;base64,${base64})\n\nAfter.`;
    const started = performance.now();
    const chunks = chunkDocument(markdown(text), { maxTokens: 300, overlapTokens: 0 });
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(chunks.length).toBeGreaterThan(300);
    expect(chunks.map((chunk) => chunk.text).join("")).toBe(
      `![x](data:image/png;base64,${base64})\n\nAfter.`,
    );
    for (const chunk of chunks) expect(chunk.tokens).toBeLessThanOrEqual(300);
  });
});

describe("chunkDocument: sizes, lines, overlap", () => {
  const document = mixedDocument();

  it.each([20, 64, 300])(
    "keeps every chunk within %i tokens, counted on its own text",
    (maxTokens) => {
      const chunks = chunkDocument(document, {
        maxTokens,
        overlapTokens: Math.floor(maxTokens / 6),
      });
      expect(chunks.length).toBeGreaterThan(3);
      for (const chunk of chunks) {
        expect(chunk.tokens).toBe(countTokens(chunk.text));
        expect(chunk.tokens).toBeLessThanOrEqual(maxTokens);
      }
    },
  );

  it("gives line ranges that hold exactly the chunk's text, and covers every line under a heading", () => {
    const chunks = chunkDocument(document, { maxTokens: 64, overlapTokens: 10 });
    const lines = document.text.split("\n");
    const covered = new Set<number>();
    const offsets = offsetsOf(document, chunks);
    for (const [k, chunk] of chunks.entries()) {
      const span = lines.slice(chunk.lineStart - 1, chunk.lineEnd).join("\n");
      const chunkLines = chunk.text.split("\n");
      expect(lines[chunk.lineStart - 1]).toContain(chunkLines[0]);
      expect(lines[chunk.lineEnd - 1]).toContain(chunkLines.at(-1));
      expect(span).toContain(chunk.text);
      expect(chunk.text.split("\n")).toHaveLength(chunk.lineEnd - chunk.lineStart + 1);
      const start = offsets[k] ?? -1;
      expect(start).toBeGreaterThanOrEqual(0);
      for (let i = start; i < start + chunk.text.length; i++) covered.add(i);
    }
    let offset = 0;
    for (const line of lines) {
      if (line.trim() !== "" && !line.startsWith("#")) {
        for (let i = 0; i < line.length; i++) {
          if (!/\s/.test(line[i] ?? "") && !covered.has(offset + i)) {
            throw new Error(`line "${line}" not covered at column ${i + 1}`);
          }
        }
      }
      offset += line.length + 1;
    }
  });

  // That nothing is repeated across a paragraph break is in "keeps a paragraph whole" above.
  it("repeats whole sentences, at most the overlap, where a paragraph is cut", () => {
    const text = Array.from({ length: 30 }, (_, i) => `Sentence number ${i} says one thing.`).join(
      " ",
    );
    const doc = markdown(text);
    const chunks = chunkDocument(doc, { maxTokens: 60, overlapTokens: 20 });
    expect(chunks.length).toBeGreaterThan(3);
    const offsets = offsetsOf(doc, chunks);
    for (let k = 1; k < chunks.length; k++) {
      const previous = chunks[k - 1] as Chunk;
      const previousEnd = (offsets[k - 1] ?? 0) + previous.text.length;
      const overlap = text.slice(offsets[k], previousEnd);
      expect(overlap.length).toBeGreaterThan(0);
      expect(previous.text.endsWith(overlap)).toBe(true);
      expect(overlap).toMatch(/^Sentence number \d+ .*thing\.$/);
      expect(countTokens(overlap)).toBeLessThanOrEqual(20);
    }
  });
});

describe("chunkDocument: ids", () => {
  it("gives the same chunks on every run", () => {
    const document = mixedDocument();
    expect(chunkDocument(document)).toEqual(chunkDocument(mixedDocument()));
  });

  it("makes an id of the path and the content hash", () => {
    const [chunk] = chunkDocument(markdown("Hello there.", "notes/a.md"));
    expect(chunk?.hash).toBe(createHash("sha256").update("Hello there.").digest("hex"));
    expect(chunk?.id).toBe(`notes/a.md#${chunk?.hash.slice(0, 16)}`);
  });

  it("keeps the ids of the other chunks when one paragraph changes", () => {
    const before = [
      "# One",
      "",
      "Sentence about alpha. ".repeat(30).trim(),
      "",
      "# Two",
      "",
      "A paragraph about beta that will change.",
      "",
      "Gamma stays the same in this paragraph.",
    ].join("\n");
    const after = before.replace("will change.", "has changed now, and is longer than it was.");
    const ids = (text: string) =>
      chunkDocument(markdown(text), { maxTokens: 40, overlapTokens: 10 }).map((c) => c.id);
    const [old, changed] = [ids(before), ids(after)];
    const removed = old.filter((id) => !changed.includes(id));
    expect(removed).toHaveLength(1);
    expect(changed.filter((id) => !old.includes(id))).toHaveLength(1);
    expect(old.length).toBeGreaterThan(4);
  });

  it("tells equal passages in one file apart", () => {
    const chunks = chunkDocument(markdown("# A\n\nSame text.\n\n# B\n\nSame text."));
    expect(chunks[0]?.hash).toBe(chunks[1]?.hash);
    expect(chunks[1]?.id).toBe(`${chunks[0]?.id}-2`);
  });
});

describe("chunkDocument: options", () => {
  it("refuses an overlap that is not below the chunk size, and a size below 1", () => {
    const document = markdown("text");
    expect(() => chunkDocument(document, { maxTokens: 50, overlapTokens: 50 })).toThrow(
      InvalidInputError,
    );
    expect(() => chunkDocument(document, { maxTokens: 0 })).toThrow(
      /chunk size must be a whole number of tokens/,
    );
  });
});
