import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeText } from "../src/ingest/decode-text.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/docs/${name}`, import.meta.url));
const utf16le = (text: string) => Buffer.from(text, "utf16le");

describe("decodeText", () => {
  it("reads UTF-8 without a BOM as it is, with no note", () => {
    expect(decodeText(Buffer.from("检索 and 𠀀 🙂\n", "utf8"))).toEqual({
      text: "检索 and 𠀀 🙂\n",
      encoding: "utf-8",
      note: undefined,
    });
  });

  it("drops a UTF-8 BOM", () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("中文笔记", "utf8")]);
    expect(decodeText(bytes).text).toBe("中文笔记");
  });

  it("decodes UTF-16 little- and big-endian by their BOM and says so", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le("向量数据库 𠀀")]);
    const be = Buffer.from(
      Buffer.concat([Buffer.from([0xfe, 0xff]), utf16le("向量数据库 𠀀").swap16()]),
    );
    expect(decodeText(le)).toMatchObject({
      text: "向量数据库 𠀀",
      note: "decoded as UTF-16LE (BOM)",
    });
    expect(decodeText(be)).toMatchObject({
      text: "向量数据库 𠀀",
      note: "decoded as UTF-16BE (BOM)",
    });
  });

  it("detects a GBK file and decodes it as GB18030, with a note", () => {
    const decoded = decodeText(fixture("gbk-note.txt"));
    expect(decoded.text).toContain("检索增强生成是一种把搜索和大语言模型结合起来的方法。");
    expect(decoded.encoding).toBe("gb18030");
    expect(decoded.note).toBe("decoded as GB18030 (detected)");
  });

  it("detects a Big5 file (traditional Chinese), with a note", () => {
    const decoded = decodeText(fixture("big5-note.txt"));
    expect(decoded.text).toContain("檢索增強生成是一種把搜尋和大型語言模型結合起來的方法。");
    expect(decoded.encoding).toBe("big5");
    expect(decoded.note).toBe("decoded as Big5 (detected)");
  });

  // Too short for chardet's statistics alone (it reads the first two as windows-1251 and Big5).
  it.each([
    ["GBK", "c4e3bac3a3accac0bde7a1a3", "你好，世界。", "gb18030"],
    ["GBK", "bceccbf7d4f6c7bfc9fab3c9", "检索增强生成", "gb18030"],
    ["Big5", "bcc6bedaae77aabaafc1a4de", "數據庫的索引", "big5"],
    ["Big5", "b36fac4fa440add3b4fab8d5a143", "這是一個測試。", "big5"],
    [
      "Shift_JIS",
      "93fa967b8cea82cc8365834c8358836782c582b78142",
      "日本語のテキストです。",
      "shift_jis",
    ],
    ["EUC-KR", "c7d1b1b9beee20c5d8bdbac6aec0d4b4cfb4d92e", "한국어 텍스트입니다.", "euc-kr"],
    [
      "windows-1251",
      "cff0e8e2e5f22c20ece8f02120ddf2ee20f2e5f1f220eaeee4e8f0eee2eae82e",
      "Привет, мир! Это тест кодировки.",
      "windows-1251",
    ],
  ])("reads a one-line %s file (bytes %s) right", (_name, hex, text, encoding) => {
    expect(decodeText(Buffer.from(hex, "hex"))).toMatchObject({ text, encoding });
  });

  it("turns CRLF and lone CR into LF, keeping the line count", () => {
    expect(decodeText(Buffer.from("a\r\nb\rc\n", "utf8")).text).toBe("a\nb\nc\n");
  });

  it("reads bytes valid in no encoding it knows with U+FFFD and a note that says how to fix it", () => {
    const decoded = decodeText(Buffer.from([0x61, 0xff, 0xfe, 0xfd, 0x62, 0xc0]));
    expect(decoded.text.startsWith("a")).toBe(true);
    expect(decoded.note).toMatch(/save the file as UTF-8/);
  });
});
