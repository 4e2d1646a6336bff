/**
 * A fake DashScope (Alibaba Model Studio) for speech: Qwen-TTS on
 * `/services/aigc/multimodal-generation/generation` and CosyVoice on
 * `/services/audio/tts/SpeechSynthesizer`. Like the service, it answers with a URL to a WAV on a
 * second origin that carries an `Expires=` query, and errors as `{request_id, code, message}`.
 * `truncateAudio` on an API request stores a cut file; on a file request, cuts the transfer.
 * Wan video tasks (see `dashscope-video.ts`) keep their jobs in `book`; results come from `files`.
 */
import { randomUUID } from "node:crypto";
import { answerWanVideo } from "./dashscope-video.js";
import type { FakeExchange } from "./fake-exchange.js";
import { fakeMp3 } from "./fake-mp3.js";
import { type FakeServer, startFakeServer } from "./fake-server.js";
import { fakeWav } from "./fake-wav.js";
import { VideoJobBook } from "./video-job-book.js";

/** A running fake DashScope: the API and the file origin its audio URLs point at. */
export interface FakeDashScope {
  /** What to set as DASHSCOPE_BASE_URL: `<origin>/api/v1`. */
  readonly url: string;
  readonly api: FakeServer;
  /** Serves the audio files; its requests are the downloads. */
  readonly files: FakeServer;
  /** Wan video tasks. */
  readonly book: VideoJobBook;
  close(): Promise<void>;
}

/** Voices the fake knows, per model family, as the service's docs list them. */
export const fakeDashScopeVoices = {
  qwen: ["Cherry", "Serena", "Ethan", "Chelsie"],
  cosyvoice: ["longanyang", "longxiaochun_v2", "longhua_v2"],
};

/** Seconds of audio per character of text: long enough to hear, short enough for tests. */
const secondsPerCharacter = 0.06;

export async function startFakeDashScope(
  options: { apiKey?: string } = {},
): Promise<FakeDashScope> {
  const apiKey = options.apiKey ?? "sk-dashscope-test";
  const stored = new Map<string, Buffer>();
  const book = new VideoJobBook();
  const files = await startFakeServer(async (exchange) => {
    if (await book.serveResult(exchange)) return;
    const audio = stored.get(exchange.request.path);
    if (!audio) {
      exchange.response.writeHead(404, { "content-type": "application/xml" });
      exchange.response.end("<Error><Code>NoSuchKey</Code></Error>");
      return;
    }
    const cut = exchange.fault && "truncateAudio" in exchange.fault;
    exchange.response.writeHead(200, {
      "content-type": exchange.request.path.endsWith(".mp3") ? "audio/mpeg" : "audio/wav",
      "content-length": String(audio.length),
    });
    if (!cut) {
      exchange.response.end(audio);
      return;
    }
    exchange.response.write(audio.subarray(0, audio.length / 2), () => exchange.response.destroy());
  });

  function error(exchange: FakeExchange, status: number, code: string, message: string) {
    exchange.json({ request_id: randomUUID(), code, message }, status);
  }

  function speak(exchange: FakeExchange, family: keyof typeof fakeDashScopeVoices) {
    const body = exchange.request.body as {
      model?: string;
      input?: {
        text?: string;
        voice?: string;
        format?: string;
        sample_rate?: number;
        rate?: number;
      };
    };
    const text = body?.input?.text ?? "";
    if (!body?.model || !text) {
      return error(
        exchange,
        400,
        "InvalidParameter",
        "Missing required parameter: model or input.text",
      );
    }
    const voice = body.input?.voice;
    if (!voice || !fakeDashScopeVoices[family].includes(voice)) {
      return error(
        exchange,
        400,
        "InvalidParameter",
        `Voice '${voice}' is not supported by ${body.model}.`,
      );
    }
    const format = family === "cosyvoice" ? (body.input?.format ?? "mp3") : "wav";
    const rate = family === "cosyvoice" ? (body.input?.rate ?? 1) : 1;
    const durationSeconds = Math.max(0.5, ([...text].length * secondsPerCharacter) / rate);
    const sampleRate = body.input?.sample_rate ?? 24000;
    const audio =
      format === "mp3"
        ? fakeMp3({ durationSeconds, sampleRate: sampleRate === 24000 ? 24000 : 44100 })
        : fakeWav({ durationSeconds, sampleRate });
    const expiresAt = Math.floor(Date.now() / 1000) + 86_400;
    const path = `/audio/${randomUUID()}.${format}`;
    // truncateAudio on the API request: the service made a cut file and serves it whole.
    const cut = exchange.fault && "truncateAudio" in exchange.fault;
    stored.set(path, cut ? audio.subarray(0, audio.length / 2) : audio);
    exchange.json({
      request_id: randomUUID(),
      output: {
        finish_reason: "stop",
        audio: {
          url: `${files.origin}${path}?Expires=${expiresAt}`,
          id: `audio_${randomUUID()}`,
          expires_at: expiresAt,
          data: "",
        },
      },
      usage: { characters: [...text].length },
    });
  }

  const api = await startFakeServer(
    (exchange) => {
      const { method, path, headers } = exchange.request;
      if (headers.authorization !== `Bearer ${apiKey}`) {
        return error(exchange, 401, "InvalidApiKey", "Invalid API-key provided.");
      }
      if (method === "POST" && path === "/api/v1/services/aigc/multimodal-generation/generation") {
        return speak(exchange, "qwen");
      }
      if (method === "POST" && path === "/api/v1/services/audio/tts/SpeechSynthesizer") {
        return speak(exchange, "cosyvoice");
      }
      if (answerWanVideo(exchange, book, files.origin)) return;
      error(exchange, 404, "NotFound", `No route for ${method} ${path}`);
    },
    {
      basePath: "/api/v1",
      errorBody: (status) => ({
        request_id: randomUUID(),
        code: status === 429 ? "Throttling.RateQuota" : "InternalError",
        message: `status ${status}`,
      }),
    },
  );
  return {
    url: api.url,
    api,
    files,
    book,
    async close() {
      await Promise.all([api.close(), files.close()]);
    },
  };
}
