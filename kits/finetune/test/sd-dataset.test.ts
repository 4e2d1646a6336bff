/**
 * `sd-dataset` as a person runs it, on pictures made here with sharp: buckets, the kohya layout,
 * captions from a fake Ollama vision model (the picture must reach it), and the pictures it
 * must leave out — unreadable, too small, a copy.
 */
import { copyFile, mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type FakeServer,
  runKitCli,
  startFakeOllama,
  startFakeOpenAI,
  useTempDir,
} from "@path/testing";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";

const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const kit = fileURLToPath(new URL("..", import.meta.url));
const folder = useTempDir("finetune-sd-");
const servers: FakeServer[] = [];
afterAll(() => Promise.all(servers.map((server) => server.close())));

const picture = (width: number, height: number, colour: { r: number; g: number; b: number }) =>
  sharp({ create: { width, height, channels: 3, background: colour } })
    .composite([
      {
        input: {
          create: {
            width: Math.floor(width / 3),
            height,
            channels: 3,
            background: { r: 255, g: 255, b: 255 },
          },
        },
        left: 0,
        top: 0,
      },
    ])
    .jpeg()
    .toBuffer();

async function photos(): Promise<string> {
  const cwd = await mkdtemp(join(folder(), "run-"));
  await mkdir(join(cwd, "photos"));
  await writeFile(
    join(cwd, "photos/dog1.jpg"),
    await picture(1600, 1200, { r: 200, g: 40, b: 40 }),
  );
  await writeFile(
    join(cwd, "photos/dog2.jpg"),
    await sharp({
      create: { width: 1200, height: 1600, channels: 3, background: { r: 20, g: 90, b: 200 } },
    })
      .png()
      .toBuffer(),
  );
  await writeFile(join(cwd, "photos/tiny.jpg"), await picture(300, 200, { r: 40, g: 40, b: 200 }));
  await copyFile(join(cwd, "photos/dog1.jpg"), join(cwd, "photos/dog3.jpg"));
  await writeFile(join(cwd, "photos/broken.png"), "not a picture");
  return cwd;
}

const run = (args: string[], cwd: string, env: Record<string, string> = {}) =>
  runKitCli(["sd-dataset", ...args], { entry: cli, cwd: kit, initCwd: cwd, env });

describe.concurrent("sd-dataset", { timeout: 90_000 }, () => {
  it("crops to buckets, captions through a vision model with the trigger word first, and writes the kohya layout", async () => {
    const cwd = await photos();
    const ollama = await startFakeOllama({ models: ["llava"] });
    servers.push(ollama);
    ollama.inject(
      { reply: "a dog on red grass, daylight" },
      { reply: "a dog, blue sky background" },
    );
    const result = await run(
      ["photos", "--trigger", "mydog", "--caption-model", "ollama:llava", "--json"],
      cwd,
      { OLLAMA_HOST: ollama.origin },
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.captionFailure).toBeUndefined();
    expect(report.pictures).toEqual([
      { source: "dog1.jpg", size: "1152x896", caption: "mydog, a dog on red grass, daylight" },
      { source: "dog2.jpg", size: "896x1152", caption: "mydog, a dog, blue sky background" },
    ]);
    expect(report.leftOut).toEqual([
      { source: "broken.png", why: "cannot be read as a picture" },
      { source: "dog3.jpg", why: "the same file as dog1.jpg" },
      { source: "tiny.jpg", why: "300x200 is smaller than its 1216x832 bucket" },
    ]);
    // The picture itself went to the model, as Ollama takes it: base64 in `images`.
    const sent = ollama.requests.map((r) => r.body as { messages: Array<{ images?: string[] }> });
    expect(sent).toHaveLength(2);
    const image = Buffer.from(sent[0]?.messages[0]?.images?.[0] ?? "", "base64");
    expect(await sharp(image).metadata()).toMatchObject({
      format: "png",
      width: 1152,
      height: 896,
    });

    const images = join(cwd, "data/sd/img/10_mydog");
    expect((await readdir(images)).sort()).toEqual([
      "dog1.png",
      "dog1.txt",
      "dog2.png",
      "dog2.txt",
    ]);
    expect(await sharp(join(images, "dog2.png")).metadata()).toMatchObject({
      width: 896,
      height: 1152,
    });
    expect(await readFile(join(images, "dog1.txt"), "utf8")).toBe(
      "mydog, a dog on red grass, daylight\n",
    );
    const toml = await readFile(join(cwd, "data/sd/dataset.toml"), "utf8");
    expect(toml).toContain('image_dir = "img/10_mydog"');
    expect(toml).toContain("resolution = 1024");
    expect(await readFile(join(cwd, "data/sd/README.md"), "utf8")).toContain(
      "sdxl_train_network.py",
    );
  });

  it("without a caption model writes the trigger word alone; a model that cannot answer leaves the pictures prepared", async () => {
    const cwd = await photos();
    const plain = await run(["photos", "--trigger", "mydog", "--resolution", "512"], cwd);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toContain("captions: the trigger word alone");
    expect(plain.stdout).toMatch(/^dog1\.jpg\s+576x448\s+mydog$/m);
    const unreachable = await run(
      ["photos", "--trigger", "cat", "--caption-model", "ollama:llava", "--out", "other"],
      cwd,
      { OLLAMA_HOST: "http://127.0.0.1:9" },
    );
    expect(unreachable.code).toBe(0);
    expect(unreachable.stderr).toMatch(
      /captions: ollama:llava could not describe the pictures \(.*\); the trigger word alone was written/,
    );
    expect(await readFile(join(cwd, "other/img/10_cat/dog2.txt"), "utf8")).toBe("cat\n");
  });

  it("openai: the picture goes as an image_url data URL; a model that refuses images leaves the pictures prepared", async () => {
    const cwd = await photos();
    const openai = await startFakeOpenAI();
    servers.push(openai);
    openai.inject({ reply: "狗, 红色背景" }, { reply: "a dog, blue sky" });
    const env = { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: openai.url };
    const seen = await run(
      [
        "photos",
        "--trigger",
        "小狗",
        "--caption-model",
        "openai:gpt-4o-mini",
        "--resolution",
        "512",
      ],
      cwd,
      env,
    );
    expect(seen.code).toBe(0);
    expect(await readFile(join(cwd, "data/sd/img/10_小狗/dog1.txt"), "utf8")).toBe(
      "小狗, 狗, 红色背景\n",
    );
    type Part = { type: string; image_url?: { url: string } };
    const body = openai.requests[0]?.body as { messages: Array<{ content: Part[] }> };
    const url = body.messages[0]?.content.find((part) => part.type === "image_url")?.image_url?.url;
    expect(url).toMatch(/^data:image\/png;base64,/);
    const image = Buffer.from(url?.split(",")[1] ?? "", "base64");
    expect(await sharp(image).metadata()).toMatchObject({ width: 576, height: 448 });

    const message = "Invalid content type. image_url is only supported by certain models.";
    openai.inject({ status: 400, body: { error: { message, type: "invalid_request_error" } } });
    const refused = await run(
      ["photos", "--trigger", "cat", "--caption-model", "openai:gpt-4o-mini", "--out", "refused"],
      cwd,
      env,
    );
    expect(refused.code).toBe(0);
    expect(refused.stderr).toMatch(/captions: openai:gpt-4o-mini could not describe the pictures/);
    expect(refused.stderr).toContain("image_url is only supported");
    expect(await readFile(join(cwd, "refused/img/10_cat/dog1.txt"), "utf8")).toBe("cat\n");
    expect(await readdir(join(cwd, "refused/img/10_cat"))).toContain("dog2.png");
  });

  it("says what to do with no trigger, a missing folder, or no usable pictures", async () => {
    const cwd = await photos();
    expect((await run(["photos"], cwd)).stderr).toContain("--trigger mydog");
    expect((await run(["nowhere", "--trigger", "x"], cwd)).stderr).toContain("no folder nowhere");
    await mkdir(join(cwd, "empty"));
    const empty = await run(["empty", "--trigger", "x"], cwd);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("no usable pictures in empty");
  });
});
