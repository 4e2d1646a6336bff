import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeHub, startFakeHub } from "@path/testing";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { AbortedError, ApiCallError, ConnectionError, ModelFileError } from "../errors.js";
import { backoffDelay } from "../retry.js";
import { downloadBackoff, downloadFile } from "./download-file.js";
import type { DownloadProgress } from "./progress-meter.js";

const name = "owner/tiny-GGUF/model.gguf";
const data = randomBytes(300 * 1024);
const sha256 = createHash("sha256").update(data).digest("hex");

let hub: FakeHub;
let folder: string;
let destination: string;

beforeAll(async () => {
  hub = await startFakeHub({ files: { [name]: data } });
});
afterAll(() => hub.close());
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "download-file-"));
  destination = join(folder, "nested", "model.gguf");
  hub.requests.length = 0;
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(folder, { recursive: true, force: true });
});

const apiError = (status: number) => new ApiCallError({ provider: "test", status, message: "x" });
const downloads = () => hub.requests.filter((request) => request.method === "GET");

describe("downloadFile", () => {
  it("downloads, verifies and reports progress", async () => {
    const progress: DownloadProgress[] = [];
    const result = await downloadFile({
      url: hub.fileUrl(name),
      destination,
      expectedSize: data.length,
      expectedSha256: sha256.toUpperCase(),
      onProgress: (snapshot) => progress.push(snapshot),
    });
    expect(result).toMatchObject({
      path: destination,
      bytes: data.length,
      sha256,
      reused: false,
      resumedFrom: 0,
    });
    expect((await readFile(destination)).equals(data)).toBe(true);
    expect(progress.at(-1)).toMatchObject({
      downloadedBytes: data.length,
      totalBytes: data.length,
    });
    const fractions = progress.map((snapshot) => snapshot.downloadedBytes);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(existsSync(`${destination}.part`) || existsSync(`${destination}.lock`)).toBe(false);
  });

  it("reuses a complete file without touching the network", async () => {
    await downloadFile({ url: hub.fileUrl(name), destination });
    hub.requests.length = 0;
    const again = await downloadFile({
      url: hub.fileUrl(name),
      destination,
      expectedSize: data.length,
    });
    expect(again.reused).toBe(true);
    expect(hub.requests).toHaveLength(0);
  });

  it("keeps the partial file after a cut and resumes it with Range on the next call", async () => {
    hub.inject({ cutAtFraction: 0.5 });
    const first = downloadFile({ url: hub.fileUrl(name), destination, retries: 0 });
    await expect(first).rejects.toBeInstanceOf(ConnectionError);
    await expect(first).rejects.toThrow(/next attempt resumes/);
    const kept = (await stat(`${destination}.part`)).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(data.length);

    const second = await downloadFile({
      url: hub.fileUrl(name),
      destination,
      expectedSha256: sha256,
    });
    expect(second).toMatchObject({ sha256, resumedFrom: kept });
    expect(downloads()[1]?.headers.range).toBe(`bytes=${kept}-`);
    expect((await readFile(destination)).equals(data)).toBe(true);
  });

  it("resumes within the same call after a dropped connection", async () => {
    hub.inject({ cutAtFraction: 0.3 });
    const result = await downloadFile({
      url: hub.fileUrl(name),
      destination,
      expectedSha256: sha256,
    });
    expect(result.sha256).toBe(sha256);
    expect(downloads()).toHaveLength(2);
    expect(downloads()[1]?.headers.range).toMatch(/^bytes=\d+-$/);
  });

  it("waits between attempts with core's backoff, jitter included", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    hub.inject({ status: 503 });
    hub.inject({ cutAtFraction: 0.3 });
    const retries: { attempt: number; delayMs: number; error: Error }[] = [];
    const result = await downloadFile({
      url: hub.fileUrl(name),
      destination,
      expectedSha256: sha256,
      onRetry: (retry) => retries.push(retry),
    });
    expect(result.sha256).toBe(sha256);
    const jitter = 0.75 + 0.5 * 0.25;
    expect(retries.map((retry) => retry.delayMs)).toEqual([
      downloadBackoff.initialDelayMs * jitter,
      downloadBackoff.initialDelayMs * 2 * jitter,
    ]);
    expect(retries.map((retry) => retry.delayMs)).toEqual(
      retries.map((retry) => backoffDelay(retry.attempt - 1, apiError(500), downloadBackoff)),
    );
    expect(retries[0]?.error).toMatchObject({ status: 503 });
    expect(retries[1]?.error).toBeInstanceOf(ConnectionError);
  });

  it("deletes the file and says so when the SHA-256 does not match", async () => {
    hub.inject({ corrupt: true });
    const error = await downloadFile({
      url: hub.fileUrl(name),
      destination,
      expectedSha256: sha256,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelFileError);
    expect(error).toMatchObject({ problem: "checksum-mismatch" });
    expect((error as Error).message).toContain(sha256);
    expect(existsSync(destination) || existsSync(`${destination}.part`)).toBe(false);
  });

  it("refuses a file whose size differs from the expected one before downloading it", async () => {
    const error = downloadFile({
      url: hub.fileUrl(name),
      destination,
      expectedSize: data.length + 1,
    });
    await expect(error).rejects.toMatchObject({ problem: "size-mismatch" });
  });

  it("turns a 404 into a clear error naming the path", async () => {
    const error = downloadFile({ url: hub.fileUrl("owner/tiny-GGUF/missing.gguf"), destination });
    await expect(error).rejects.toBeInstanceOf(ApiCallError);
    await expect(error).rejects.toThrow(/404.*missing\.gguf does not exist/);
  });

  it("fails at once, without retrying, when the host refuses connections, with the offline hint", async () => {
    const port = await closedPort();
    const retries: number[] = [];
    const error = downloadFile({
      url: `http://127.0.0.1:${port}/owner/repo/resolve/main/model.gguf`,
      destination,
      hints: { offline: "offline? set HF_ENDPOINT to a mirror" },
      onRetry: ({ attempt }) => retries.push(attempt),
    });
    await expect(error).rejects.toThrow(
      /127\.0\.0\.1:\d+: connection refused: offline\? set HF_ENDPOINT/,
    );
    expect(retries).toEqual([]);
  });

  it("gives up on a server that does not answer within the connect timeout", async () => {
    // The answer would take a minute: only the 200 ms connect timeout can end the call in time.
    hub.inject({ latencyMs: 60_000 });
    const retries: number[] = [];
    const error = downloadFile({
      url: hub.fileUrl(name),
      destination,
      connectTimeoutMs: 200,
      onRetry: ({ attempt }) => retries.push(attempt),
    });
    await expect(error).rejects.toThrow(/no answer within 200 ms/);
    expect(retries).toEqual([]);
  });

  it("downloads once when two calls want the same file at the same time", async () => {
    const [first, second] = await Promise.all([
      downloadFile({ url: hub.fileUrl(name), destination }),
      downloadFile({ url: hub.fileUrl(name), destination }),
    ]);
    expect(downloads()).toHaveLength(1);
    expect([first.reused, second.reused].sort()).toEqual([false, true]);
  });

  it("waits for another live process's lock, then reuses the file it finished", async () => {
    await downloadFile({ url: hub.fileUrl(name), destination: join(folder, "warm.gguf") });
    hub.requests.length = 0;
    await mkdir(join(folder, "nested"));
    await writeFile(`${destination}.lock`, JSON.stringify({ pid: process.pid, host: hostname() }));
    setTimeout(async () => {
      await writeFile(destination, data);
      await rm(`${destination}.lock`);
    }, 300);
    const result = await downloadFile({ url: hub.fileUrl(name), destination });
    expect(result.reused).toBe(true);
    expect(hub.requests).toHaveLength(0);
  });

  it("takes over a lock left by a process that died", async () => {
    const deadPid = spawnSync(process.execPath, ["-e", ""]).pid;
    await mkdir(join(folder, "nested"));
    await writeFile(`${destination}.lock`, JSON.stringify({ pid: deadPid, host: hostname() }));
    const result = await downloadFile({ url: hub.fileUrl(name), destination });
    expect(result.reused).toBe(false);
    expect(existsSync(`${destination}.lock`)).toBe(false);
  });

  it("stops at once on abort and keeps the partial file", async () => {
    const slow = await startFakeHub({ files: { [name]: data }, bytesPerSecond: 100 * 1024 });
    try {
      const controller = new AbortController();
      // Abort once bytes arrive; the whole file would take ~3 s, so finishing means it did not stop.
      const error = downloadFile({
        url: slow.fileUrl(name),
        destination,
        signal: controller.signal,
        onProgress: ({ downloadedBytes }) => {
          if (downloadedBytes > 0) controller.abort();
        },
      });
      await expect(error).rejects.toBeInstanceOf(AbortedError);
      const kept = (await stat(`${destination}.part`)).size;
      expect(kept).toBeGreaterThan(0);
      expect(kept).toBeLessThan(data.length);
    } finally {
      await slow.close();
    }
  });
});

describe("downloadFile redirects", () => {
  let cdnHub: FakeHub;
  beforeAll(async () => {
    cdnHub = await startFakeHub({ files: { [name]: data }, redirectToCdn: true });
  });
  afterAll(() => cdnHub.close());

  it("drops the authorization header on a redirect to another origin", async () => {
    cdnHub.requests.length = 0;
    await downloadFile({
      url: cdnHub.fileUrl(name),
      destination,
      headers: { authorization: "Bearer hf_secret_token_value", "user-agent": "genai-path" },
    });
    const [hubRequest, cdnRequest] = cdnHub.requests;
    expect(hubRequest?.headers.authorization).toBe("Bearer hf_secret_token_value");
    expect(cdnRequest).toMatchObject({ origin: "cdn" });
    expect(cdnRequest?.headers.authorization).toBeUndefined();
    expect(cdnRequest?.headers["user-agent"]).toBe("genai-path");
  });

  it("keeps a header across origins when asked to", async () => {
    cdnHub.requests.length = 0;
    await downloadFile({
      url: cdnHub.fileUrl(name),
      destination,
      headers: { Authorization: "Bearer civitai-token" },
      keepHeadersAcrossOrigins: ["authorization"],
    });
    expect(cdnHub.requests[1]?.headers.authorization).toBe("Bearer civitai-token");
  });
});

describe("downloadFile through a proxy", () => {
  afterEach(() => {
    delete process.env.HTTP_PROXY;
  });

  it("sends requests for remote hosts through HTTP_PROXY", async () => {
    process.env.HTTP_PROXY = hub.url;
    const result = await downloadFile({
      url: "http://hub.example.invalid/owner/tiny-GGUF/resolve/main/model.gguf",
      destination,
      expectedSha256: sha256,
    });
    expect(result.sha256).toBe(sha256);
    expect(hub.requests[0]).toMatchObject({ method: "CONNECT", path: "hub.example.invalid:80" });
    expect(downloads()).toHaveLength(1);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
