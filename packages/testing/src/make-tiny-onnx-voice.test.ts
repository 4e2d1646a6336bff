import { readFile } from "node:fs/promises";
import { join } from "node:path";
import onnxProto from "onnx-proto";
import { describe, expect, it } from "vitest";
import { makeTinyOnnxVoice } from "./make-tiny-onnx-voice.js";
import { useTempDir } from "./use-temp-dir.js";

const { onnx } = onnxProto;
const folder = useTempDir("tiny-voice-");

const readModel = async (path: string) => onnx.ModelProto.decode(await readFile(path));

describe("makeTinyOnnxVoice", () => {
  it("writes a VITS-shaped model: sherpa-onnx's inputs, one output, and its metadata", async () => {
    const voice = await makeTinyOnnxVoice(join(folder(), "a"));
    const model = await readModel(voice.model);
    expect(model.graph?.input?.map((input) => input.name)).toEqual([
      "x",
      "x_length",
      "noise_scale",
      "length_scale",
      "noise_scale_w",
      "sid",
    ]);
    expect(model.graph?.output?.map((output) => output.name)).toEqual(["y"]);
    const metadata = Object.fromEntries(
      (model.metadataProps ?? []).map((entry) => [entry.key, entry.value]),
    );
    expect(metadata).toMatchObject({
      sample_rate: "16000",
      n_speakers: "2",
      frontend: "characters",
    });
    expect(voice.samplesPerCharacter).toBe(960);
    expect(voice.bytes).toBeLessThan(8_000);
  });

  it("lists every character once in tokens.txt, the space included", async () => {
    const voice = await makeTinyOnnxVoice(join(folder(), "b"), { characters: "ab 好a" });
    expect(await readFile(voice.tokens, "utf8")).toBe("a 0\nb 1\n  2\n好 3\n");
  });

  it("melo flavour: MeloTTS's inputs and metadata, a lexicon of one phone a character", async () => {
    const voice = await makeTinyOnnxVoice(join(folder(), "melo"), {
      flavour: "melo",
      characters: " a,好",
    });
    const model = await readModel(voice.model);
    expect(model.graph?.input?.map((input) => input.name)).toEqual([
      "x",
      "x_lengths",
      "tones",
      "sid",
      "noise_scale",
      "length_scale",
      "noise_scale_w",
    ]);
    expect(voice.metadata).toMatchObject({
      comment: "melo",
      version: "2",
      jieba: "1",
      n_speakers: "1",
    });
    expect(voice.metadata.frontend).toBeUndefined();
    expect(await readFile(voice.tokens, "utf8")).toBe("_ 0\na 1\n, 2\n好 3\n");
    expect(await readFile(voice.lexicon!, "utf8")).toBe("a a 0\n好 好 0\n");
  });

  it("writes the same bytes for the same options, and drops a metadata key set to undefined", async () => {
    const first = await makeTinyOnnxVoice(join(folder(), "c"));
    const second = await makeTinyOnnxVoice(join(folder(), "d"));
    expect(await readFile(first.model)).toEqual(await readFile(second.model));
    const broken = await makeTinyOnnxVoice(join(folder(), "e"), {
      metadata: { sample_rate: undefined, comment: "other" },
    });
    expect(broken.metadata.sample_rate).toBeUndefined();
    const keys = (await readModel(broken.model)).metadataProps?.map((entry) => entry.key);
    expect(keys).not.toContain("sample_rate");
    expect(broken.metadata.comment).toBe("other");
  });
});
