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
  });
});
