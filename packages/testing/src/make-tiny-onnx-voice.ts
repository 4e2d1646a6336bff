/**
 * Synthesises a tiny VITS-shaped ONNX voice that sherpa-onnx's offline TTS loads and runs for
 * real: the inputs it feeds a VITS model (`x`, `x_length`, `noise_scale`, `length_scale`,
 * `noise_scale_w`, `sid`), the metadata it reads, and a `tokens.txt` for its character
 * frontend. The `melo` flavour is shaped like a MeloTTS export instead (a `tones` input,
 * `comment=melo`, jieba, a `lexicon.txt` of one phone a character), so sherpa-onnx reads it
 * through the same lexicon frontend as the real Chinese + English voice. The graph turns each character into a short tone whose pitch depends on the
 * character and the speaker, so the audio is not silence, grows with the text, and
 * `length_scale` (sherpa's 1 / speed) stretches it.
 */
import { mkdir, rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import onnxProto, { type onnx as OnnxTypes } from "onnx-proto";

const { onnx } = onnxProto;
const DataType = onnx.TensorProto.DataType;

export interface TinyOnnxVoiceOptions {
  /** Default 16000. */
  sampleRate?: number;
  /** Audio per character at speed 1. Default 0.06 s. */
  secondsPerCharacter?: number;
  /** Speaker ids 0..speakers-1 (the `sid` input). Default 2. */
  speakers?: number;
  /** Characters the voice knows; others are skipped by sherpa-onnx. Default: a–z, digits, punctuation and some Chinese. */
  characters?: string;
  /** Metadata to add or override; `undefined` removes a key (to test a broken voice). */
  metadata?: Record<string, string | number | undefined>;
  /** `characters` (default): tokens are characters. `melo`: a MeloTTS-shaped voice with a lexicon (one speaker). */
  flavour?: "characters" | "melo";
}

export interface TinyOnnxVoiceInfo {
  folder: string;
  /** `<folder>/model.onnx`. */
  model: string;
  /** `<folder>/tokens.txt`. */
  tokens: string;
  /** `<folder>/lexicon.txt`, for the `melo` flavour. */
  lexicon?: string;
  bytes: number;
  sampleRate: number;
  samplesPerCharacter: number;
  speakers: number;
  metadata: Record<string, string>;
}

export const tinyVoiceCharacters =
  " abcdefghijklmnopqrstuvwxyz0123456789',-.?!:;你好世界中文语音测试欢迎来到生成式人工智能的这是一个句子";

/** Writes `model.onnx` and `tokens.txt` into `folder` (created if missing) and says what it wrote. */
export async function makeTinyOnnxVoice(
  folder: string,
  options: TinyOnnxVoiceOptions = {},
): Promise<TinyOnnxVoiceInfo> {
  const sampleRate = options.sampleRate ?? 16_000;
  const samplesPerCharacter = Math.round(sampleRate * (options.secondsPerCharacter ?? 0.06));
  const melo = options.flavour === "melo";
  const speakers = melo ? 1 : (options.speakers ?? 2);
  const characters = [...new Set(options.characters ?? tinyVoiceCharacters)];
  const metadata = voiceMetadata(sampleRate, speakers, {
    ...(melo ? meloMetadata : {}),
    ...options.metadata,
  });
  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: "@path/testing makeTinyOnnxVoice",
    opsetImport: [{ domain: "", version: 13 }],
    graph: toneGraph(sampleRate, samplesPerCharacter, melo ? meloInputs : vitsInputs),
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  });
  await mkdir(folder, { recursive: true });
  const modelPath = join(folder, "model.onnx");
  const tokensPath = join(folder, "tokens.txt");
  await writeAtomically(modelPath, onnx.ModelProto.encode(model).finish());
  // MeloTTS reads "_" as the space token and looks words up in the lexicon.
  const tokens = melo ? ["_", ...characters.filter((character) => character !== " ")] : characters;
  await writeAtomically(
    tokensPath,
    `${tokens.map((token, index) => `${token} ${index}`).join("\n")}\n`,
  );
  let lexicon: string | undefined;
  if (melo) {
    lexicon = join(folder, "lexicon.txt");
    const words = characters.filter((character) => /[\p{L}\p{N}]/u.test(character));
    await writeAtomically(lexicon, `${words.map((word) => `${word} ${word} 0`).join("\n")}\n`);
  }
  return {
    folder,
    model: modelPath,
    tokens: tokensPath,
    lexicon,
    bytes: (await stat(modelPath)).size,
    sampleRate,
    samplesPerCharacter,
    speakers,
    metadata,
  };
}

const meloMetadata = {
  model_type: "melo-vits",
  comment: "melo",
  version: 2,
  jieba: 1,
  language: "Chinese + English",
  speaker_id: 0,
  add_blank: 1,
  frontend: undefined,
};

function voiceMetadata(
  sampleRate: number,
  speakers: number,
  overrides: Record<string, string | number | undefined> = {},
): Record<string, string> {
  const merged: Record<string, string | number | undefined> = {
    model_type: "vits",
    comment: "tiny test voice",
    language: "Chinese+English",
    sample_rate: sampleRate,
    n_speakers: speakers,
    add_blank: 0,
    use_eos_bos: 0,
    // Characters as tokens: no lexicon or espeak-ng data needed.
    frontend: "characters",
    ...overrides,
  };
  return Object.fromEntries(
    Object.entries(merged)
      .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
      .map(([key, value]) => [key, String(value)]),
  );
}

const vitsInputs = [
  tensor("x", DataType.INT64, [1, "L"]),
  tensor("x_length", DataType.INT64, [1]),
  tensor("noise_scale", DataType.FLOAT, [1]),
  tensor("length_scale", DataType.FLOAT, [1]),
  tensor("noise_scale_w", DataType.FLOAT, [1]),
  tensor("sid", DataType.INT64, [1]),
];

/** MeloTTS's export: the order sherpa-onnx feeds them in. */
const meloInputs = [
  tensor("x", DataType.INT64, [1, "L"]),
  tensor("x_lengths", DataType.INT64, [1]),
  tensor("tones", DataType.INT64, [1, "L"]),
  tensor("sid", DataType.INT64, [1]),
  tensor("noise_scale", DataType.FLOAT, [1]),
  tensor("length_scale", DataType.FLOAT, [1]),
  tensor("noise_scale_w", DataType.FLOAT, [1]),
];

/** y[1,1,T] = 0.3·sin(2π·f·t), f = 200 + 20·token + 50·sid Hz, ⌈K·length_scale⌉ samples a token. */
function toneGraph(
  sampleRate: number,
  samplesPerCharacter: number,
  input: OnnxTypes.IValueInfoProto[],
): OnnxTypes.IGraphProto {
  const scalar = (name: string, value: number) => floats(name, [value], []);
  return {
    name: "tiny-voice",
    node: [
      cast("x", "x_float"),
      cast("sid", "sid_float"),
      op("Mul", ["x_float", "hz_per_token"], "token_hz"),
      op("Add", ["token_hz", "base_hz"], "voice_hz"),
      op("Mul", ["sid_float", "hz_per_speaker"], "speaker_hz"),
      op("Add", ["voice_hz", "speaker_hz"], "hz"),
      op("Unsqueeze", ["hz", "last_axis"], "hz_column"),
      op("Mul", ["length_scale", "samples_per_token"], "stretched"),
      op("Squeeze", ["stretched", "first_axis"], "sample_count"),
      op("Range", ["zero", "sample_count", "one"], "sample_index"),
      op("Mul", ["sample_index", "radians_per_sample_hz"], "time_radians"),
      op("Mul", ["hz_column", "time_radians"], "phase"),
      op("Sin", ["phase"], "wave"),
      op("Mul", ["wave", "amplitude"], "quiet_wave"),
      op("Reshape", ["quiet_wave", "output_shape"], "y"),
    ],
    initializer: [
      scalar("hz_per_token", 20),
      scalar("base_hz", 200),
      scalar("hz_per_speaker", 50),
      floats("samples_per_token", [samplesPerCharacter], [1]),
      scalar("zero", 0),
      scalar("one", 1),
      scalar("radians_per_sample_hz", (2 * Math.PI) / sampleRate),
      scalar("amplitude", 0.3),
      ints("last_axis", [2], [1]),
      ints("first_axis", [0], [1]),
      ints("output_shape", [1, 1, -1], [3]),
    ],
    input,
    output: [tensor("y", DataType.FLOAT, [1, 1, "T"])],
  };
}

function op(opType: string, input: string[], output: string): OnnxTypes.INodeProto {
  return { opType, input, output: [output], name: output };
}

function cast(input: string, output: string): OnnxTypes.INodeProto {
  const to = { name: "to", type: onnx.AttributeProto.AttributeType.INT, i: DataType.FLOAT };
  return { ...op("Cast", [input], output), attribute: [to] };
}

function floats(name: string, values: number[], dims: number[]): OnnxTypes.ITensorProto {
  return { name, dataType: DataType.FLOAT, dims, floatData: values };
}

function ints(name: string, values: number[], dims: number[]): OnnxTypes.ITensorProto {
  return { name, dataType: DataType.INT64, dims, int64Data: values };
}

function tensor(
  name: string,
  elemType: number,
  dims: (number | string)[],
): OnnxTypes.IValueInfoProto {
  const dim = dims.map((size) =>
    typeof size === "string" ? { dimParam: size } : { dimValue: size },
  );
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

async function writeAtomically(path: string, data: Uint8Array | string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, path);
}
