/** `animate` end to end as a process: the image kit's PNG as the first frame, on Sora and Runway. */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type FakeRunway, fakeImage, startFakeRunway, useTempDir } from "@path/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectVideo, useFakeSora, videosIn } from "./fixtures.js";
import { runVideo } from "./run-video.js";

const folder = useTempDir("video-animate-");
const { fake, env } = useFakeSora();
let runway: FakeRunway;
beforeAll(async () => {
  runway = await startFakeRunway();
});
afterAll(async () => {
  await runway.close();
});

/** A picture as the image kit saves it (a PNG) of this size. */
async function picture(name: string, width: number, height: number): Promise<string> {
  const path = join(folder(), name);
  await writeFile(path, fakeImage({ prompt: "a small red dragon", width, height }));
  return path;
}

describe("animate", { timeout: 120_000 }, () => {
  it("sends the picture as the first frame (Sora) and saves the video with the picture named in its .json", async () => {
    const dragon = await picture("2026-12-04-a-small-red-dragon-1.png", 1280, 720);
    const out = join(folder(), "sora-out");
    const before = fake().book.created;
    const result = await runVideo(
      [
        "animate",
        dragon,
        "the dragon flaps its wings and flies off",
        "--seconds",
        "4",
        "--model",
        "openai:sora-2",
        "--yes",
        "--out",
        out,
      ],
      { cwd: folder(), env: env(join(folder(), "jobs-sora")) },
    );
    expect(result.stderr).not.toMatch(/^error/m);
    expect(result.code).toBe(0);
    expect(fake().book.created).toBe(before + 1);
    expect([...fake().book.jobs.values()].at(-1)?.request).toMatchObject({
      image: true,
      prompt: "the dragon flaps its wings and flies off",
    });
    const [name] = await videosIn(out);
    expect(name).toMatch(/^animate-\d{4}-\d\d-\d\d-the-dragon-flaps-its-wings-and\.mp4$/);
    await expectVideo(join(out, name!), { seconds: 4, width: 1280, height: 720 });
    const sidecar = JSON.parse(await readFile(join(out, name!.replace(".mp4", ".json")), "utf8"));
    expect(sidecar).toMatchObject({ quest: "animate", image: dragon, model: "sora-2" });
    const jobs = await runVideo(["jobs"], { cwd: folder(), env: env(join(folder(), "jobs-sora")) });
    expect(jobs.stdout).toMatch(/openai:sora-2 +saved .*the dragon flaps/);
  });

  it("takes no prompt on a model that animates from the picture alone (Runway gen4_turbo)", async () => {
    const dragon = await picture("dragon-wide.png", 640, 360);
    const out = join(folder(), "runway-out");
    const result = await runVideo(
      [
        "animate",
        dragon,
        "--seconds",
        "5",
        "--ar",
        "16:9",
        "--model",
        "runway:gen4_turbo",
        "--yes",
        "--out",
        out,
      ],
      {
        cwd: folder(),
        env: {
          RUNWAYML_API_SECRET: "key_runway_test",
          RUNWAYML_BASE_URL: runway.url,
          GENAI_JOBS_DIR: join(folder(), "jobs-runway"),
          GENAI_VIDEO_POLL_MS: "5",
        },
      },
    );
    expect(result.stderr).not.toMatch(/^error/m);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^cost: about \$0\.25 \(runway:gen4_turbo, 5 s at \$0\.05\/s/m);
    expect(runway.book.created).toBe(1);
    expect([...runway.book.jobs.values()][0]?.request).toMatchObject({ image: true, prompt: "" });
    const [name] = await videosIn(out);
    expect(name).toMatch(/^animate-\d{4}-\d\d-\d\d-dragon-wide\.mp4$/);
    // Runway makes 1280:720; the fake makes the same shape small.
    await expectVideo(join(out, name!), { seconds: 5, width: 64, height: 36 });
  });
});
