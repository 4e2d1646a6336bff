import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type FakeServer, startFakeOpenAI } from "@path/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir, openAIEnv, processTimeout, runCli } from "./run-cli.js";

let openai: FakeServer;
beforeAll(async () => {
  openai = await startFakeOpenAI();
});
afterAll(() => openai.close());

const model = ["--model", "openai:gpt-4o-mini"];
type Body = { messages: { role: string; content: string }[] };
/** The messages of the request whose last message contains `text`. */
function sentWith(text: string) {
  const request = openai.requests.find((entry) =>
    (entry.body as Body | undefined)?.messages?.at(-1)?.content.includes(text),
  );
  return (request!.body as Body).messages;
}

describe.concurrent("prompt", { timeout: processTimeout }, () => {
  it("fills a template into the system prompt and sends the user's text", async () => {
    const text = "今天天气真好，我们去爬山吧";
    const result = await runCli(
      ["prompt", "translator", ...model, "--var", "language=English", "--var", "colour=blue", text],
      { env: openAIEnv(openai.url) },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`Echo: ${text}\n`);
    expect(result.stderr).toContain(
      "warning: translator has no {{colour}}; --var colour is unused",
    );
    expect(result.stderr).toMatch(/^openai:gpt-4o-mini · /m);
    const [system, user] = sentWith(text);
    expect(system?.role).toBe("system");
    expect(system?.content).toMatch(/^# Role: Translator/);
    expect(system?.content).toContain("Translates any text into English");
    expect(system?.content).toContain("Keep the tone natural."); // {{tone|natural}}'s default
    expect(system?.content).not.toMatch(/\{\{|Initialization/);
    expect(user).toEqual({ role: "user", content: text });
  });

  it("lists every missing variable and how to pass it (exit 2)", async () => {
    const result = await runCli(["prompt", "xiaohongshu", ...model], {
      env: openAIEnv(openai.url),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "error: xiaohongshu needs a value for {{topic}}: add --var topic=...\n",
    );
  });

  it("uses your own template file, Chinese variable names, and the Initialization as the opening message", async () => {
    const folder = await makeTempDir();
    await writeFile(
      join(folder, "poet.md"),
      "# Role: 诗人\n\n## Rules\n- 写关于{{主题}}的诗，风格{{风格|豪放}}\n\n## Initialization\n请以「{{主题}}」为题写一首五言绝句。\n",
    );
    const result = await runCli(["prompt", "./poet.md", ...model, "--var", "主题=长江"], {
      cwd: folder,
      env: openAIEnv(openai.url),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("Echo: 请以「长江」为题写一首五言绝句。\n");
    const [system] = sentWith("请以「长江」为题");
    expect(system?.content).toBe("# Role: 诗人\n\n## Rules\n- 写关于长江的诗，风格豪放");
  });

  it("reads the user's text from stdin and prints JSON with --json", async () => {
    const result = await runCli(["prompt", "code-reviewer", ...model, "--json"], {
      env: openAIEnv(openai.url),
      input: "function add(a, b) { return a - b }\n",
    });
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output).toMatchObject({
      text: "Echo: function add(a, b) { return a - b }",
      template: "code-reviewer",
      provider: "openai",
    });
    expect(output.system).toContain("Code Reviewer");
  });

  it("lists and shows the built-in templates, and names them when one is unknown", async () => {
    const [list, show, unknown] = await Promise.all([
      runCli(["prompt", "list"]),
      runCli(["prompt", "show", "study-tutor"]),
      runCli(["prompt", "translater", ...model]),
    ]);
    expect(list.code).toBe(0);
    for (const name of ["code-reviewer", "study-tutor", "translator", "xiaohongshu"]) {
      expect(list.stdout).toMatch(new RegExp(`^${name} `, "m"));
    }
    expect(list.stdout).toContain("variables: language, tone=natural");
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^# Role: 学习导师\n/);
    expect(show.stderr).toContain("variables: subject, level=高中生");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /^error: no built-in template "translater"; built-in: code-reviewer, study-tutor, translator, xiaohongshu/,
    );
  });
});
