import { dateStamp } from "@path/kit-cli";
import { describe, expect, it } from "vitest";
import { imageStem, slugify } from "./output-names.js";

describe("output names", () => {
  it("slugs prompts, keeping CJK and cutting at a word boundary", () => {
    expect(slugify("Chinese Dragon, cute — ANIME!")).toBe("chinese-dragon-cute-anime");
    expect(slugify("春节的红灯笼，舞龙")).toBe("春节的红灯笼-舞龙");
    expect(slugify("a very long prompt about lighthouses and storms at sea", 20)).toBe(
      "a-very-long-prompt",
    );
    expect(slugify("!!!")).toBe("image");
  });

  it("names a picture by date, prompt, index and seed", () => {
    const date = new Date(2026, 0, 31, 23, 59);
    expect(dateStamp(date)).toBe("2026-01-31");
    expect(imageStem("a fox", 2, 43, date)).toBe("2026-01-31-a-fox-2-seed43");
    expect(imageStem("a fox", 1, undefined, date)).toBe("2026-01-31-a-fox-1");
  });
});
