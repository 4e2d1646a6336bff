/** `models get` end to end: the CLI as a child process against a fake Civitai (two origins). */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { startFakeCivitai } from "@path/testing";
import { describe, expect, it } from "vitest";
import { useFakeCivitai } from "./civitai-fake.js";
import { runModels } from "./run-models.js";

const fakes = useFakeCivitai("models-cli-");

const run = (args: string[], env: Record<string, string> = {}, fake = fakes.civitai) =>
  runModels(args, {
    cwd: fakes.folder,
    env: { CIVITAI_BASE_URL: fake.url, CIVITAI_TOKEN: "", ...env },
  });
const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");
const dataOf = (versionId: number, fake = fakes.civitai) =>
  fake.version(versionId)!.version.files[0]!.data;
const downloads = (fake = fakes.civitai) =>
  fake.storage.requests.filter((request) => request.method === "GET");

describe("models get", () => {
  it("resumes with Range after the body is cut at 60 %, then verifies the SHA-256", async () => {
    fakes.civitai.injectStorage({ cutBodyAtFraction: 0.6 });
    const result = await run(["get", "128713"]);
    expect(result.code).toBe(0);
    const path = join(fakes.folder, "models", "dreamshaper_8.safetensors");
    expect(result.stdout).toBe(`${path}\n`);
    const [first, second] = downloads();
    expect(first?.headers.range).toBeUndefined();
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(String(second?.headers.range))?.[1]);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThanOrEqual(Math.floor(dataOf(128713).length * 0.6));
    expect(sha256(await readFile(path))).toBe(sha256(dataOf(128713)));
    expect(result.stderr).toMatch(/resumed from .*SHA-256 verified/);
    expect(result.stderr).toContain("models/Stable-diffusion/");
    expect(existsSync(`${path}.part`)).toBe(false);
  });

  it("keeps the partial file on Ctrl-C and resumes it on the next run", async () => {
    const slow = await startFakeCivitai({ bytesPerSecond: 1_000_000 });
    try {
      const path = join(fakes.folder, "models", "dreamshaper_8.safetensors");
      let pressed = false;
      const interrupted = await runModels(["get", "128713"], {
        cwd: fakes.folder,
        env: { CIVITAI_BASE_URL: slow.url, CIVITAI_TOKEN: "" },
        onStderr: (stderr, child) => {
          // Ctrl-C once, as soon as the progress bar shows bytes arriving.
          if (!pressed && stderr.includes("dreamshaper_8.safetensors  [")) {
            pressed = true;
            child.kill("SIGINT");
          }
        },
      });
      expect(interrupted.code).toBe(130);
      expect(interrupted.stderr).toContain("run the same command again to resume");
      const kept = (await stat(`${path}.part`)).size;
      expect(kept).toBeGreaterThan(0);

      const resumed = await run(["get", "128713"], {}, slow);
      expect(resumed.code).toBe(0);
      const last = downloads(slow).at(-1);
      expect(last?.headers.range).toBe(`bytes=${kept}-`);
      expect(sha256(await readFile(path))).toBe(sha256(dataOf(128713, slow)));
    } finally {
      await slow.close();
    }
  });

  it("deletes a file whose SHA-256 does not match and exits 1", async () => {
    fakes.civitai.injectStorage({ corruptBody: true });
    const result = await run(["get", "135931"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /error: .*does not match its published SHA-256.*the file was deleted/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack without --debug
    const path = join(fakes.folder, "models", "pixel-art-xl.safetensors");
    expect(existsSync(path) || existsSync(`${path}.part`)).toBe(false);
    expect(result.stdout).toBe("");
  });

  it("downloads a login-required file with CIVITAI_TOKEN, across the redirect, never showing the token", async () => {
    const result = await run(["get", "130580", "--into", "loras", "--debug"], {
      CIVITAI_TOKEN: fakes.civitai.token,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${join(fakes.folder, "loras", "ink_wash_v10.safetensors")}\n`);
    expect(fakes.civitai.api.requests.at(-1)?.headers.authorization).toBe(
      `Bearer ${fakes.civitai.token}`,
    );
    const [storage] = downloads();
    expect(storage?.headers.authorization).toBeUndefined();
    expect(JSON.stringify(storage?.query)).not.toContain(fakes.civitai.token);
    expect(result.stdout + result.stderr).not.toContain(fakes.civitai.token);
    expect(result.stderr).toContain("models/loras/");
  });

  it("says to set CIVITAI_TOKEN, and where to get one, when it is missing", async () => {
    const result = await run(["get", "130580"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /error: .*401.*set CIVITAI_TOKEN.*https:\/\/civitai\.com\/user\/account/,
    );
    expect(existsSync(join(fakes.folder, "models", "ink_wash_v10.safetensors"))).toBe(false);
  });

  it("explains an unknown version id in one line", async () => {
    const result = await run(["get", "999"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'error: civitai returned HTTP 404: model version 999 does not exist (or is not published). The version id is the number after modelVersionId= in a model page\'s address, or the "version" column of `models search`.\n',
    );
  });
});
