import { describe, expect, it } from "vitest";
import { displayWidth, padToWidth, truncateToWidth, wrapToWidth } from "./display-width.js";

describe("display width", () => {
  it("counts CJK, full-width forms and emoji as two columns, a composed character once", () => {
    expect(displayWidth("AI 生成")).toBe(7);
    expect(displayWidth("한국어")).toBe(6);
    expect(displayWidth("ＡＢ")).toBe(4);
    expect(displayWidth("𠀋")).toBe(2); // CJK Extension B, outside the BMP
    expect(displayWidth("🦊")).toBe(2);
    expect(displayWidth("👨‍👩‍👧")).toBe(2);
    expect(displayWidth("é")).toBe(1); // e + combining accent
    expect(displayWidth("© 2026")).toBe(6);
  });

  it("gives zero-width spaces, joiners and combining marks no column", () => {
    expect(displayWidth("a\u200bb")).toBe(2); // zero-width space
    expect(displayWidth("\ufeffAI")).toBe(2); // byte-order mark
    expect(displayWidth("a\u0301\u0302")).toBe(1); // two combining marks on one letter
    expect(displayWidth("\u0301")).toBe(0); // a combining mark on its own
    expect(displayWidth("e\u0301 生成")).toBe(6);
  });

  it("skips ANSI colour codes and terminal links", () => {
    expect(displayWidth("\x1b[2m生成\x1b[22m")).toBe(4);
    expect(displayWidth("\x1b]8;;https://example.com\x07link\x1b]8;;\x07")).toBe(4);
    expect(padToWidth("\x1b[31mred\x1b[39m", 5)).toBe("\x1b[31mred\x1b[39m  ");
    expect(truncateToWidth("\x1b[31mabcdef\x1b[39m", 4)).toBe("\x1b[31mabc…");
  });

  it("counts a tab up to the next multiple of 8 columns, as a terminal does", () => {
    expect(displayWidth("\t")).toBe(8);
    expect(displayWidth("ab\tc")).toBe(9);
    expect(displayWidth("生成\t")).toBe(8);
    expect(displayWidth("\x1b[1mab\x1b[22m\tc")).toBe(9);
    expect(displayWidth("12345678\t")).toBe(16);
  });

  it("pads to a width, on either side", () => {
    expect(padToWidth("生成", 6)).toBe("生成  ");
    expect(padToWidth("10", 4, { alignRight: true })).toBe("  10");
    expect(padToWidth("longer", 3)).toBe("longer");
  });

  it("cuts with … only when the text does not fit", () => {
    expect(truncateToWidth("生成式人工智能", 9)).toBe("生成式人…");
    expect(truncateToWidth("生成式人工智能", 8)).toBe("生成式…");
    expect(truncateToWidth("short", 5)).toBe("short");
  });

  it("wraps each line where it is full", () => {
    expect(wrapToWidth("生成式人工智能", 6)).toEqual(["生成式", "人工智", "能"]);
    expect(wrapToWidth("ab\ncdef", 3)).toEqual(["ab", "cde", "f"]);
    expect(wrapToWidth("🦊🦊🦊", 5)).toEqual(["🦊🦊", "🦊"]);
    expect(wrapToWidth("生成", 1)).toEqual(["生", "成"]); // a character wider than the line
  });

  it("cuts and pads emoji sequences whole", () => {
    expect(truncateToWidth("👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧", 5)).toBe("👨‍👩‍👧👨‍👩‍👧…");
    expect(padToWidth("🇨🇳", 4)).toBe("🇨🇳  ");
  });
});
