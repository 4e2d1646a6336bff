import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { type FakeServer, startFakeOpenAI } from "@path/testing";
import { afterAll, describe, expect, it } from "vitest";
import { makeTempDir, openAIEnv, processTimeout, runCli } from "./run-cli.js";

const fakes: FakeServer[] = [];
async function fake() {
  const server = await startFakeOpenAI();
  fakes.push(server);
  return server;
}
afterAll(() => Promise.all(fakes.map((server) => server.close())));

type Body = { messages: { role: string; content: string }[] };
const model = ["--model", "openai:gpt-4o-mini"];

describe.concurrent("chat", { timeout: processTimeout }, () => {
  it("answers piped lines with history, handles /system, /model, /save and /clear, and suggests a mistyped command", async () => {
    const server = await fake();
    const folder = await makeTempDir();
    const lines = [
      "你好，我叫小明",
      "/system 你是一位耐心的老师",
      "我叫什么名字？",
      "/model opnai:gpt-4o-mini",
      "/save",
      "/save notes",
      "/save notes",
      "/clear",
      "after the clear",
      "/unknown",
      "/sytem be brief",
    ];
    const result = await runCli(["chat", ...model], {
      cwd: folder,
      env: openAIEnv(server.url),
      input: `${lines.join("\n")}\n`,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      "Echo: 你好，我叫小明\nEcho: 我叫什么名字？\nEcho: after the clear\n",
    );

    // History: the second question carries the first turn and the new system prompt;
    // after /clear only the new question goes out.
    const sent = server.requests.map((request) => (request.body as Body).messages);
    expect(sent[1]).toEqual([
      { role: "system", content: "你是一位耐心的老师" },
      { role: "user", content: "你好，我叫小明" },
      { role: "assistant", content: "Echo: 你好，我叫小明" },
      { role: "user", content: "我叫什么名字？" },
    ]);
    expect(sent[2]).toEqual([
      { role: "system", content: "你是一位耐心的老师" },
      { role: "user", content: "after the clear" },
    ]);

    expect(result.stderr).toContain('Did you mean "openai"?');
    expect(result.stderr).toContain("unknown command /unknown; /help lists them");
    expect(result.stderr).toContain(
      "unknown command /sytem; did you mean /system? /help lists them",
    );
    expect(result.stderr).toMatch(/already exists; nothing was overwritten/);
    const files = (await readdir(join(folder, "output"))).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^chat-\d{4}-\d{2}-\d{2}-\d{4}\.md$/);
    expect(files[1]).toBe("notes.md");
    const saved = await readFile(join(folder, "output", "notes.md"), "utf8");
    expect(saved).toContain("- system: 你是一位耐心的老师");
    expect(saved).toContain("## You\n\n我叫什么名字？");
    expect(saved).toContain("## Assistant · openai:gpt-4o-mini\n\nEcho: 我叫什么名字？");
  });

  it("Ctrl-C cancels the answer being written, keeps it marked as cut, and the chat goes on", async () => {
    const server = await fake();
    server.inject({ frameDelayMs: 300 });
    const folder = await makeTempDir();
    let interrupted = false;
    let continued = false;
    const result = await runCli(["chat", ...model], {
      cwd: folder,
      env: openAIEnv(server.url),
      onStdout: (stdout, child) => {
        if (!interrupted && stdout.includes("Echo")) {
          interrupted = true;
          child.kill("SIGINT");
        }
      },
      // The rest of the conversation arrives only once the chat has reported the interrupt.
      onStderr: (stderr, child) => {
        if (!interrupted || continued || !stderr.includes("cancelled")) return;
        continued = true;
        child.stdin?.end("second question\n/save cut.md\n");
      },
      keepStdinOpen: true,
      input: "one two three four five six seven eight nine ten\n",
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Echo[^\n]*\nEcho: second question\n$/);
    expect(result.stdout).not.toContain("ten");
    expect(result.stderr).toContain("cancelled");
    const saved = await readFile(join(folder, "output", "cut.md"), "utf8");
    expect(saved).toMatch(/## Assistant · openai:gpt-4o-mini\n\nEcho[^\n]*\n\n\[answer cut off\]/);
    expect(saved).toContain("Echo: second question");
    const second = (server.requests[1]!.body as Body).messages;
    expect(second.at(-2)?.content).toMatch(/\[answer cut off\]$/);
  });
});
