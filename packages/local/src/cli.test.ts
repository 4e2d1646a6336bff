import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type FakeHub,
  type KitCliResult,
  makeTinyGguf,
  type RunKitCliOptions,
  runKitCli,
  startFakeHub,
  type TinyGgufInfo,
} from "@path/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const cliPath = new URL("./cli.ts", import.meta.url).pathname;
const packageFolder = new URL("..", import.meta.url).pathname;
let folder: string;
let tiny: TinyGgufInfo;
let hub: FakeHub;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "local-cli-"));
  tiny = await makeTinyGguf(join(folder, "tiny.gguf"));
  hub = await startFakeHub({
    files: { "owner/tiny-GGUF/tiny-q8_0.gguf": await readFile(tiny.path) },
  });
});
afterAll(async () => {
  await hub.close();
  await rm(folder, { recursive: true, force: true });
});

/** Runs `npm run local -- <args>` as npm would: in the package, INIT_CWD where the person typed. */
function runCli(args: string[], options: Partial<RunKitCliOptions> = {}): Promise<KitCliResult> {
  return runKitCli(args, {
    entry: cliPath,
    cwd: packageFolder,
    initCwd: folder,
    ...options,
    env: { GENAI_CACHE_DIR: join(folder, "cache"), HF_ENDPOINT: hub.url, ...options.env },
  });
}

describe("npm run local", () => {
  it("pulls from the hub with progress on stderr, then lists and describes the model", async () => {
    const pulled = await runCli(["pull", "hf:owner/tiny-GGUF:Q8_0"]);
    expect(pulled).toMatchObject({
      code: 0,
      stdout: `${join(folder, "cache", "hf", "owner", "tiny-GGUF", "tiny-q8_0.gguf")}\n`,
    });
    expect(pulled.stderr).toMatch(/100%\s+682 KB \/ 682 KB/);

    const listed = await runCli(["models", "list"]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/hf:owner\/tiny-GGUF\/tiny-q8_0\.gguf\s+682 KB\s+downloaded/);

    const described = await runCli(["info", "hf:owner/tiny-GGUF:Q8_0", "--json"]);
    expect(described.code).toBe(0);
    expect(JSON.parse(described.stdout)).toMatchObject({
      architecture: "llama",
      parameters: tiny.parameters,
      hasChatTemplate: true,
    });
  });

  it("reports a file that is not GGUF in one line with exit code 1", async () => {
    await writeFile(join(folder, "notes.gguf"), "just some notes");
    const result = await runCli(["info", "notes.gguf"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: ${join(folder, "notes.gguf")} is not a GGUF model file: it starts with "just" instead of "GGUF".\n`,
    );
  });

  it("exits with 2 on a usage mistake, pointing to the command's help", async () => {
    const result = await runCli(["pull", "--fast"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("error: unknown option --fast (see --help)\n");
    const help = await runCli(["pull", "--help"]);
    expect(help).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Usage: npm run local -- pull/),
    });
  });

  it("suggests the command or flag nearest to a typo (exit 2)", async () => {
    const command = await runCli(["pul", "qwen2.5-0.5b-instruct"]);
    expect(command.code).toBe(2);
    expect(command.stderr).toBe(
      'error: unknown command "pul"; did you mean "pull"? the commands are models, pull, rm, gpu, info\n',
    );
    const flag = await runCli(["models", "list", "--jsn"]);
    expect(flag).toMatchObject({
      code: 2,
      stderr: "error: unknown option --jsn; did you mean --json? (see --help)\n",
    });
  });

  it("stops a download on Ctrl-C with exit 130, keeping the part for next time", async () => {
    const slowHub = await startFakeHub({
      files: { "owner/slow-GGUF/slow-q8_0.gguf": await readFile(tiny.path) },
      bytesPerSecond: 64 * 1024,
    });
    try {
      const env = { GENAI_CACHE_DIR: join(folder, "slow-cache"), HF_ENDPOINT: slowHub.url };
      let pressed = false;
      const result = await runCli(["pull", "hf:owner/slow-GGUF/slow-q8_0.gguf"], {
        env,
        onStderr: (stderr, child) => {
          if (pressed || !stderr.includes("downloading")) return;
          pressed = true;
          child.kill("SIGINT");
        },
      });
      expect(result).toMatchObject({ code: 130, stdout: "" });
      expect(result.stderr).toMatch(/cancelled\n$/);
      const listed = await runCli(["models", "list"], { env });
      expect(listed.stdout).toMatch(/hf:owner\/slow-GGUF\/slow-q8_0\.gguf\s+\d+ KB\s+partial/);
    } finally {
      await slowHub.close();
    }
  });
});
