/** `prompt`, `grid` and `info` end to end against the fakes. */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { readPngText } from "@path/core";
import { dateStamp } from "@path/kit-cli";
import { fakeImage } from "@path/testing";
import { describe, expect, it } from "vitest";
import { decodePng } from "../src/png/decode-png.js";
import { useCloudFakes } from "./cloud-fakes.js";
import { runImage } from "./run-image.js";

const cloud = useCloudFakes("image-quests-");
const env = () => ({ ...cloud.openaiEnv(), ...cloud.hfEnv() });
const run = (args: string[]) => runImage(args, { cwd: cloud.folder, env: env() });
const flux = "hf:black-forest-labs/FLUX.1-schnell";

describe("prompt", () => {
  it("prints a structured prompt as WebUI shows it, ready to paste", async () => {
    const result = await run([
      "prompt",
      "a chinese dragon over 中国龙 lanterns",
      "--style",
      "guofeng",
      "--lighting",
      "golden-hour",
      "--camera",
      "wide",
      "--weight",
      "dragon:1.3",
      "--weight",
      "龙",
      "--negative",
      "anime",
    ]);
    expect(result.code).toBe(0);
    const [prompt, negative] = result.stdout.trimEnd().split("\n");
    expect(prompt).toBe(
      "masterpiece, best quality, highly detailed, a chinese (dragon:1.3) over 中国(龙:1.1) lanterns, guofeng, chinese traditional style, ornate details, red and gold palette, golden hour lighting, warm sunlight, long shadows, wide shot, establishing shot",
    );
    expect(negative).toMatch(/^Negative prompt: lowres, worst quality, .*bad hands/);
  });

  it("generates from the built prompt with --generate", async () => {
    const result = await run([
      "prompt",
      "a fox",
      "--style",
      "ink",
      "--negative",
      "photo",
      "--generate",
      "--model",
      flux,
      "--size",
      "256x256",
      "--seed",
      "3",
      "--json",
    ]);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.files[0].parameters).toMatch(
      /^masterpiece, best quality, highly detailed, a fox, traditional chinese ink/,
    );
    expect(output.files[0].parameters).toMatch(/\nNegative prompt: lowres.*cartoon/);
    expect(result.stderr).toBe("generating with hf:black-forest-labs/FLUX.1-schnell …\n");
  });

  it("refuses a bad weight with exit 2", async () => {
    const result = await run(["prompt", "a fox", "--weight", "fox:9"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--weight takes word:number/);
  });
});

describe("grid", () => {
  it("makes one picture per seed and a labelled contact sheet that decodes", async () => {
    const result = await run([
      "grid",
      "a lantern --ar 1:1",
      "--model",
      flux,
      "--seeds",
      "1,2,3,4",
      "--size",
      "256x256",
      "--cell",
      "128",
    ]);
    expect(result.code).toBe(0);
    const paths = result.stdout.trim().split("\n");
    const day = dateStamp();
    expect(paths.map((path) => path.slice(cloud.folder.length + 1))).toEqual([
      `output/${day}-a-lantern-seed1.png`,
      `output/${day}-a-lantern-seed2.png`,
      `output/${day}-a-lantern-seed3.png`,
      `output/${day}-a-lantern-seed4.png`,
      `output/${day}-a-lantern-grid.png`,
    ]);
    const sheet = decodePng(await readFile(paths[4]!));
    // 2 x 2 cells of 128 px with 8 px gaps around and between, and a 7 px label under each.
    expect([sheet.width, sheet.height]).toEqual([
      8 + 128 + 8 + 128 + 8,
      8 + 128 + 7 + 8 + 128 + 7 + 8,
    ]);
    // The label strip under the first cell has the light label pixels ("seed 1") on dark.
    const strip = (x: number, y: number) => sheet.pixels[(y * sheet.width + x) * 4]!;
    const labelPixels = [];
    for (let y = 8 + 128; y < 8 + 128 + 7; y++) {
      for (let x = 8; x < 8 + 128; x++) if (strip(x, y) === 200) labelPixels.push([x, y]);
    }
    expect(labelPixels.length).toBeGreaterThan(10);
    // Each cell shows its own picture: the top-left pixel of cell 1 is picture 1's, scaled.
    const first = decodePng(await readFile(paths[0]!));
    const cellPixel = Array.from(
      sheet.pixels.subarray((8 * sheet.width + 8) * 4, (8 * sheet.width + 8) * 4 + 3),
    );
    const sourcePixel = Array.from(first.pixels.subarray(0, 3));
    for (const [channel, value] of cellPixel.entries()) {
      expect(Math.abs(value - sourcePixel[channel]!)).toBeLessThan(8);
    }
    expect(result.stderr).toMatch(/contact sheet 280x294 · seeds 1, 2, 3, 4/);
    const legend = JSON.parse(await readFile(paths[4]!.replace(/\.png$/, ".json"), "utf8"));
    expect(legend.cells.map((cell: { seed: number }) => cell.seed)).toEqual([1, 2, 3, 4]);
    expect(legend.cells.map((cell: { label: string }) => cell.label)).toEqual([
      "seed 1",
      "seed 2",
      "seed 3",
      "seed 4",
    ]);
    expect(JSON.parse(readPngText(await readFile(paths[4]!)).grid!)).toEqual(legend);

    // info on the sheet lists every cell, not only the first picture's parameters.
    const info = await run(["info", paths[4]!]);
    expect(info.code).toBe(0);
    expect(info.stdout).toMatch(/^cells {5}2 rows x 2 columns/m);
    for (const [index, path] of paths.slice(0, 4).entries()) {
      const place = `${Math.floor(index / 2) + 1},${(index % 2) + 1}`;
      expect(info.stdout).toContain(
        `  ${place.padEnd(6)}${`seed ${index + 1}`.padEnd(24)} ${path}`,
      );
    }
  });

  it("puts one row per model, keeps going when one model fails, and exits 1", async () => {
    const result = await run([
      "grid",
      "a lantern",
      "--models",
      `${flux},openai:gpt-image-1,hf:acme/missing-model`,
      "--seeds",
      "5,6",
      "--size",
      "256x256",
      "--cell",
      "64",
    ]);
    expect(result.code).toBe(1);
    const paths = result.stdout.trim().split("\n");
    expect(paths).toHaveLength(5); // 2 flux + 2 openai + the sheet
    expect(paths[2]).toMatch(/-openai-gpt-image-1-1\.png$/); // openai takes no seed: numbered
    expect(result.stderr).toMatch(/error: hf:acme\/missing-model, seed 5: /);
    const sheet = decodePng(await readFile(paths.at(-1)!));
    // 3 rows x 2 columns of 64 px cells, each with a 7 px label.
    expect([sheet.width, sheet.height]).toEqual([8 + 64 + 8 + 64 + 8, 3 * (64 + 7) + 4 * 8]);
    const legend = JSON.parse(await readFile(paths.at(-1)!.replace(/\.png$/, ".json"), "utf8"));
    // openai takes no seed: its cells list none, and their labels number them instead.
    expect(
      legend.cells.map((cell: { label: string; seed: number | null }) => [cell.label, cell.seed]),
    ).toEqual([
      [`seed 5 ${flux}`, 5],
      [`seed 6 ${flux}`, 6],
      ["picture 1 openai:gpt-image-1", null],
      ["picture 2 openai:gpt-image-1", null],
      ["failed hf:acme/missing-model", null],
      ["failed hf:acme/missing-model", null],
    ]);
    // The warning every openai cell gives is printed once.
    expect(result.stderr.match(/takes no seed/g)).toHaveLength(1);
  });

  it("asks for --seeds or --models", async () => {
    const result = await run(["grid", "a lantern"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/give --seeds 1,2,3,4 or --models a,b/);
  });
});

describe("info", () => {
  it("reads back what a generated picture was made with", async () => {
    const made = await run([
      "generate",
      "舞龙 --seed 11 --no text",
      "--model",
      flux,
      "--size",
      "256x384",
      "--steps",
      "4",
    ]);
    const path = made.stdout.trim();
    const result = await run(["info", path]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^file {6}.*\(256x384 image\/png\)$/m);
    expect(result.stdout).toMatch(/^prompt {4}舞龙$/m);
    expect(result.stdout).toMatch(/^negative {2}text$/m);
    expect(result.stdout).toMatch(/^seed {6}11$/m);
    expect(result.stdout).toMatch(/^provider {2}hf$/m);
    expect(result.stdout).toMatch(/^sidecar /m);
    expect(result.stdout).toContain(
      "Steps: 4, Seed: 11, Size: 256x384, Model: black-forest-labs/FLUX.1-schnell, Provider: hf",
    );
    const json = JSON.parse((await run(["info", path, "--json"])).stdout);
    expect(json.parsed).toMatchObject({ prompt: "舞龙", seed: 11, width: 256, height: 384 });
    expect(json.sidecar.promptAsWritten).toBe("舞龙 --seed 11 --no text");
  });

  it("reads a WebUI picture with only the parameters chunk", async () => {
    const { addPngText } = await import("@path/core");
    const png = addPngText(fakeImage({ prompt: "x", width: 64, height: 64 }), {
      parameters: "a cat\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, Size: 64x64",
    });
    await writeFile(join(cloud.folder, "webui.png"), png);
    const result = await run(["info", "webui.png"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^sampler {3}Euler a$/m);
    expect(readPngText(png).parameters).toMatch(/^a cat/);
  });

  it("says so when a picture carries no parameters", async () => {
    await writeFile(
      join(cloud.folder, "plain.png"),
      fakeImage({ prompt: "x", width: 64, height: 64 }),
    );
    const result = await run(["info", "plain.png"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/plain\.png carries no generation parameters/);
    expect(await readdir(cloud.folder)).toEqual(["plain.png"]);
  });
});
