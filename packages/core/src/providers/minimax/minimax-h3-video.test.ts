import { type FakeMiniMax, fakeImage, startFakeMiniMax } from "@path/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiCallError, InvalidResponseError } from "../../errors.js";
import type { VideoModel, VideoStartOptions } from "../../spec/index.js";
import { MiniMaxH3VideoModel } from "./minimax-h3-video-model.js";
import { createMiniMax } from "./minimax-provider.js";

const apiKey = "sk-api-minimax-h3";

describe("minimax H3 video (API v2) on the fake MiniMax", () => {
  let fake: FakeMiniMax;
  const model = (id = "MiniMax-H3", key = apiKey) =>
    createMiniMax({ apiKey: key, baseURL: fake.url }).videoModel!(id);
  const start = (videoModel: VideoModel, options: Partial<VideoStartOptions> = {}) =>
    videoModel.doStart({
      prompt: "a boy plays basketball on the beach",
      requestKey: "k",
      ...options,
    });

  beforeAll(async () => {
    fake = await startFakeMiniMax({ apiKey });
  });
  beforeEach(() => fake.api.reset());
  afterAll(() => fake.close());

  it("is the v2 adapter for H3 names, with 4–15 s on H3 and 5–15 s on H3-Max", () => {
    expect(model()).toBeInstanceOf(MiniMaxH3VideoModel);
    expect(model("MiniMax-H3").limits.durations).toContain(4);
    expect(model("MiniMax-H3-Max").limits.durations).not.toContain(4);
    expect(model("MiniMax-H3").limits.durations?.[0]).toBe(5);
    expect(model("MiniMax-Hailuo-02")).not.toBeInstanceOf(MiniMaxH3VideoModel);
  });

  it("sends the prompt as content with 768P, the length and a concrete ratio; warns that there is no seed", async () => {
    const { jobId, warnings } = await start(model(), { aspectRatio: "9:16", seed: 1 });
    expect(fake.api.requests[0]).toMatchObject({
      method: "POST",
      path: "/v2/video_generation",
      headers: { authorization: `Bearer ${apiKey}` },
      body: {
        model: "MiniMax-H3",
        content: [{ type: "text", text: "a boy plays basketball on the beach" }],
        resolution: "768P",
        duration: 5,
        ratio: "9:16",
      },
    });
    expect(warnings.map((warning) => warning.setting)).toEqual(["seed"]);
    expect(fake.book.jobs.get(jobId)?.request).toMatchObject({ width: 36, height: 64, seconds: 5 });
  });

  it("sends a first frame as a data URL with the adaptive ratio", async () => {
    const png = fakeImage({ prompt: "court", width: 640, height: 480 });
    await start(model(), { image: { data: png, width: 640, height: 480 }, durationSeconds: 8 });
    expect(fake.api.requests[0]?.body).toMatchObject({
      content: [
        { type: "text" },
        {
          type: "image_url",
          image_url: { url: `data:image/png;base64,${png.toString("base64")}` },
          role: "first_frame",
        },
      ],
      duration: 8,
      ratio: "adaptive",
    });
  });

  it("maps queued, running and succeeded, with a fresh content.url on every query", async () => {
    fake.book.planNext({ queuedPolls: 1, runningPolls: 1 });
    const videoModel = model();
    const { jobId } = await start(videoModel);
    expect((await videoModel.doStatus({ jobId })).state).toBe("queued");
    expect((await videoModel.doStatus({ jobId })).state).toBe("running");
    const first = await videoModel.doStatus({ jobId });
    const second = await videoModel.doStatus({ jobId });
    const url = (status: typeof first) =>
      status.state === "succeeded" && "url" in status.video ? status.video.url : "";
    expect(url(first)).toContain(fake.files.origin);
    expect(url(second)).not.toBe(url(first));
    expect((await fetch(url(second))).status).toBe(200);
  });

  it("maps failed with MiniMax's string code and message", async () => {
    fake.book.planNext({ outcome: "failed", queuedPolls: 0, runningPolls: 0 });
    const { jobId } = await start(model());
    expect(await model().doStatus({ jobId })).toEqual({
      state: "failed",
      message: "The prompt was flagged by moderation.",
      code: "1026",
    });
  });

  it("cancels a queued task with DELETE (then cancelled) and refuses a running one", async () => {
    const videoModel = model();
    const { jobId } = await start(videoModel);
    await videoModel.doCancel!({ jobId });
    expect(fake.api.requests.at(-1)).toMatchObject({
      method: "DELETE",
      path: `/v2/video_generation/${jobId}`,
    });
    expect((await videoModel.doStatus({ jobId })).state).toBe("cancelled");
    fake.book.planNext({ queuedPolls: 0 });
    const running = await start(videoModel);
    expect((await videoModel.doStatus({ jobId: running.jobId })).state).toBe("running");
    await expect(videoModel.doCancel!({ jobId: running.jobId })).rejects.toBeInstanceOf(
      ApiCallError,
    );
  });

  it("a task id MiniMax does not know (or kept past 7 days) is expired", async () => {
    const status = await model().doStatus({ jobId: "42" });
    expect(status.state).toBe("expired");
    expect((status as { message: string }).message).toMatch(/does not know video task 42.*7 days/);
  });

  it("refuses a status spelling it does not know", async () => {
    fake.book.planNext({ outcome: { unknownStatus: "paused" }, queuedPolls: 0, runningPolls: 0 });
    const { jobId } = await start(model());
    const error = await model()
      .doStatus({ jobId })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.message).toContain('unknown job status "paused"');
  });

  it("reads v2's real HTTP errors: a bad key is a 401 with the region hint, a bad resolution a 400", async () => {
    const refused = await start(model("MiniMax-H3", "sk-wrong")).catch((caught) => caught);
    expect(refused).toBeInstanceOf(ApiCallError);
    expect(refused.status).toBe(401);
    expect(refused.message).toMatch(/invalid api key \(2049\).*api\.minimaxi\.com/);
    const invalid = await start(model("MiniMax-H3-Max"), {
      providerOptions: { minimax: { resolution: "2K" } },
    }).catch((caught) => caught);
    expect(invalid).toMatchObject({ status: 400 });
    expect(invalid.message).toMatch(/invalid resolution 2K/);
  });
});
