import { describe, expect, it } from "vitest";
import { sizeForAspectRatio } from "./image-size-options.js";

const sized = (ratio: string, step: number) => {
  const size = sizeForAspectRatio(ratio, { step });
  return { size: `${size.width}x${size.height}`, warned: size.warning !== undefined };
};

describe("sizeForAspectRatio", () => {
  it.each([
    ["3:2", 8, "1248x832"],
    ["2:3", 8, "832x1248"],
    ["16:9", 8, "1408x792"],
    ["1:1", 8, "1024x1024"],
    ["21:9", 8, "1568x672"],
    ["3:2", 64, "1344x896"],
    ["2:3", 64, "896x1344"],
    ["1:1", 64, "1024x1024"],
    ["21:9", 64, "1792x768"],
    ["3:4", 64, "960x1280"],
  ])("gives exactly %s at step %i: %s, with no warning", (ratio, step, expected) => {
    expect(sized(ratio, step)).toEqual({ size: expected, warned: false });
    const [width, height] = expected.split("x").map(Number) as [number, number];
    const [across, down] = ratio.split(":").map(Number) as [number, number];
    expect(width * down).toBe(height * across);
    expect((width % step) + (height % step)).toBe(0);
  });

  it("gives the nearest size, and a warning naming it, where the step allows no exact size near 1 megapixel", () => {
    const wide = sizeForAspectRatio("16:9", { step: 64 });
    expect(wide).toMatchObject({ width: 1344, height: 768 });
    expect(wide.warning).toEqual({
      type: "other",
      setting: "aspectRatio",
      message:
        "16:9 cannot be made exactly near 1.0 megapixels with sides in steps of 64 pixels; using the nearest size, 1344x768 (1.75:1 instead of 1.778:1).",
    });
    const cinema = sizeForAspectRatio("2.39:1", { step: 8 });
    expect(cinema).toMatchObject({ width: 1584, height: 664 });
    expect(cinema.warning?.message).toMatch(/1584x664 \(2.386:1 instead of 2.39:1\)/);
  });

  it("uses steps of 64 when the model names none", () => {
    expect(sizeForAspectRatio("3:2")).toEqual({ width: 1344, height: 896 });
  });
});
