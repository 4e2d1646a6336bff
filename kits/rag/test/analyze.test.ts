import { describe, expect, it } from "vitest";
import { analyze } from "../src/retrieval/analyze.js";
import { words } from "../src/retrieval/english.js";

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("analyze: English", () => {
  it("lowercases, drops Lucene's stop words and possessive 's, and Porter-stems", () => {
    expect(analyze("The owner's cats were running into THE walls")).toEqual([
      "owner",
      "cat",
      "were",
      "run",
      "wall",
    ]);
  });

  it("keeps UAX #29 words whole: Node.js, 3.5, don't", () => {
    expect(analyze("Node.js 3.5 don't")).toEqual(["node.j", "3.5", "don't"]);
  });

  it("gives the same stem to inflected forms, so a query finds them", () => {
    expect(analyze("indexing indexed indexes")).toEqual(["index", "index", "index"]);
  });
});

describe("words: the ASCII fast path", () => {
  const segmenter = new Intl.Segmenter("en", { granularity: "word" });
  const icuWords = (text: string) =>
    [...segmenter.segment(text)].filter((piece) => piece.isWordLike).map((piece) => piece.segment);

  it("finds exactly the words Intl.Segmenter finds, on 20,000 random ASCII strings", () => {
    const alphabet = "aZq09_.,;:'- \n\t!\"#$%&()*+/<=>?@[\\]^`{|}~";
    let state = 12345;
    const next = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 2 ** 32;
    };
    const differences: string[] = [];
    for (let n = 0; n < 20_000; n++) {
      let text = "";
      const length = 1 + Math.floor(next() * 16);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      if (JSON.stringify(words(text)) !== JSON.stringify(icuWords(text)))
        differences.push(JSON.stringify(text));
    }
    expect(differences.slice(0, 5)).toEqual([]);
  });

  it("agrees on the cases that matter for English prose", () => {
    for (const text of [
      "U.S.A. e-mail 1,000.5 x2 don't re:Invent snake_case __init__ 3;4 a.1 1.a",
    ]) {
      expect(words(text)).toEqual(icuWords(text));
    }
    expect(words("Müller’s café")).toEqual(icuWords("Müller’s café")); // not ASCII: Intl.Segmenter itself
  });
});

describe("analyze: Chinese and Japanese", () => {
  it("emits dictionary words and the overlapping bigrams of each Han run", () => {
    const terms = analyze("向量数据库");
    expect(terms).toEqual(expect.arrayContaining(["向量", "数据", "库"])); // words
    expect(terms).toEqual(expect.arrayContaining(["量数", "据库"])); // bigrams
  });

  it("makes 数据库 match 向量数据库 through the bigram 据库 too", () => {
    const documentTerms = new Set(analyze("向量数据库支持近似最近邻搜索"));
    const queryTerms = analyze("数据库");
    expect(queryTerms).toContain("据库");
    expect(queryTerms.every((term) => documentTerms.has(term))).toBe(true);
  });

  it("breaks runs at punctuation: no bigram spans a comma", () => {
    expect(analyze("数据，库")).not.toContain("据库");
  });

  it("keeps a surrogate pair (CJK Ext-B) whole, alone and in bigrams", () => {
    const terms = analyze("𠀀𠀁字");
    expect(terms).toEqual(expect.arrayContaining(["𠀀", "𠀀𠀁", "𠀁字"]));
    expect(terms.filter((term) => loneSurrogate.test(term))).toEqual([]);
  });

  it("keeps Latin words and numbers inside Chinese text whole, English-analysed", () => {
    const terms = analyze("用 Node.js 20 做 BM25 检索，价格3.5元");
    expect(terms).toEqual(
      expect.arrayContaining(["node.j", "20", "bm25", "3.5", "检索", "价格", "元"]),
    );
  });

  it("folds full-width Latin and digits and half-width katakana (Lucene's CJKWidthFilter)", () => {
    expect(analyze("ＢＭ２５检索")).toEqual(analyze("BM25检索"));
    expect(analyze("ﾃﾞｰﾀﾍﾞｰｽ")).toEqual(analyze("データベース"));
    expect(analyze("ＢＭ２５检索")).toContain("bm25");
  });

  it("segments Japanese with the Japanese dictionary (kana present)", () => {
    expect(analyze("日本語を勉強します")).toEqual(
      expect.arrayContaining(["日本語", "勉強", "日本", "本語"]),
    );
  });

  it("segments a long run without punctuation in pieces and still bigrams all of it", () => {
    const run = "向量数据库".repeat(100); // 500 characters, no punctuation
    const terms = analyze(run);
    const count = (wanted: string) => terms.filter((term) => term === wanted).length;
    expect(count("据库")).toBe(100);
    expect(count("库向")).toBe(99); // includes the bigrams across the 200-character piece ends
  });
});
