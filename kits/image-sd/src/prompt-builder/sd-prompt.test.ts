import { describe, expect, it } from "vitest";
import { applyWeight, buildPrompt } from "./sd-prompt.js";

describe("buildPrompt", () => {
  it("orders quality, subject, style, lighting, camera and extra tags", () => {
    expect(
      buildPrompt({
        subject: "a cat",
        style: "anime",
        lighting: "soft",
        camera: "close-up",
        extra: "sakura",
        negative: "none",
      }),
    ).toEqual({
      prompt:
        "masterpiece, best quality, highly detailed, a cat, anime style, cel shading, vibrant colors, clean line art, soft diffused lighting, overcast, close-up shot, sakura",
      negativePrompt: "",
    });
  });

  it("takes your own words where no preset matches", () => {
    const built = buildPrompt({
      subject: "a cat",
      style: "ukiyo-e woodblock print",
      quality: "none",
      negative: "dogs",
    });
    expect(built).toEqual({ prompt: "a cat, ukiyo-e woodblock print", negativePrompt: "dogs" });
  });
});

describe("applyWeight", () => {
  it("wraps a whole English word, or a Chinese word inside a phrase", () => {
    expect(applyWeight("a cat on a catalog", "cat:1.4")).toBe("a (cat:1.4) on a catalog");
    expect(applyWeight("中国龙, 春节", "龙:1.2")).toBe("中国(龙:1.2), 春节");
    expect(applyWeight("a fox", "lantern")).toBe("a fox, (lantern:1.1)");
  });

  it("does not wrap a word twice", () => {
    expect(applyWeight("(cat:1.2), a cat", "cat:1.3")).toBe("(cat:1.2), a (cat:1.3)");
  });
});
