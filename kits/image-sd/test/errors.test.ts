/** Bad inputs and bad servers, end to end: one clear line, the right exit code, nothing lost. */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, open, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeServer, fakeImage, startFakeOpenAI } from "@path/testing";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runImage } from "./run-image.js";

let openai: FakeServer;
let folder: string;

beforeAll(async () => {
  openai = await startFakeOpenAI({ apiKey: "sk-test" });
});
afterAll(() => openai.close());
beforeEach(async () => {
  openai.reset();
  folder = await mkdtemp(join(tmpdir(), "image-errors-"));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

const env = () => ({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: openai.url });
const run = (args: string[], extra: Record<string, string> = env()) =>
  runImage(args, { cwd: folder, env: extra });
const generate = ["generate", "a lantern", "--model", "openai:gpt-image-1", "--size", "1024x1024"];

describe("image kit errors", () => {
  it("with no provider set up, lists every way to get one, local WebUI and ComfyUI included", async () => {
    const result = await run(["generate", "a lantern"], {});
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^error: No provider is configured for image/);
    expect(result.stderr).toMatch(/openai: set OPENAI_API_KEY/);
    expect(result.stderr).toMatch(/hf: set HF_TOKEN/);
    expect(result.stderr).toMatch(/--api/);
    expect(result.stderr).toMatch(/A1111_URL=http:\/\/127\.0\.0\.1:7860/);
    expect(result.stderr).toMatch(/ComfyUI/);
    expect(result.stderr).toMatch(/COMFYUI_URL=http:\/\/127\.0\.0\.1:8188/);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("says how to start WebUI when A1111_URL points at nothing", async () => {
    const result = await run(["generate", "a lantern", "--model", "a1111:default"], {
      A1111_URL: "http://127.0.0.1:9",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\nerror: Could not reach a1111: .*\n/);
    expect(result.stderr).toMatch(/--api/);
  });

  it("refuses an init image that is not an image, before any upload", async () => {
    const path = join(folder, "notes.png");
    await writeFile(path, "these are my notes, not a picture");
    const result = await run(["img2img", path, "snow", "--model", "openai:gpt-image-1"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `error: The init image ${path} is not a PNG, JPEG, WebP or GIF image.\n`,
    );
    expect(openai.requests).toHaveLength(0);
  });

  it("refuses an init image over 50 MB without reading it", async () => {
    const path = join(folder, "huge.png");
    // A sparse 200 MB file: the size is real, the disk use is not.
    const handle = await open(path, "w");
    await handle.write(fakeImage({ prompt: "x", width: 64, height: 64 }));
    await handle.truncate(200 * 1024 * 1024);
    await handle.close();
    const result = await run(["img2img", path, "snow", "--model", "openai:gpt-image-1"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is 200 MB; the limit is 50 MB\. Resize it first\./);
    expect(openai.requests).toHaveLength(0);
  });

  it("refuses --ar 0:5 in the prompt with exit 2", async () => {
    const result = await run(["generate", "a lantern --ar 0:5", "--model", "openai:gpt-image-1"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'error: Aspect ratio "0:5" is not usable: write W:H with both sides above zero and at most 8:1, e.g. 3:4 or 16:9.\n',
    );
    expect(openai.requests).toHaveLength(0);
  });

  it("explains an HTML error page from a proxy", async () => {
    openai.inject({
      path: "/v1/images/generations",
      status: 502,
      body: "<html><body><h1>502 Bad Gateway</h1></body></html>",
      contentType: "text/html",
      times: Number.POSITIVE_INFINITY,
    });
    const result = await run(generate);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /error: openai returned HTTP 502: the server sent an HTML page instead of JSON/,
    );
    expect(result.stderr).not.toMatch(/<html/);
  });

  it("refuses a truncated PNG and writes nothing", async () => {
    openai.inject({ path: "/v1/images/generations", truncateImages: true });
    const result = await run(generate);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: openai returned a truncated image\/png .*try again/);
    expect(existsSync(join(folder, "output"))).toBe(false);
  });

  it("gives up after retrying a 429 storm, saying it was rate limited", async () => {
    openai.inject({
      path: "/v1/images/generations",
      status: 429,
      headers: { "retry-after-ms": "20" },
      times: Number.POSITIVE_INFINITY,
    });
    const result = await run(generate);
    expect(result.code).toBe(1);
    expect(result.stderr.match(/retrying in .*rate limited/g)).toHaveLength(2);
    expect(result.stderr).toMatch(/error: openai returned HTTP 429: Rate limit reached/);
    expect(openai.requests).toHaveLength(3);
  });

  it("keeps what is already in output/ when a call fails", async () => {
    await mkdir(join(folder, "output"));
    await writeFile(join(folder, "output", "mine.png"), "keep me");
    openai.inject({ path: "/v1/images/generations", status: 500, times: Number.POSITIVE_INFINITY });
    const result = await run([...generate, "--json"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(await readFile(join(folder, "output", "mine.png"), "utf8")).toBe("keep me");
  });

  it("names an unknown quest and exits 2", async () => {
    const result = await run(["paint", "x"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: unknown quest "paint"; the quests are generate, img2img/,
    );
  });
});
