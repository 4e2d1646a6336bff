/** ingest → ask with no key at all: the embedded local provider on a tiny synthesised model (mechanics only). */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { makeTinyGguf, runKitCli } from "@path/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notes } from "./cli-helpers.js";
import { writeFiles } from "./index-fixtures.js";

const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const kit = fileURLToPath(new URL("..", import.meta.url));
let folder = "";
let env: Record<string, string> = {};

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "rag-embedded-"));
  const model = await makeTinyGguf(join(folder, "tiny.gguf"));
  await writeFiles(join(folder, "notes"), notes);
  env = {
    GENAI_LOCAL_MODEL: model.path,
    GENAI_CACHE_DIR: join(folder, "cache"),
    GENAI_LOCAL_THREADS: "1",
  };
});
afterAll(() => rm(folder, { recursive: true, force: true }));

const run = (args: string[]) => runKitCli(args, { entry: cli, cwd: kit, initCwd: folder, env });

describe("rag CLI with no provider configured", { timeout: 180_000 }, () => {
  it("ingests and answers with the embedded models, saying so", async () => {
    const ingested = await run(["ingest", "notes"]);
    expect(ingested.code, ingested.stderr).toBe(0);
    expect(ingested.stderr).toMatch(
      /no provider is configured for embed, so the embedded local model runs in this process/,
    );
    expect(ingested.stdout).toMatch(/3 files read \(3 new, 0 changed\).* · local:/);
    const asked = await run(["ask", "What does LoRA train?", "--json"]);
    expect(asked.code, asked.stderr).toBe(0);
    const json = JSON.parse(asked.stdout);
    expect(json.model).toMatch(/^local:/);
    expect(json.sources.length).toBeGreaterThan(0);
    expect(typeof json.answer).toBe("string");
  });
});
