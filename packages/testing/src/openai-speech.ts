import type { FakeExchange } from "./fake-exchange.js";
import { fakeMp3 } from "./fake-mp3.js";
import { fakeWav } from "./fake-wav.js";
import { openAIError } from "./openai-error.js";

const voices = [
  "alloy",
  "ash",
  "ballad",
  "coral",
  "echo",
  "fable",
  "nova",
  "onyx",
  "sage",
  "shimmer",
  "verse",
  "marin",
  "cedar",
];

/** SiliconFlow's system voices, written `<model>:<name>` on its OpenAI-shaped route. */
const siliconFlowVoice = /^[^:]+:(alex|benjamin|charles|david|anna|bella|claire|diana)$/;

/** Seconds of speech for a text: about 15 characters a second at speed 1, never under half a second. */
export function fakeSpeechSeconds(input: string, speed = 1): number {
  return Math.max(0.5, Math.round((input.length / 15 / speed) * 1000) / 1000);
}

interface SpeechBody {
  model?: unknown;
  input?: unknown;
  voice?: unknown;
  response_format?: unknown;
  speed?: unknown;
}

/**
 * `POST /v1/audio/speech`: a WAV tone as long as the text would take to read, as raw bytes.
 * `response_format` "wav" and "mp3" (the API's default) are made; other formats get a 400 that
 * says so. A `truncateAudio` fault cuts the file in half.
 */
export function answerSpeech(exchange: FakeExchange): void {
  const body = (exchange.request.body ?? {}) as SpeechBody;
  const problem = refusal(body);
  if (problem) {
    const error = openAIError(
      problem.message,
      "invalid_request_error",
      "invalid_value",
      problem.param,
    );
    exchange.json(error, 400);
    return;
  }
  const speed = typeof body.speed === "number" ? body.speed : 1;
  const durationSeconds = fakeSpeechSeconds(String(body.input), speed);
  const mp3 = (body.response_format ?? "mp3") === "mp3";
  const audio = mp3
    ? fakeMp3({ durationSeconds, sampleRate: 24000 })
    : fakeWav({ durationSeconds });
  const truncated = exchange.fault && "truncateAudio" in exchange.fault;
  const bytes = truncated ? audio.subarray(0, Math.floor(audio.length / 2)) : audio;
  exchange.response.writeHead(200, {
    "content-type": mp3 ? "audio/mpeg" : "audio/wav",
    "content-length": String(bytes.length),
  });
  exchange.response.end(bytes);
}

function refusal(body: SpeechBody): { message: string; param: string } | undefined {
  if (typeof body.input !== "string" || body.input === "") {
    return { message: "Missing required parameter: 'input'.", param: "input" };
  }
  if (
    typeof body.voice !== "string" ||
    !(voices.includes(body.voice) || siliconFlowVoice.test(body.voice))
  ) {
    const supported = voices.map((voice) => `'${voice}'`).join(", ");
    return {
      message: `Invalid value for 'voice': '${String(body.voice)}'. Supported values are: ${supported}.`,
      param: "voice",
    };
  }
  const format = body.response_format ?? "mp3";
  if (format !== "wav" && format !== "mp3") {
    return {
      message: `The fake OpenAI server makes only response_format 'wav' or 'mp3', not '${String(format)}'.`,
      param: "response_format",
    };
  }
  const speed = body.speed ?? 1;
  if (typeof speed !== "number" || !(speed >= 0.25 && speed <= 4)) {
    return { message: "speed must be between 0.25 and 4.0.", param: "speed" };
  }
  return undefined;
}
