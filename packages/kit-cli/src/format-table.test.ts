import { describe, expect, it } from "vitest";
import { formatTable } from "./format-table.js";

describe("formatTable", () => {
  it("pads columns by terminal columns, so CJK and emoji cells line up", () => {
    const table = formatTable(
      [
        ["水墨 Ink Wash", "LORA", "1.2M"],
        ["Pixel Art XL", "LORA", "980"],
        ["🦊 Fox", "Checkpoint", "12k"],
      ],
      { header: ["name", "type", "downloads"] },
    );
    expect(table.split("\n")).toEqual([
      "name           type        downloads",
      "水墨 Ink Wash  LORA        1.2M",
      "Pixel Art XL   LORA        980",
      "🦊 Fox         Checkpoint  12k",
    ]);
  });

  it("cuts cells past maxCellWidth except in the last column", () => {
    const table = formatTable([["生成式人工智能", "a long last column stays whole"]], {
      maxCellWidth: 9,
    });
    expect(table).toBe("生成式人…  a long last column stays whole");
  });

  it("draws a ruled table with right-aligned columns", () => {
    const table = formatTable(
      [
        ["a", "生成式 AI", "1"],
        ["bb", "short", "10"],
      ],
      {
        header: ["model", "answer", "s"],
        columns: [{}, { flexible: true }, { alignRight: true }],
        separator: " │ ",
        rule: true,
        totalWidth: 80,
      },
    );
    expect(table.split("\n")).toEqual([
      "model │ answer    │  s",
      "──────┼───────────┼───",
      "a     │ 生成式 AI │  1",
      "bb    │ short     │ 10",
    ]);
  });

  it("fits the flexible column into the width left: one line cut with …, or wrapped", () => {
    const answer = "生成式人工智能\n能写文章、画图和作曲，也会犯错。";
    const options = {
      header: ["model", "answer"],
      columns: [{}, { flexible: true }],
      separator: " │ ",
      totalWidth: 30,
    };
    expect(formatTable([["m", answer]], options).split("\n")).toEqual([
      "model │ answer",
      "m     │ 生成式人工智能 能写文…",
    ]);
    expect(formatTable([["m", answer]], { ...options, wrapRow: () => true }).split("\n")).toEqual([
      "model │ answer",
      "m     │ 生成式人工智能",
      "      │ 能写文章、画图和作曲，",
      "      │ 也会犯错。",
    ]);
  });
});
