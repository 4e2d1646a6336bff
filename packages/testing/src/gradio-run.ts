import { createHash } from "node:crypto";
import { imageSize } from "@path/core";
import type { FakeExchange } from "./fake-exchange.js";
import { fakeMp3 } from "./fake-mp3.js";
import { fakeMp4 } from "./fake-mp4.js";
import { fakeImageFor } from "./fake-png.js";
import { fakeWav } from "./fake-wav.js";
import type { FakeGradioEndpoint } from "./gradio-app.js";

/** Files the fake serves under `/gradio_api/file=<path>`: uploads and outputs. */
export type GradioFiles = Map<string, { bytes: Buffer; type: string }>;

/** What an endpoint call produced: `output.data`, and how many steps to report. */
export interface GradioRun {
  data: unknown[];
  steps: number;
}

function fileData(files: GradioFiles, root: string, bytes: Buffer, name: string, type: string) {
  const path = `/tmp/gradio/${createHash("sha256").update(bytes).digest("hex").slice(0, 40)}/${name}`;
  files.set(path, { bytes, type });
  return {
    path,
    url: `${root}/gradio_api/file=${path}`,
    size: bytes.length,
    orig_name: name,
    mime_type: null,
    is_stream: false,
    meta: { _type: "gradio.FileData" },
  };
}

/** A silent 8 kHz mono WAV of 0.1 s. */
function silentWav(): Buffer {
  const samples = Buffer.alloc(1600);
  const header = Buffer.alloc(44);
  header.write("RIFF", 0);
  header.writeUInt32LE(36 + samples.length, 4);
  header.write("WAVEfmt ", 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36);
  header.writeUInt32LE(samples.length, 40);
  return Buffer.concat([header, samples]);
}

/**
 * Runs an endpoint on the positional `data` of a join request: reads the prompt, seed, size and
 * init image from the named inputs and answers with a PNG of that size. Throws a message for
 * the `process_completed` error when an input is unusable.
 */
export function runGradioEndpoint(
  endpoint: FakeGradioEndpoint,
  data: unknown[],
  context: { exchange: FakeExchange; files: GradioFiles; root: string },
): GradioRun {
  if (data.length !== endpoint.parameters.length) {
    throw new Error(
      `${endpoint.name} takes ${endpoint.parameters.length} inputs, got ${data.length}`,
    );
  }
  const inputs = Object.fromEntries(
    endpoint.parameters.map((parameter, index) => [parameter.name, data[index]]),
  );
  const texts = endpoint.parameters.filter(
    (parameter) => parameter.component === "Textbox" && !/negative|ref_text/.test(parameter.name),
  );
  // A speech app (audio out, no length input) says its text: gen_text/tts_text first.
  const speaks =
    endpoint.returns.some((output) => output.component === "Audio") &&
    !endpoint.parameters.some((parameter) => /duration/.test(parameter.name));
  const textName = (texts.find((parameter) => /gen_text|tts_text/.test(parameter.name)) ?? texts[0])
    ?.name;
  const prompt = textName ? String(inputs[textName] ?? "") : "";
  let init: Buffer | undefined;
  for (const parameter of endpoint.parameters.filter((each) => each.component === "Image")) {
    const value = inputs[parameter.name] as { path?: unknown } | null;
    if (value == null) {
      if ("default" in parameter) continue;
      throw new Error(`Image input "${parameter.name}" is required`);
    }
    const file = typeof value.path === "string" ? context.files.get(value.path) : undefined;
    if (!file || !imageSize(file.bytes))
      throw new Error(`FileNotFoundError: ${String(value.path)}`);
    init = file.bytes;
  }
  for (const parameter of endpoint.parameters.filter((each) => each.component === "Audio")) {
    const value = inputs[parameter.name] as { path?: unknown } | null;
    const file = typeof value?.path === "string" ? context.files.get(value.path) : undefined;
    const head = file?.bytes.toString("latin1", 0, 4) ?? "";
    const audioBytes = head === "RIFF" || head.startsWith("ID3") || file?.bytes[0] === 0xff;
    if (!file || !audioBytes)
      throw new Error(`Error: the reference audio "${String(value?.path)}" is not an audio file`);
  }
  const number = (name: string, fallback: number) =>
    typeof inputs[name] === "number" ? (inputs[name] as number) : fallback;
  const randomize = inputs.randomize_seed === true;
  const seed = randomize
    ? Math.floor(Math.random() * 2 ** 31)
    : number("seed", number("seed_input", 0));
  const initSize = init ? imageSize(init) : undefined;
  const width = number("width", initSize?.width ?? 512);
  const height = number("height", initSize?.height ?? 512);
  const label = init ? `${prompt} (img2img ${number("strength", 0.8)})` : prompt;
  const image = () =>
    fileData(
      context.files,
      context.root,
      fakeImageFor(context.exchange, { prompt: label, seed, width, height, init }),
      "image.png",
      "image/png",
    );
  // Music apps: a tone as long as the duration input asks for, in the format input's container.
  const speed = number("speed_slider", number("speed", 1));
  const duration = speaks
    ? Math.max(0.5, (prompt.length * 0.06) / speed)
    : number("audio_duration", number("duration", 0));
  const audio = () =>
    duration > 0
      ? inputs.format === "mp3"
        ? fileData(
            context.files,
            context.root,
            fakeMp3({ durationSeconds: duration, sampleRate: 16000 }),
            "music.mp3",
            "audio/mpeg",
          )
        : fileData(
            context.files,
            context.root,
            fakeWav({ durationSeconds: duration, sampleRate: 16000 }),
            "music.wav",
            "audio/wav",
          )
      : fileData(context.files, context.root, silentWav(), "audio.wav", "audio/wav");
  const even = (value: number) => Math.max(2, Math.round(value / 2) * 2);
  // Video apps: gr.Video answers `{video: FileData, subtitles}`, an MP4 of the asked length and size.
  const video = () => ({
    video: fileData(
      context.files,
      context.root,
      fakeMp4({
        durationSeconds: number("duration_seconds", 2),
        width: even(width),
        height: even(height),
      }),
      "video.mp4",
      "video/mp4",
    ),
    subtitles: null,
  });
  const manualSeed = Number.parseInt(String(inputs.manual_seeds ?? ""), 10);
  const outputs = endpoint.returns.map((output) => {
    if (output.component === "Image") return image();
    if (output.component === "Gallery") return [{ image: image(), caption: null }];
    if (output.component === "Audio") return audio();
    if (output.component === "Video") return video();
    if (output.component === "JSON") {
      return {
        actual_seeds: [Number.isNaN(manualSeed) ? seed : manualSeed],
        audio_duration: duration,
      };
    }
    if (output.component === "Number") return /seed/i.test(output.label) ? seed : 0;
    if (output.component === "Chatbot") return [{ role: "assistant", content: prompt }];
    return prompt;
  });
  return { data: outputs, steps: Math.min(number("num_inference_steps", 0), 50) };
}
