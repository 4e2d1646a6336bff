import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeMiniMax, startFakeMiniMax } from "./fake-minimax.js";
import { miniMaxFault } from "./fake-minimax-errors.js";

const apiKey = "sk-api-fake";

interface Reply {
  base_resp: { status_code: number };
  data: { audio: string };
  extra_info: { audio_size: number; music_size: number };
  file: { file_id: number };
  voice_cloning: { voice_id: string }[];
}
const read = async (response: Response | Promise<Response>) =>
  (await (await response).json()) as Reply;

describe("fake MiniMax", () => {
  let fake: FakeMiniMax;
  const post = (path: string, body: unknown, key = apiKey) =>
    fetch(`${fake.url}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  beforeAll(async () => {
    fake = await startFakeMiniMax({ apiKey });
  });
  beforeEach(() => fake.api.reset());
  afterAll(() => fake.close());

  it("speaks in hex-encoded MP3 whose size extra_info states, ignoring GroupId", async () => {
    const response = await post("/v1/t2a_v2?GroupId=123", {
      model: "speech-02-hd",
      text: "你好，世界。",
      voice_setting: { voice_id: "female-shaonv" },
    });
    const body = await read(response);
    expect(response.status).toBe(200);
    expect(body.base_resp.status_code).toBe(0);
    const audio = Buffer.from(body.data.audio, "hex");
    expect(audio.length).toBe(body.extra_info.audio_size);
    expect(audio.subarray(0, 3).toString("latin1")).not.toBe("RIF");
  });

  it("reports a bad key and an unknown voice with HTTP 200 and a base_resp code", async () => {
    const badKey = await post("/v1/t2a_v2", { model: "m", text: "x" }, "wrong");
    expect(badKey.status).toBe(200);
    expect((await read(badKey)).base_resp.status_code).toBe(2049);
    const unknown = await post("/v1/t2a_v2", {
      model: "speech-02-hd",
      text: "x",
      voice_setting: { voice_id: "Robot" },
    });
    expect((await read(unknown)).base_resp).toMatchObject({ status_code: 2013 });
  });

  it("injects base_resp faults and cut audio", async () => {
    fake.api.inject(miniMaxFault("no-music-access", { path: "/v1/music_generation" }));
    const refused = await post("/v1/music_generation", {
      model: "music-2.6",
      lyrics: "[Verse]\nla",
    });
    expect(refused.status).toBe(200);
    expect((await read(refused)).base_resp.status_code).toBe(2061);
    fake.api.inject({ path: "/v1/music_generation", truncateAudio: true });
    const cut = await read(
      post("/v1/music_generation", { model: "music-2.6", lyrics: "[Verse]\nla la" }),
    );
    expect(cut.data.audio.length / 2).toBeLessThan(cut.extra_info.music_size);
  });

  it("uploads a sample, clones a voice once, lists it, and refuses the id twice", async () => {
    const form = new FormData();
    form.append("purpose", "voice_clone");
    form.append("file", new Blob([Buffer.from("RIFF")]), "sample.wav");
    const uploaded = await read(
      fetch(`${fake.url}/v1/files/upload`, {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}` },
        body: form,
      }),
    );
    const clone = { file_id: uploaded.file.file_id, voice_id: "PathVoice001" };
    expect((await read(post("/v1/voice_clone", clone))).base_resp.status_code).toBe(0);
    expect((await read(post("/v1/voice_clone", clone))).base_resp.status_code).toBe(2039);
    const voices = await read(post("/v1/get_voice", { voice_type: "all" }));
    expect(voices.voice_cloning.map((voice) => voice.voice_id)).toEqual(["PathVoice001"]);
  });

  it("runs T2A async tasks through Processing to Success or Failed", async () => {
    const get = async (path: string) =>
      (await (
        await fetch(`${fake.url}${path}`, { headers: { authorization: `Bearer ${apiKey}` } })
      ).json()) as { status: string; file: { download_url: string; bytes: number } };
    const create = async () =>
      (await (
        await post("/v1/t2a_async_v2", {
          model: "speech-2.6-hd",
          text: "很长的文本。",
          voice_setting: { voice_id: "female-shaonv" },
        })
      ).json()) as { task_id: number; file_id: number };
    const task = await create();
    const statuses: string[] = [];
    for (let poll = 0; poll < 3; poll++) {
      statuses.push((await get(`/v1/query/t2a_async_query_v2?task_id=${task.task_id}`)).status);
    }
    expect(statuses).toEqual(["Processing", "Processing", "Success"]);
    const { file } = await get(`/v1/files/retrieve?file_id=${task.file_id}`);
    const audio = Buffer.from(await (await fetch(file.download_url)).arrayBuffer());
    expect(audio.length).toBe(file.bytes);
    fake.failNextTask();
    const failing = await create();
    for (let poll = 0; poll < 2; poll++) {
      await get(`/v1/query/t2a_async_query_v2?task_id=${failing.task_id}`);
    }
    expect((await get(`/v1/query/t2a_async_query_v2?task_id=${failing.task_id}`)).status).toBe(
      "Failed",
    );
  });

  it("serves URL output from a second origin that refuses a bearer token", async () => {
    const body = await read(
      post("/v1/music_generation", {
        model: "music-2.6",
        is_instrumental: true,
        prompt: "lofi",
        output_format: "url",
      }),
    );
    const url = body.data.audio as string;
    expect(url.startsWith(fake.files.origin)).toBe(true);
    expect((await fetch(url, { headers: { authorization: "Bearer x" } })).status).toBe(400);
    const plain = await fetch(url);
    expect(Buffer.from(await plain.arrayBuffer()).length).toBe(body.extra_info.music_size);
  });
});
