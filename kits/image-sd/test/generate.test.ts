/** `generate` end to end: the CLI as a child process against fake OpenAI and Hugging Face. */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseWebuiParameters, readPngText } from "@path/core";
import { dateStamp } from "@path/kit-cli";
import { describe, expect, it } from "vitest";
import { decodePng } from "../src/png/decode-png.js";
import { useCloudFakes } from "./cloud-fakes.js";
import { runImage } from "./run-image.js";

const cloud = useCloudFakes("image-generate-");
const { openaiEnv, hfEnv } = cloud;
const run = (args: string[], env: Record<string, string>) =>
  runImage(args, { cwd: cloud.folder, env });
const today = dateStamp();
/** Where today's picture `name` lands in the default output folder. */
const outputFile = (name: string) => join(cloud.folder, "output", `${today}-${name}`);

async function pictureAt(path: string) {
  const bytes = await readFile(path);
  const { width, height } = decodePng(bytes);
  const parameters = parseWebuiParameters(readPngText(bytes).parameters ?? "");
  const sidecar = JSON.parse(await readFile(path.replace(/\.png$/, ".json"), "utf8"));
  return { width, height, parameters, sidecar };
}

describe("generate", () => {
  it("applies prompt flags with openai:gpt-image-1 and writes the parameters into the PNG", async () => {
    const result = await run(
      [
        "generate",
        "chinese dragon, cute, anime, flying, spring festival --ar 3:4 --seed 42",
        "--model",
        "openai:gpt-image-1",
      ],
      openaiEnv(),
    );
    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
    const path = outputFile("chinese-dragon-cute-anime-flying-spring-1.png");
    expect(result.stdout).toBe(`${path}\n`);
    const picture = await pictureAt(path);
    expect([picture.width, picture.height]).toEqual([1024, 1536]);
    expect(picture.parameters).toMatchObject({
      prompt: "chinese dragon, cute, anime, flying, spring festival",
      width: 1024,
      height: 1536,
      model: "gpt-image-1",
      extra: { Provider: "openai" },
    });
    // openai takes no seed, so the picture is not labelled with one.
    expect(picture.parameters.seed).toBeUndefined();
    expect(picture.sidecar).toMatchObject({
      provider: "openai",
      model: "gpt-image-1",
      seed: null,
      promptAsWritten: "chinese dragon, cute, anime, flying, spring festival --ar 3:4 --seed 42",
    });
    expect(result.stderr).toMatch(/warning: openai:gpt-image-1 takes no seed.*"--seed 42"/);
    expect(result.stderr).toMatch(/960x1280 \(3:4\) became 1024x1536/);
    expect(result.stderr).toMatch(/openai:gpt-image-1 · 1 picture 1024x1536/);
    expect(cloud.openai.requests[0]!.body).toMatchObject({
      model: "gpt-image-1",
      prompt: "chinese dragon, cute, anime, flying, spring festival",
      size: "1024x1536",
    });
  });

  it("makes exact sizes and seeds with hf, CJK kept in the file names", async () => {
    const result = await run(
      [
        "generate",
        "春节的红灯笼 --no text, watermark",
        "--model",
        "hf:black-forest-labs/FLUX.1-schnell",
        "--n",
        "2",
        "--size",
        "512x768",
        "--seed",
        "42",
        "--steps",
        "4",
      ],
      hfEnv(),
    );
    expect(result.code).toBe(0);
    const paths = result.stdout.trim().split("\n");
    expect(paths).toEqual([
      outputFile("春节的红灯笼-1-seed42.png"),
      outputFile("春节的红灯笼-2-seed43.png"),
    ]);
    for (const [index, path] of paths.entries()) {
      const picture = await pictureAt(path);
      expect([picture.width, picture.height]).toEqual([512, 768]);
      expect(picture.parameters).toMatchObject({
        prompt: "春节的红灯笼",
        negativePrompt: "text, watermark",
        steps: 4,
        seed: 42 + index,
        model: "black-forest-labs/FLUX.1-schnell",
      });
    }
    const posts = cloud.hf.requests.filter((request) => request.method === "POST");
    expect(posts[0]!.body).toMatchObject({
      inputs: "春节的红灯笼",
      parameters: { negative_prompt: "text, watermark", seed: 42, width: 512, height: 768 },
    });
  });

  it("never overwrites: a taken name gets _2 and the old file stays intact", async () => {
    const lantern = () =>
      run(
        [
          "generate",
          "a lantern",
          "--model",
          "hf:black-forest-labs/FLUX.1-schnell",
          "--seed",
          "7",
          "--size",
          "256x256",
        ],
        hfEnv(),
      );
    const taken = outputFile("a-lantern-1-seed7.png");
    await mkdir(join(cloud.folder, "output"));
    await writeFile(taken, "precious");
    const result = await lantern();
    expect(result.code).toBe(0);
    expect(await readFile(taken, "utf8")).toBe("precious");
    const written = outputFile("a-lantern-1-seed7_2.png");
    expect(result.stdout).toBe(`${written}\n`);
    expect((await pictureAt(written)).parameters.seed).toBe(7);
    // Running it again finds the next free name.
    const again = await lantern();
    expect(again.stdout).toBe(`${outputFile("a-lantern-1-seed7_3.png")}\n`);
  });

  it("writes to --out and prints one JSON object with --json", async () => {
    const result = await run(
      [
        "generate",
        "a lantern",
        "--model",
        "openai:dall-e-3",
        "--ar",
        "16:9",
        "--out",
        "pictures",
        "--json",
      ],
      openaiEnv(),
    );
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output).toMatchObject({
      provider: "openai",
      modelId: "dall-e-3",
      revisedPrompt: "A detailed picture of a lantern",
      files: [{ width: 1792, height: 1024, seed: null, mediaType: "image/png" }],
    });
    expect(output.files[0].path.startsWith(join(cloud.folder, "pictures"))).toBe(true);
    expect(await readdir(join(cloud.folder, "pictures"))).toHaveLength(2);
  });

  it("prints help, and refuses a missing prompt or an unknown option with exit 2", async () => {
    const help = await run(["generate", "--help"], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--ar <W:H>/);
    const missing = await run(["generate"], {});
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      'error: give a prompt: npm run image -- generate "a red lantern"\n',
    );
    const unknown = await run(["generate", "x", "--colour", "red"], {});
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^error: unknown option --colour/);
    const badNumber = await run(["generate", "x", "--n", "two"], {});
    expect(badNumber.code).toBe(2);
    expect(badNumber.stderr).toMatch(/--n takes a whole number from 1 to 64, not "two"/);
  });
});
