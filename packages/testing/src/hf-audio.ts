import { createHash } from "node:crypto";
import type { FakeExchange } from "./fake-exchange.js";
import { fakeMp3 } from "./fake-mp3.js";
import { fakeWav } from "./fake-wav.js";
import { fakeSpeechSeconds } from "./openai-speech.js";

/** MusicGen makes 50 audio frames a second; `max_new_tokens` is how it is told the length. */
export const musicGenFramesPerSecond = 50;

/** Seconds a text-to-audio model makes when not told: about MusicGen's default 256 tokens. */
export const defaultMusicSeconds = 5;

/** The Kokoro voices fal serves for American English. */
export const kokoroVoices = [
  "af_heart",
  "af_alloy",
  "af_aoede",
  "af_bella",
  "af_jessica",
  "af_kore",
  "af_nicole",
  "af_nova",
  "af_river",
  "af_sarah",
  "af_sky",
  "am_adam",
  "am_echo",
  "am_eric",
  "am_fenrir",
  "am_liam",
  "am_michael",
  "am_onyx",
  "am_puck",
  "am_santa",
];

/** An audio file a fake made: bytes, their type, and whether a fault cut them in half. */
export interface FakeAudioFile {
  bytes: Buffer;
  contentType: string;
}

function cutInHalf(file: FakeAudioFile, exchange: FakeExchange): FakeAudioFile {
  if (!(exchange.fault && "truncateAudio" in exchange.fault)) return file;
  return { ...file, bytes: file.bytes.subarray(0, Math.floor(file.bytes.length / 2)) };
}

function sendAudio(exchange: FakeExchange, file: FakeAudioFile) {
  exchange.response.writeHead(200, {
    "content-type": file.contentType,
    "content-length": String(file.bytes.length),
  });
  exchange.response.end(file.bytes);
}

interface HfInferenceAudioBody {
  inputs?: unknown;
  parameters?: { generation_parameters?: { max_new_tokens?: unknown } };
}

function inputsOf(exchange: FakeExchange): string | undefined {
  const inputs = (exchange.request.body as HfInferenceAudioBody | undefined)?.inputs;
  return typeof inputs === "string" && inputs.trim() !== "" ? inputs : undefined;
}

/** `text-to-speech` on hf-inference: `{inputs}` in, a WAV as long as the text out (raw bytes). */
export function answerHfTextToSpeech(exchange: FakeExchange) {
  const text = inputsOf(exchange);
  if (!text) return exchange.json({ error: "inputs must be a non-empty string" }, 400);
  const wav = fakeWav({ durationSeconds: fakeSpeechSeconds(text), sampleRate: 16000 });
  sendAudio(exchange, cutInHalf({ bytes: wav, contentType: "audio/wav" }, exchange));
}

/**
 * `text-to-audio` on hf-inference (MusicGen): `{inputs, parameters}` in, a WAV out, as long
 * as `generation_parameters.max_new_tokens` frames at 50 a second, else five seconds.
 */
export function answerHfTextToAudio(exchange: FakeExchange) {
  const text = inputsOf(exchange);
  if (!text) return exchange.json({ error: "inputs must be a non-empty string" }, 400);
  const body = exchange.request.body as HfInferenceAudioBody;
  const tokens = body.parameters?.generation_parameters?.max_new_tokens;
  if (tokens !== undefined && !(Number.isInteger(tokens) && (tokens as number) > 0)) {
    return exchange.json({ error: "max_new_tokens must be a positive integer" }, 400);
  }
  const seconds =
    tokens === undefined ? defaultMusicSeconds : (tokens as number) / musicGenFramesPerSecond;
  const wav = fakeWav({ durationSeconds: seconds, sampleRate: 32000, frequency: 330 });
  sendAudio(exchange, cutInHalf({ bytes: wav, contentType: "audio/wav" }, exchange));
}

/** A fal validation error, the shape fal's FastAPI apps answer 422 with. */
export function falValidationError(field: string, message: string, input: unknown) {
  return {
    detail: [{ loc: ["body", field], msg: message, type: "value_error", input }],
  };
}

/** What a fal text-to-speech app (Kokoro) makes of `{text, voice, speed}`, or why it refuses. */
export function falSpeech(
  body: Record<string, unknown>,
): { file: FakeAudioFile } | { error: object } {
  const text = body.text ?? body.prompt;
  if (typeof text !== "string" || text.trim() === "") {
    return { error: falValidationError("text", "Field required", text) };
  }
  const voice = body.voice ?? "af_heart";
  if (typeof voice !== "string" || !kokoroVoices.includes(voice)) {
    return {
      error: falValidationError("voice", `Input should be ${kokoroVoices.join(", ")}`, voice),
    };
  }
  const speed = body.speed ?? 1;
  if (typeof speed !== "number" || !(speed >= 0.1 && speed <= 5)) {
    return { error: falValidationError("speed", "Input should be between 0.1 and 5", speed) };
  }
  const seconds = fakeSpeechSeconds(text, speed);
  return { file: { bytes: fakeWav({ durationSeconds: seconds }), contentType: "audio/wav" } };
}

/**
 * What a fal text-to-audio app makes: Stable Audio takes `seconds_total` (at most 47), others
 * (ACE-Step) `duration`. A WAV for Stable Audio, an MP3 otherwise; the seed picks the pitch.
 */
export function falMusic(
  providerId: string,
  body: Record<string, unknown>,
): { file: FakeAudioFile } | { error: object } {
  const prompt = body.prompt ?? body.tags;
  if (typeof prompt !== "string" || prompt.trim() === "") {
    return { error: falValidationError("prompt", "Field required", prompt) };
  }
  const stableAudio = /stable-audio/.test(providerId);
  const field = stableAudio ? "seconds_total" : "duration";
  const seconds = body[field] ?? defaultMusicSeconds;
  const longest = stableAudio ? 47 : 240;
  if (typeof seconds !== "number" || !(seconds > 0 && seconds <= longest)) {
    return {
      error: falValidationError(field, `Input should be between 1 and ${longest}`, seconds),
    };
  }
  const seed = typeof body.seed === "number" ? body.seed : 0;
  const digest = createHash("sha256").update(`${prompt}\u0000${seed}`).digest();
  const frequency = 220 + (digest[0] ?? 0);
  if (stableAudio) {
    const bytes = fakeWav({ durationSeconds: seconds, sampleRate: 44100, frequency });
    return { file: { bytes, contentType: "audio/wav" } };
  }
  return {
    file: { bytes: fakeMp3({ durationSeconds: seconds, frequency }), contentType: "audio/mpeg" },
  };
}
