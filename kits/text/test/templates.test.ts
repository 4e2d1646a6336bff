import { describe, expect, it } from "vitest";
import {
  describe as describeTemplate,
  render,
  splitInitialization,
  variablesOf,
} from "../src/templates.js";

const template = `# Role: 诗人

## Profile
- Description: 写关于{{主题}}的诗

## Rules
- 风格{{ 风格 | 豪放 }}，写给{{主题}}

## Initialization
请以「{{主题}}」为题写诗。

## Notes
kept`;

describe("templates", () => {
  it("finds each variable once, with its default", () => {
    expect(variablesOf(template)).toEqual([
      { name: "主题", defaultValue: undefined },
      { name: "风格", defaultValue: "豪放" },
    ]);
  });

  it("fills values and defaults, and reports missing and unused names", () => {
    expect(render(template, { 颜色: "红" })).toMatchObject({ missing: ["主题"], unused: ["颜色"] });
    const { text, missing } = render(template, { 主题: "长江", 风格: "婉约" });
    expect(missing).toEqual([]);
    expect(text).toContain("- 风格婉约，写给长江");
    expect(text).not.toContain("{{");
  });

  it("splits the Initialization section off as the opening message", () => {
    const { system, initialization } = splitInitialization(render(template, { 主题: "长江" }).text);
    expect(initialization).toBe("请以「长江」为题写诗。");
    expect(system).toContain("## Rules");
    expect(system).toContain("## Notes\nkept");
    expect(system).not.toContain("Initialization");
    expect(splitInitialization("# Role: x\n\nbe nice")).toEqual({ system: "# Role: x\n\nbe nice" });
  });

  it("describes a template by its Description line, else its Role", () => {
    expect(describeTemplate(template)).toBe("写关于{{主题}}的诗");
    expect(describeTemplate("# Role：翻译官\n")).toBe("翻译官");
  });
});
