/** A fake video service for one test file, its environment for the kit, and checks on what was saved. */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { decodeVideo } from "@path/core";
import { type FakeOpenAI, startFakeOpenAI } from "@path/testing";
import { afterAll, beforeAll, expect } from "vitest";
import { ffprobe, hasFfprobe } from "./run-video.js";

/** A fake OpenAI (Sora) for the tests of the file; `env(jobs)` points the kit at it. */
export function useFakeSora(): {
  fake: () => FakeOpenAI;
  env: (jobsDir: string, extra?: Record<string, string>) => Record<string, string>;
} {
  let server: FakeOpenAI | undefined;
  beforeAll(async () => {
    server = await startFakeOpenAI();
  });
  afterAll(async () => {
    await server?.close();
  });
  const fake = () => server!;
  return {
    fake,
    env: (jobsDir, extra = {}) => ({
      OPENAI_API_KEY: "sk-test-video",
      OPENAI_BASE_URL: fake().url,
      GENAI_JOBS_DIR: jobsDir,
      GENAI_VIDEO_POLL_MS: "5",
      ...extra,
    }),
  };
}

/** The video files (mp4, mov, webm) in a folder, sorted. */
export async function videosIn(directory: string): Promise<string[]> {
  const names = await readdir(directory).catch(() => [] as string[]);
  return names.filter((name) => /\.(mp4|mov|webm)$/.test(name)).sort();
}

/** The file is a whole video of this length and size, by core's decoder and by ffprobe. */
export async function expectVideo(
  path: string,
  expected: { seconds: number; width: number; height: number },
): Promise<void> {
  const decoded = await decodeVideo(await readFile(path), path);
  expect(decoded.durationSeconds).toBeCloseTo(expected.seconds, 1);
  expect({ width: decoded.width, height: decoded.height }).toEqual({
    width: expected.width,
    height: expected.height,
  });
  if (!hasFfprobe) return;
  const probe = await ffprobe(path);
  expect(probe?.durationSeconds).toBeCloseTo(expected.seconds, 1);
  expect(probe).toMatchObject({ width: expected.width, height: expected.height, codec: "h264" });
}

export const joinPath = join;
