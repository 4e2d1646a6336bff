/**
 * A fake ElevenLabs: text to speech (`/v1/text-to-speech/{voice_id}` with `output_format` in the
 * query), voices (`/v1/voices`), instant cloning (`/v1/voices/add`, multipart) and music
 * (`/v1/music`, a prompt or a composition plan). Audio is real (MP3, WAV or raw PCM per
 * `output_format`) and as long as the text or the asked length; errors are
 * `{detail: {status, message}}` as the service sends them. `truncateAudio` cuts a file in half.
 */
import { randomBytes } from "node:crypto";
import type { FakeExchange } from "./fake-exchange.js";
import { fakeMp3 } from "./fake-mp3.js";
import { type FakeServer, startFakeServer } from "./fake-server.js";
import { fakeWav } from "./fake-wav.js";
import { parseMultipart } from "./multipart.js";

export interface FakeElevenLabsOptions {
  apiKey?: string;
  /** False for an account without ElevenLabs Music (403). Default true. */
  musicAccess?: boolean;
}

export interface FakeElevenLabs {
  /** What to set as ELEVENLABS_BASE_URL (the origin; routes start with `/v1`). */
  readonly url: string;
  readonly server: FakeServer;
  /** Voice ids made by `/v1/voices/add`, in order. */
  readonly clonedVoices: string[];
  close(): Promise<void>;
}

/** Premade voices every account has (ids as on the service). */
export const fakeElevenLabsVoices = [
  {
    voice_id: "21m00Tcm4TlvDq8ikWAM",
    name: "Rachel",
    category: "premade",
    labels: { accent: "american", gender: "female" },
  },
  {
    voice_id: "pNInz6obpgDQGcFmaJgB",
    name: "Adam",
    category: "premade",
    labels: { accent: "american", gender: "male" },
  },
  {
    voice_id: "XB0fDUnXU5powFXDhCwa",
    name: "Charlotte",
    category: "premade",
    labels: { accent: "swedish", gender: "female" },
  },
];

const secondsPerCharacter = 0.06;

function isAudio(bytes: Buffer): boolean {
  const head = bytes.toString("latin1", 0, 4);
  return (
    head === "RIFF" ||
    head.startsWith("ID3") ||
    head === "fLaC" ||
    head === "OggS" ||
    (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0)
  );
}

/** Real audio of `seconds` in the container `output_format` names. */
function audioFor(outputFormat: string, seconds: number): { bytes: Buffer; type: string } {
  const [container, rate] = outputFormat.split("_");
  const sampleRate = Number(rate) || 44100;
  if (container === "wav")
    return { bytes: fakeWav({ durationSeconds: seconds, sampleRate }), type: "audio/wav" };
  if (container === "pcm")
    return {
      bytes: fakeWav({ durationSeconds: seconds, sampleRate }).subarray(44),
      type: "audio/pcm",
    };
  return {
    bytes: fakeMp3({ durationSeconds: seconds, sampleRate: sampleRate === 48000 ? 48000 : 44100 }),
    type: "audio/mpeg",
  };
}

export async function startFakeElevenLabs(
  options: FakeElevenLabsOptions = {},
): Promise<FakeElevenLabs> {
  const apiKey = options.apiKey ?? "sk_elevenlabs_test";
  const clonedVoices: string[] = [];
  const voices = () => [
    ...fakeElevenLabsVoices,
    ...clonedVoices.map((id, index) => ({
      voice_id: id,
      name: `Clone ${index + 1}`,
      category: "cloned",
      labels: {},
    })),
  ];

  function fail(exchange: FakeExchange, status: number, code: string, message: string) {
    exchange.json({ detail: { status: code, message } }, status);
  }

  function sendAudio(exchange: FakeExchange, outputFormat: string, seconds: number) {
    const { bytes, type } = audioFor(outputFormat, seconds);
    const cut = exchange.fault && "truncateAudio" in exchange.fault;
    exchange.response.writeHead(200, {
      "content-type": type,
      "content-length": String(bytes.length),
      "request-id": randomBytes(8).toString("hex"),
    });
    if (!cut) return exchange.response.end(bytes);
    exchange.response.write(bytes.subarray(0, bytes.length / 2), () => exchange.response.destroy());
  }

  function speak(exchange: FakeExchange, voiceId: string) {
    const body = exchange.request.body as {
      text?: string;
      model_id?: string;
      voice_settings?: { speed?: number };
    };
    if (!body?.text)
      return exchange.json(
        { detail: [{ loc: ["body", "text"], msg: "Field required", type: "missing" }] },
        422,
      );
    if (!voices().some((voice) => voice.voice_id === voiceId)) {
      return fail(
        exchange,
        404,
        "voice_not_found",
        `A voice with the voice_id ${voiceId} was not found.`,
      );
    }
    if (!/^eleven_/.test(body.model_id ?? "eleven_multilingual_v2")) {
      return fail(
        exchange,
        400,
        "invalid_model",
        `A model with model ID ${body.model_id} does not exist.`,
      );
    }
    const speed = body.voice_settings?.speed ?? 1;
    const seconds = Math.max(0.5, ([...body.text].length * secondsPerCharacter) / speed);
    sendAudio(exchange, String(exchange.request.query.output_format ?? "mp3_44100_128"), seconds);
  }

  async function addVoice(exchange: FakeExchange) {
    const parts = await parseMultipart(exchange.request);
    const name = parts.find((part) => part.name === "name");
    const files = parts.filter((part) => part.name === "files" && part.filename);
    if (!name || files.length === 0) {
      return exchange.json(
        { detail: [{ loc: ["body", "files"], msg: "Field required", type: "missing" }] },
        422,
      );
    }
    if (!files.every((file) => isAudio(file.data))) {
      return fail(exchange, 400, "invalid_audio", "One of the samples is not a valid audio file.");
    }
    const voiceId = randomBytes(15)
      .toString("base64")
      .replace(/[^A-Za-z0-9]/g, "x")
      .slice(0, 20);
    clonedVoices.push(voiceId);
    exchange.json({ voice_id: voiceId, requires_verification: false });
  }

  function music(exchange: FakeExchange) {
    if (options.musicAccess === false) {
      return fail(
        exchange,
        403,
        "music_not_allowed",
        "Music generation is not available on your plan.",
      );
    }
    const body = exchange.request.body as {
      model_id?: string;
      prompt?: string;
      music_length_ms?: number;
      composition_plan?: { sections?: { duration_ms?: number; lines?: string[] }[] };
    };
    if (body?.model_id && !/^music_/.test(body.model_id)) {
      return fail(
        exchange,
        400,
        "invalid_model",
        `A music model with model ID ${body.model_id} does not exist.`,
      );
    }
    if (body?.prompt && body.composition_plan) {
      return fail(
        exchange,
        400,
        "invalid_request",
        "prompt and composition_plan cannot be combined.",
      );
    }
    const sections = body?.composition_plan?.sections;
    if (!body?.prompt && !sections?.length) {
      return exchange.json(
        {
          detail: [
            {
              loc: ["body", "prompt"],
              msg: "prompt or composition_plan is required",
              type: "missing",
            },
          ],
        },
        422,
      );
    }
    const ms = sections
      ? sections.reduce((sum, section) => sum + (section.duration_ms ?? 0), 0)
      : (body.music_length_ms ?? 30_000);
    sendAudio(exchange, String(exchange.request.query.output_format ?? "mp3_44100_128"), ms / 1000);
  }

  const server = await startFakeServer(
    async (exchange) => {
      const { method, path, headers } = exchange.request;
      if (headers["xi-api-key"] !== apiKey)
        return fail(exchange, 401, "invalid_api_key", "Invalid API key");
      const tts = /^\/v1\/text-to-speech\/([^/]+)$/.exec(path);
      if (method === "POST" && tts) return speak(exchange, tts[1]!);
      if (method === "GET" && path === "/v1/voices") return exchange.json({ voices: voices() });
      if (method === "POST" && path === "/v1/voices/add") return addVoice(exchange);
      if (method === "POST" && path === "/v1/music") return music(exchange);
      fail(exchange, 404, "not_found", `No route for ${method} ${path}`);
    },
    {
      errorBody: (status) => ({
        detail: {
          status: status === 429 ? "too_many_concurrent_requests" : "error",
          message: `status ${status}`,
        },
      }),
    },
  );
  return { url: server.url, server, clonedVoices, close: () => server.close() };
}
