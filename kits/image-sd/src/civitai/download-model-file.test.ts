import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ApiCallError, ModelFileError, PathError } from "@path/core";
import { describe, expect, it } from "vitest";
import { useFakeCivitai } from "../../test/civitai-fake.js";
import { createCivitaiClient } from "./civitai-client.js";
import { downloadModelFile } from "./download-model-file.js";
import { pickFile } from "./primary-file.js";

const fakes = useFakeCivitai("civitai-download-");

async function download(versionId: number, token?: string) {
  const client = createCivitaiClient({ baseUrl: fakes.civitai.url, token });
  const version = await client.getModelVersion(versionId);
  fakes.civitai.api.requests.length = 0; // keep queued faults, forget the lookup
  fakes.civitai.storage.requests.length = 0;
  return downloadModelFile({
    version,
    file: pickFile(version),
    into: fakes.folder,
    baseUrl: client.baseUrl,
    token,
  });
}

const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");
const dataOf = (versionId: number) => fakes.civitai.version(versionId)!.version.files[0]!.data;

describe("downloadModelFile", () => {
  it("follows the redirect to storage and verifies the published SHA-256", async () => {
    const result = await download(135931);
    expect(result).toMatchObject({ verified: true, reused: false, resumedFrom: 0 });
    expect(result.path).toBe(join(fakes.folder, "pixel-art-xl.safetensors"));
    expect(sha256(await readFile(result.path))).toBe(sha256(dataOf(135931)));
    expect(fakes.civitai.api.requests.map((request) => request.path)).toEqual([
      "/api/download/models/135931",
    ]);
    expect(fakes.civitai.storage.requests).toHaveLength(1);
  });

  it("gives the token to Civitai only, never to the storage host", async () => {
    const result = await download(130580, fakes.civitai.token);
    expect(result.verified).toBe(true);
    expect(fakes.civitai.api.requests[0]?.headers.authorization).toBe(
      `Bearer ${fakes.civitai.token}`,
    );
    const [storage] = fakes.civitai.storage.requests;
    expect(storage?.headers.authorization).toBeUndefined();
    expect(JSON.stringify(storage?.query)).not.toContain(fakes.civitai.token);
  });

  it("asks for CIVITAI_TOKEN when the creator requires a login", async () => {
    const error = await download(130580).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as Error).message).toMatch(
      /set CIVITAI_TOKEN.*https:\/\/civitai\.com\/user\/account/,
    );
    const refused = await download(130580, "wrong-token-abcdef123456").catch(
      (caught: unknown) => caught,
    );
    expect((refused as Error).message).toMatch(/refused CIVITAI_TOKEN/);
    expect((refused as Error).message).not.toContain("wrong-token-abcdef123456");
  });

  it("resumes with Range after a cut at 60 %", async () => {
    const client = createCivitaiClient({ baseUrl: fakes.civitai.url, token: undefined });
    const version = await client.getModelVersion(128713);
    fakes.civitai.injectStorage({ cutBodyAtFraction: 0.6 });
    const result = await downloadModelFile({
      version,
      file: pickFile(version),
      into: fakes.folder,
      baseUrl: fakes.civitai.url,
      token: undefined,
    });
    const data = dataOf(128713);
    const [first, second] = fakes.civitai.storage.requests;
    expect(first?.headers.range).toBeUndefined();
    expect(second?.headers.range).toBe(`bytes=${result.resumedFrom}-`);
    expect(result.resumedFrom).toBeGreaterThan(0);
    expect(result.resumedFrom).toBeLessThanOrEqual(Math.floor(data.length * 0.6));
    expect(result.sha256).toBe(sha256(data));
  });

  it("deletes a download whose SHA-256 does not match", async () => {
    fakes.civitai.injectStorage({ corruptBody: true });
    const error = await download(135931).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelFileError);
    expect(error).toMatchObject({ problem: "checksum-mismatch" });
    const path = join(fakes.folder, "pixel-art-xl.safetensors");
    expect(existsSync(path) || existsSync(`${path}.part`)).toBe(false);
  });

  it("keeps an identical file and never overwrites a different one", async () => {
    const path = join(fakes.folder, "pixel-art-xl.safetensors");
    await mkdir(fakes.folder, { recursive: true });
    await writeFile(path, dataOf(135931));
    const same = await download(135931);
    expect(same).toMatchObject({ reused: true, verified: true });
    expect(fakes.civitai.api.requests).toHaveLength(0);

    await writeFile(path, "something else");
    const error = await download(135931).catch((caught: unknown) => caught);
    expect(PathError.isInstance(error) && error.code).toBe("file-exists");
    expect(await readFile(path, "utf8")).toBe("something else");
  });
});
