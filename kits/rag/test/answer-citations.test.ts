import { describe, expect, it } from "vitest";
import { CitationFilter, checkCitations } from "../src/answer/citations.js";

describe("citations", () => {
  it("keeps citations that point to a passage and drops the numbers that point nowhere", () => {
    expect(checkCitations("A [1]. B [2][7]. C [1, 3].", 2)).toEqual({
      text: "A [1]. B [2]. C [1].",
      cited: [1, 2],
      dropped: [7, 3],
    });
    expect(checkCitations("见【2】和[0]。", 3)).toEqual({
      text: "见【2】和。",
      cited: [2],
      dropped: [0],
    });
  });

  it("leaves brackets that are not citations alone, even when split across pieces", () => {
    const filter = new CitationFilter(2);
    const pieces = ["a [see", " above] b [", "[1", "] c [x] d [", "2]"];
    const shown = pieces.map((piece) => filter.push(piece)).join("") + filter.end();
    expect(shown).toBe("a [see above] b [[1] c [x] d [2]");
    expect([...filter.cited]).toEqual([1, 2]);
  });

  it("holds back a possible citation until it ends, and gives it back at the end of the answer", () => {
    const filter = new CitationFilter(5);
    expect(filter.push("rank 8 [")).toBe("rank 8 ");
    expect(filter.push("3")).toBe("");
    expect(filter.end()).toBe("[3");
    expect(filter.cited.size).toBe(0);
  });
});
