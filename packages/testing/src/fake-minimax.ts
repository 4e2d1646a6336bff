/**
 * A fake MiniMax v1 API: speech (`/v1/t2a_v2`), voices (`/v1/get_voice`), file upload
 * (`/v1/files/upload` and `/v1/files`), voice cloning (`/v1/voice_clone`), music
 * (`/v1/music_generation`) and long-text speech tasks (`/v1/t2a_async_v2`, queried until
 * `Success` or `Failed`, the audio then at `/v1/files/retrieve`'s `download_url`). Like the service it answers HTTP 200 for business errors, with the
 * code in `base_resp`, sends audio as hex (or, with `output_format:"url"`, a URL on a second
 * origin that refuses an `Authorization` header) and ignores a `GroupId` query parameter.
 * Faults: {@link miniMaxFault} for `base_resp` errors; `truncateAudio` sends half the file
 * while `extra_info` states the whole size. Hailuo video tasks (see `minimax-video.ts`) keep
 * their jobs in `book`, as do H3 tasks on API v2 (`minimax-h3-video.ts`); their files are
 * served by `files`, which refuses a key as storage does.
 */
import { randomUUID } from "node:crypto";
import type { FakeExchange } from "./fake-exchange.js";
import { miniMaxEnvelope, miniMaxErrors } from "./fake-minimax-errors.js";
import { fakeMp3 } from "./fake-mp3.js";
import { type FakeServer, startFakeServer } from "./fake-server.js";
import { fakeWav } from "./fake-wav.js";
import { h3VideoRoutes } from "./minimax-h3-video.js";
import { hailuoVideoRoutes } from "./minimax-video.js";
import { multipartField, parseMultipart } from "./multipart.js";
import { VideoJobBook } from "./video-job-book.js";

export interface FakeMiniMaxOptions {
  apiKey?: string;
  /**
   * Seconds of music per request. Default: 2 s per lyric line plus 4 s (MiniMax sets the length
   * from the lyrics; there is no duration field), 10 s for instrumental pieces.
   */
  musicSeconds?: number | ((body: MusicRequestBody) => number);
  /** Send `file_id` as a string, as some MiniMax schemas and clients type it (default a number). */
  fileIdsAsStrings?: boolean;
  /** Queries a T2A async task answers `Processing` before it ends. Default 2. */
  asyncPolls?: number;
}

export interface MusicRequestBody {
  model?: string;
  prompt?: string;
  lyrics?: string;
  is_instrumental?: boolean;
  output_format?: string;
  audio_setting?: { sample_rate?: number; format?: string };
}

/** A running fake MiniMax: the API and the origin its audio URLs point at. */
export interface FakeMiniMax {
  /** What to set as MINIMAX_BASE_URL (the origin; routes start with `/v1`). */
  readonly url: string;
  readonly api: FakeServer;
  /** Serves audio for `output_format:"url"`; its requests are the downloads. */
  readonly files: FakeServer;
  /** Voice ids cloned on this fake so far. */
  readonly clonedVoices: string[];
  /** Hailuo video tasks. */
  readonly book: VideoJobBook;
  /** Makes the next T2A async task end `Failed` instead of `Success`. */
  failNextTask(): void;
  close(): Promise<void>;
}

/** System voices the fake has, from MiniMax's system voice list. */
export const fakeMiniMaxVoices = [
  { voice_id: "female-shaonv", voice_name: "少女", description: ["中文 female"] },
  { voice_id: "male-qn-qingse", voice_name: "青涩青年", description: ["中文 male"] },
  { voice_id: "Chinese (Mandarin)_Lyrical_Voice", voice_name: "抒情男声", description: [] },
  { voice_id: "English_expressive_narrator", voice_name: "Expressive Narrator", description: [] },
  { voice_id: "Cantonese_GentleLady", voice_name: "温柔女声", description: [] },
  { voice_id: "Japanese_Whisper_Belle", voice_name: "Whisper Belle", description: [] },
];

const secondsPerCharacter = 0.06;
const speechRates = new Set([8000, 16000, 22050, 24000, 32000, 44100]);
const voiceIdPattern = /^[A-Za-z][A-Za-z0-9_-]{6,254}[A-Za-z0-9]$/;

export async function startFakeMiniMax(options: FakeMiniMaxOptions = {}): Promise<FakeMiniMax> {
  const apiKey = options.apiKey ?? "sk-api-minimax-test";
  const stored = new Map<string, Buffer>();
  const uploads = new Map<number, { filename: string; bytes: number; purpose: string }>();
  const cloned: { voice_id: string; created_time: string }[] = [];
  let nextFileId = 346_708_620_468_307;
  const tasks = new Map<number, { polls: number; fileId: number; failed: boolean }>();
  const outputs = new Map<number, { path: string; bytes: number }>();
  let failNext = false;
  const book = new VideoJobBook();
  const answerVideo = hailuoVideoRoutes(book);
  const answerH3 = h3VideoRoutes(book, apiKey);

  const files = await startFakeServer(async (exchange) => {
    const audio = stored.get(exchange.request.path);
    if (exchange.request.headers.authorization) {
      exchange.response.writeHead(400, { "content-type": "application/xml" });
      exchange.response.end(
        "<Error><Code>InvalidArgument</Code><Message>Only one auth mechanism allowed</Message></Error>",
      );
      return;
    }
    if (await book.serveResult(exchange)) return;
    if (!audio) {
      exchange.response.writeHead(404, { "content-type": "application/xml" });
      exchange.response.end("<Error><Code>NoSuchKey</Code></Error>");
      return;
    }
    exchange.response.writeHead(200, { "content-length": String(audio.length) });
    exchange.response.end(audio);
  });

  const fail = (exchange: FakeExchange, kind: keyof typeof miniMaxErrors, detail?: string) => {
    const [code, message] = miniMaxErrors[kind];
    exchange.json(miniMaxEnvelope(code, detail ? `${message}, ${detail}` : message));
  };

  /** Hex in `data.audio`, or a URL to the file; `truncateAudio` sends half of it. */
  function deliver(exchange: FakeExchange, audio: Buffer, format: string, outputFormat?: string) {
    const cut = exchange.fault && "truncateAudio" in exchange.fault;
    const sent = cut ? audio.subarray(0, Math.floor(audio.length / 2)) : audio;
    if (outputFormat === "url") {
      const path = `/audio/${randomUUID()}.${format}`;
      stored.set(path, sent);
      return `${files.origin}${path}?Expires=${Math.floor(Date.now() / 1000) + 86_400}`;
    }
    return sent.toString("hex");
  }

  function makeAudio(format: string, durationSeconds: number, sampleRate: number) {
    // The fake makes MP3 and WAV only; FLAC and the rest come back as WAV (the adapter's
    // format check notices).
    return format === "mp3"
      ? fakeMp3({ durationSeconds, sampleRate })
      : fakeWav({ durationSeconds, sampleRate });
  }

  function speak(exchange: FakeExchange) {
    const body = exchange.request.body as {
      model?: string;
      text?: string;
      output_format?: string;
      voice_setting?: { voice_id?: string; speed?: number };
      audio_setting?: { sample_rate?: number; format?: string };
    };
    const text = body?.text ?? "";
    if (!body?.model || !text)
      return fail(exchange, "invalid-params", "model and text are required");
    if ([...text].length >= 10_000) return fail(exchange, "invalid-params", "text too long");
    const voice = body.voice_setting?.voice_id ?? "";
    const known =
      fakeMiniMaxVoices.some((entry) => entry.voice_id === voice) ||
      cloned.some((entry) => entry.voice_id === voice);
    if (!known) return fail(exchange, "invalid-params", `voice id not exist: ${voice}`);
    const speed = body.voice_setting?.speed ?? 1;
    if (!(speed >= 0.5 && speed <= 2)) return fail(exchange, "invalid-params", "speed");
    const format = body.audio_setting?.format ?? "mp3";
    const sampleRate = body.audio_setting?.sample_rate ?? 32000;
    if (!speechRates.has(sampleRate)) return fail(exchange, "invalid-params", "sample_rate");
    const seconds = Math.max(0.5, ([...text].length * secondsPerCharacter) / speed);
    const audio = makeAudio(format, seconds, sampleRate);
    exchange.json({
      data: { audio: deliver(exchange, audio, format, body.output_format), status: 2 },
      extra_info: {
        audio_length: Math.round(seconds * 1000),
        audio_sample_rate: sampleRate,
        audio_size: audio.length,
        bitrate: 128000,
        word_count: [...text].length,
        invisible_character_ratio: 0,
        usage_characters: [...text].length,
        audio_format: format,
        audio_channel: 1,
      },
      trace_id: randomUUID().replaceAll("-", ""),
      base_resp: { status_code: 0, status_msg: "success" },
    });
  }

  /** T2A async: a task that answers `Processing` for `asyncPolls` queries, then ends. */
  function createTask(exchange: FakeExchange) {
    const body = exchange.request.body as {
      model?: string;
      text?: string;
      voice_setting?: { voice_id?: string; speed?: number };
      audio_setting?: { audio_sample_rate?: number; format?: string };
    };
    const text = body?.text ?? "";
    if (!body?.model || !text)
      return fail(exchange, "invalid-params", "model and text are required");
    const format = body.audio_setting?.format ?? "mp3";
    if (!["mp3", "pcm", "flac"].includes(format)) return fail(exchange, "invalid-params", "format");
    const seconds = Math.max(
      0.5,
      ([...text].length * secondsPerCharacter) / (body.voice_setting?.speed ?? 1),
    );
    const audio = makeAudio(format, seconds, body.audio_setting?.audio_sample_rate ?? 32000);
    const fileId = nextFileId++;
    const path = `/audio/${randomUUID()}.${format}`;
    stored.set(path, audio);
    outputs.set(fileId, { path, bytes: audio.length });
    const taskId = nextFileId++;
    tasks.set(taskId, { polls: 0, fileId, failed: failNext });
    failNext = false;
    exchange.json({
      task_id: taskId,
      task_token: randomUUID(),
      file_id: fileId,
      usage_characters: [...text].length,
      base_resp: { status_code: 0, status_msg: "success" },
    });
  }

  function queryTask(exchange: FakeExchange) {
    const taskId = Number(exchange.request.query.task_id);
    const task = tasks.get(taskId);
    if (!task) return fail(exchange, "invalid-params", "task_id not found");
    task.polls += 1;
    const status =
      task.polls <= (options.asyncPolls ?? 2) ? "Processing" : task.failed ? "Failed" : "Success";
    exchange.json({
      task_id: taskId,
      status,
      file_id: task.fileId,
      base_resp: { status_code: 0, status_msg: "success" },
    });
  }

  function retrieveFile(exchange: FakeExchange) {
    const fileId = Number(exchange.request.query.file_id);
    const output = outputs.get(fileId);
    if (!output) return fail(exchange, "invalid-params", "file_id not found");
    exchange.json({
      file: {
        file_id: fileId,
        bytes: output.bytes,
        created_at: Math.floor(Date.now() / 1000),
        filename: output.path.slice("/audio/".length),
        purpose: "t2a_async",
        download_url: `${files.origin}${output.path}?Expires=${Math.floor(Date.now() / 1000) + 32_400}`,
      },
      base_resp: { status_code: 0, status_msg: "success" },
    });
  }

  function listVoices(exchange: FakeExchange) {
    const type = (exchange.request.body as { voice_type?: string })?.voice_type ?? "all";
    exchange.json({
      system_voice: type === "system" || type === "all" ? fakeMiniMaxVoices : null,
      voice_cloning: type === "voice_cloning" || type === "all" ? cloned : null,
      voice_generation: type === "voice_generation" || type === "all" ? [] : null,
      base_resp: { status_code: 0, status_msg: "success" },
    });
  }

  async function upload(exchange: FakeExchange) {
    const parts = await parseMultipart(exchange.request);
    const file = parts.find((part) => part.name === "file" && part.filename);
    const purpose = multipartField(parts, "purpose") ?? "retrieval";
    if (!file) return fail(exchange, "invalid-params", "file is required");
    if (purpose === "voice_clone" && !/\.(mp3|m4a|wav)$/i.test(file.filename ?? "")) {
      return fail(exchange, "invalid-params", "voice_clone files must be mp3, m4a or wav");
    }
    const fileId = nextFileId++;
    uploads.set(fileId, { filename: file.filename ?? "", bytes: file.data.length, purpose });
    exchange.json({
      file: {
        file_id: options.fileIdsAsStrings ? String(fileId) : fileId,
        bytes: file.data.length,
        created_at: Math.floor(Date.now() / 1000),
        filename: file.filename,
        purpose,
      },
      base_resp: { status_code: 0, status_msg: "success" },
    });
  }

  function cloneVoice(exchange: FakeExchange) {
    const body = exchange.request.body as { file_id?: number | string; voice_id?: string };
    const upload = uploads.get(Number(body?.file_id));
    if (upload?.purpose !== "voice_clone") {
      return exchange.json(miniMaxEnvelope(20132, "invalid samples or voice_id"));
    }
    const voiceId = body.voice_id ?? "";
    if (!voiceIdPattern.test(voiceId)) return fail(exchange, "invalid-params", "voice_id");
    const taken =
      cloned.some((entry) => entry.voice_id === voiceId) ||
      fakeMiniMaxVoices.some((entry) => entry.voice_id === voiceId);
    if (taken) return exchange.json(miniMaxEnvelope(2039, "voice clone voice id duplicate"));
    cloned.push({ voice_id: voiceId, created_time: new Date().toISOString().slice(0, 10) });
    exchange.json({
      input_sensitive: false,
      input_sensitive_type: 0,
      demo_audio: "",
      base_resp: { status_code: 0, status_msg: "success" },
    });
  }

  function music(exchange: FakeExchange) {
    const body = exchange.request.body as MusicRequestBody;
    const prompt = body?.prompt ?? "";
    const lyrics = body?.lyrics ?? "";
    if (!body?.model) return fail(exchange, "invalid-params", "model is required");
    if (prompt.length > 2000) return fail(exchange, "invalid-params", "prompt too long");
    if (!lyrics && !body.is_instrumental)
      return fail(exchange, "invalid-params", "lyrics is required");
    if (lyrics.length > 3500) return fail(exchange, "invalid-params", "lyrics too long");
    const lines = lyrics.split("\n").filter((line) => line.trim() && !/^\[.*\]$/.test(line.trim()));
    const seconds =
      typeof options.musicSeconds === "function"
        ? options.musicSeconds(body)
        : (options.musicSeconds ?? (body.is_instrumental ? 10 : 4 + 2 * lines.length));
    const format = body.audio_setting?.format ?? "mp3";
    const sampleRate = body.audio_setting?.sample_rate ?? 44100;
    const audio = makeAudio(format, seconds, sampleRate);
    exchange.json({
      data: { audio: deliver(exchange, audio, format, body.output_format), status: 2 },
      trace_id: randomUUID().replaceAll("-", ""),
      extra_info: {
        music_duration: Math.round(seconds * 1000),
        music_sample_rate: sampleRate,
        music_channel: 1,
        bitrate: 256000,
        music_size: audio.length,
      },
      analysis_info: null,
      base_resp: { status_code: 0, status_msg: "success" },
    });
  }

  const api = await startFakeServer(
    async (exchange) => {
      const { method, path, headers } = exchange.request;
      // API v2 (H3 video) checks the key itself and answers with real HTTP statuses.
      if (answerH3(exchange, files.origin)) return;
      if (!headers.authorization) return fail(exchange, "login-failed");
      if (headers.authorization !== `Bearer ${apiKey}`) return fail(exchange, "bad-key");
      if (answerVideo(exchange, files.origin)) return;
      if (method === "POST" && path === "/v1/t2a_v2") return speak(exchange);
      if (method === "POST" && path === "/v1/get_voice") return listVoices(exchange);
      if (method === "POST" && (path === "/v1/files/upload" || path === "/v1/files")) {
        return upload(exchange);
      }
      if (method === "POST" && path === "/v1/voice_clone") return cloneVoice(exchange);
      if (method === "POST" && path === "/v1/t2a_async_v2") return createTask(exchange);
      if (method === "GET" && path === "/v1/query/t2a_async_query_v2") return queryTask(exchange);
      if (method === "GET" && path === "/v1/files/retrieve") return retrieveFile(exchange);
      if (method === "POST" && path === "/v1/music_generation") return music(exchange);
      exchange.json(
        { base_resp: { status_code: 404, status_msg: `no route ${method} ${path}` } },
        404,
      );
    },
    {
      errorBody: (status) =>
        miniMaxEnvelope(
          status === 429 ? 1002 : 1013,
          status === 429 ? "rate limit" : `status ${status}`,
        ),
    },
  );
  return {
    url: api.url,
    api,
    files,
    book,
    failNextTask() {
      failNext = true;
    },
    get clonedVoices() {
      return cloned.map((entry) => entry.voice_id);
    },
    async close() {
      await Promise.all([api.close(), files.close()]);
    },
  };
}
