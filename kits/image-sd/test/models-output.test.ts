/** What `models search|show|--help` print, and how errors look, run in-process against a fake Civitai. */
import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runModels } from "../src/quests/models.js";
import { useFakeCivitai } from "./civitai-fake.js";

const fakes = useFakeCivitai("models-output-");

beforeEach(() => {
  vi.stubEnv("CIVITAI_BASE_URL", fakes.civitai.url);
  vi.stubEnv("CIVITAI_TOKEN", "");
  vi.stubEnv("INIT_CWD", fakes.folder);
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** Runs `models …` in this process, collecting what it writes. */
async function models(...args: string[]) {
  let stdout = "";
  let stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await runModels(args);
    return { code, stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

describe("models search", () => {
  it("prints a table with version ids and sizes, CJK names aligned", async () => {
    const result = await models("search", "--sort", "Most Downloaded", "--limit", "5");
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^name\s+type\s+base model\s+version\s+downloads\s+size$/);
    expect(lines[1]).toMatch(/^EasyNegative\s+TextualInversion\s+SD 1\.5\s+9208\s+1\.9M\s+24 KB$/);
    expect(lines).toHaveLength(6);
    expect(result.stdout).not.toContain("After Dark"); // NSFW stays out by default
    const ink = lines.find((line) => line.startsWith("Ink Wash"))!;
    const pixel = lines.find((line) => line.startsWith("Pixel Art XL"))!;
    // 水墨 takes four terminal columns, so the type column lines up with two fewer characters.
    expect(ink.indexOf("LORA") + 2).toBe(pixel.indexOf("LORA"));
    expect(result.stderr).toContain("models get <version>");
    expect(fakes.civitai.api.requests[0]?.query).toMatchObject({
      sort: "Most Downloaded",
      limit: "5",
      nsfw: "false",
    });
  });

  it("filters by type and base model and prints JSON", async () => {
    const result = await models("search", "--type", "lora", "--base-model", "sdxl", "--json");
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout) as { items: { name: string; versionId: number }[] };
    expect(body.items).toEqual([
      expect.objectContaining({ name: "Pixel Art XL", versionId: 135931 }),
    ]);
    expect(fakes.civitai.api.requests[0]?.query).toMatchObject({
      types: "LORA",
      baseModels: "SDXL 1.0",
    });
  });

  it("says how to get the next page", async () => {
    const result = await models("search", "--limit", "2");
    expect(result.stderr).toContain("more results: add --cursor 2");
  });

  it("refuses a wrong flag with exit code 2", async () => {
    const result = await models("search", "--type", "loar");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: unknown model type "loar"; use one of: checkpoint, lora/,
    );
    expect((await models("search", "--colour")).stderr).toBe(
      "error: unknown option --colour (see --help)\n",
    );
  });

  it("shows Civitai's message when it rejects a filter", async () => {
    const result = await models("search", "--base-model", "SD 9");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: civitai returned HTTP 400: .*received 'SD 9'/);
  });
});

describe("models show", () => {
  it("lists files with sizes and hashes, marking the one get downloads", async () => {
    const result = await models("show", "https://civitai.com/models/4384?modelVersionId=128713");
    expect(result.code).toBe(0);
    const data = fakes.civitai.version(128713)!.version.files[0]!.data;
    const hash = createHash("sha256").update(data).digest("hex").toUpperCase();
    expect(result.stdout).toContain("DreamShaper — 8  (Checkpoint, SD 1.5)");
    expect(result.stdout).toMatch(
      new RegExp(`\\*\\s+dreamshaper_8\\.safetensors\\s+Model.*512 KB\\s+SHA256 ${hash}`),
    );
    expect(result.stdout).toMatch(/\n {3}\s+dreamshaper_8\.vae\.safetensors\s+VAE/);
  });
});

describe("models help and errors", () => {
  it("explains where files go for WebUI and ComfyUI, and where to get a token", async () => {
    const help = await models("get", "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/models\/Stable-diffusion\/\s+models\/checkpoints\//);
    expect(help.stdout).toMatch(/models\/Lora\/\s+models\/loras\//);
    expect(help.stdout).toContain("https://civitai.com/user/account");
    expect((await models("--help")).stdout).toContain("CIVITAI_TOKEN");
  });

  it("asks for a version id and rejects unknown commands with exit code 2", async () => {
    const missing = await models("get");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error: give a model version id/);
    const unknown = await models("fetch", "1");
    expect(unknown).toMatchObject({ code: 2 });
    expect(unknown.stderr).toMatch(/^error: unknown command "models fetch"/);
    expect((await models()).code).toBe(2);
  });

  it("never prints a token Civitai refused, even with --debug", async () => {
    const token = "wrong-token-0123456789abcdef";
    vi.stubEnv("CIVITAI_TOKEN", token);
    const result = await models("get", "130580", "--debug");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("refused CIVITAI_TOKEN");
    expect(result.stderr).toContain("    at "); // the stack is there…
    expect(result.stdout + result.stderr).not.toContain(token); // …the token is not
  });
});
