import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeTinyGguf } from "@path/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const packageFolder = new URL("..", import.meta.url).pathname;
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "llama-runtime-"));
  const tiny = await makeTinyGguf(join(folder, "tiny.gguf"));
  // A header llama.cpp reads but refuses (rope dimension ≠ head size): it logs errors and warnings.
  const broken = Buffer.from(await readFile(tiny.path));
  const key = broken.indexOf("llama.rope.dimension_count");
  broken.writeUInt32LE(7, key + "llama.rope.dimension_count".length + 4);
  await writeFile(join(folder, "broken.gguf"), broken);
});
afterAll(() => rm(folder, { recursive: true, force: true }));

/** Runs `script` as an app's own file in a fresh Node process and returns what it printed. */
async function runScript(
  script: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const file = join(folder, "app.mts");
  await writeFile(file, script);
  const child = spawn(process.execPath, ["--conditions=@path/source", "--import", "tsx", file], {
    cwd: packageFolder,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

const moduleUrl = (path: string) => JSON.stringify(new URL(path, import.meta.url).href);

describe("the llama.cpp runtime", () => {
  it("prints nothing itself: llama.cpp's warnings arrive as notice events, its errors in the error", {
    // A fresh Node process that starts tsx and loads llama.cpp: on a busy 2-core box, over 30 s.
    timeout: 120_000,
  }, async () => {
    const result = await runScript(`
      import { onEvent } from ${moduleUrl("../../core/src/index.ts")};
      import { createLocalProvider } from ${moduleUrl("./local-provider.ts")};
      const notices = [];
      onEvent((event) => event.type === "notice" && notices.push({ job: event.job, modelId: event.modelId, message: event.message }));
      const local = createLocalProvider({ threads: 1, download: false });
      const ask = { messages: [{ role: "user", content: "hi" }], maxOutputTokens: 2 };
      const error = await local.textModel(${JSON.stringify(join(folder, "broken.gguf"))}).doGenerate(ask).catch((caught) => caught.message);
      await local.embeddingModel(${JSON.stringify(join(folder, "tiny.gguf"))}).doEmbed({ values: ["hello"] });
      process.stdout.write(JSON.stringify({ error, notices }));
    `);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const { error, notices } = JSON.parse(result.stdout) as {
      error: string;
      notices: { job: string; modelId: string; message: string }[];
    };
    expect(error).toMatch(
      /llama\.cpp could not load .*broken\.gguf.*llama\.cpp said: .*invalid n_rot/,
    );
    for (const notice of notices)
      expect(notice.message).toMatch(/^(llama\.cpp: |This machine has)/);
    expect(notices).toContainEqual({
      job: "text",
      modelId: "broken.gguf",
      message: expect.stringMatching(/^llama\.cpp: Failed simulating model resource usage/),
    });
  });
});
