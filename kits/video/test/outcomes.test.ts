/**
 * How a job can end besides a saved video: failed on the provider (in its words, remembered),
 * Ctrl-C (the job keeps running there and is picked up later); and a 中文 vendor, Kling, end to
 * end with its signed token and a price the kit does not know.
 */
import { join } from "node:path";
import { type FakeKling, startFakeKling, useTempDir } from "@path/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectVideo, useFakeSora, videosIn } from "./fixtures.js";
import { runVideo } from "./run-video.js";

const folder = useTempDir("video-outcomes-");
const { fake, env } = useFakeSora();
let kling: FakeKling;
beforeAll(async () => {
  kling = await startFakeKling();
});
afterAll(async () => {
  await kling.close();
});

describe("how a job ends", { timeout: 120_000 }, () => {
  it("a failed job is one line in the provider's words, remembered: the rerun says so without paying", async () => {
    const jobs = join(folder(), "jobs-failed");
    const out = join(folder(), "out-failed");
    const args = [
      "make",
      "something the moderation refuses",
      "--model",
      "openai:sora-2",
      "--yes",
      "--out",
      out,
    ];
    fake().book.planNext({ outcome: "failed" });
    const result = await runVideo(args, { cwd: folder(), env: env(jobs) });
    expect(result.code).toBe(1);
    const errors = result.stderr.split("\n").filter((line) => line.startsWith("error:"));
    expect(errors).toEqual([
      expect.stringMatching(
        /^error: openai job video_\w+ failed: The prompt was flagged by moderation\. \(moderation_blocked\)\. Change the prompt or settings, or run again with --new/,
      ),
    ]);
    const created = fake().book.created;
    const again = await runVideo(args, { cwd: folder(), env: env(jobs) });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /^error: openai job video_\w+ failed: it failed earlier \(The prompt was flagged by moderation\.\); run again with --new/m,
    );
    expect(fake().book.created).toBe(created);
    const listed = await runVideo(["jobs"], { cwd: folder(), env: env(jobs) });
    expect(listed.stdout).toMatch(
      / failed .*something the moderation refuses.*The prompt was flagged by moderation\.$/m,
    );
    expect(await videosIn(out)).toEqual([]);
  });

  it("Ctrl-C stops waiting (exit 130); the job goes on at the provider and the rerun picks it up", async () => {
    const jobs = join(folder(), "jobs-ctrl-c");
    const out = join(folder(), "out-ctrl-c");
    const args = ["make", "a slow sunrise", "--model", "openai:sora-2", "--yes", "--out", out];
    fake().book.planNext({ runningPolls: 6 });
    const before = fake().book.created;
    let pressed = false;
    const stopped = await runVideo(args, {
      cwd: folder(),
      env: env(jobs),
      onStderr: (stderr, child) => {
        if (!pressed && /^running/m.test(stderr)) {
          pressed = true;
          child.kill("SIGINT");
        }
      },
    });
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(/^cancelled$/m);
    const rerun = await runVideo(args, { cwd: folder(), env: env(jobs) });
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toMatch(/^resuming job [0-9a-f]{8} on openai:sora-2/m);
    expect(fake().book.created).toBe(before + 1);
    expect(await videosIn(out)).toHaveLength(1);
  });
});

describe("Kling (可灵)", { timeout: 120_000 }, () => {
  it("makes a video with a signed token, after its price is shown and accepted with --yes", async () => {
    const klingEnv = {
      KLING_ACCESS_KEY: kling.accessKey,
      KLING_SECRET_KEY: kling.secretKey,
      KLING_BASE_URL: kling.url,
      GENAI_JOBS_DIR: join(folder(), "jobs-kling"),
      GENAI_VIDEO_POLL_MS: "5",
    };
    const out = join(folder(), "out-kling");
    const args = [
      "make",
      "雨中的街道上漂着一只纸船，电影感",
      "--seconds",
      "5",
      "--ar",
      "9:16",
      "--model",
      "kling:kling-v2-5-turbo",
      "--out",
      out,
    ];
    const refused = await runVideo(args, { cwd: folder(), env: klingEnv });
    expect(refused.code).toBe(2);
    // Kling's price is in core's list (by second, for the default mode); the kit shows it.
    expect(refused.stderr).toMatch(
      /^error: this video costs about \$[\d.]+ \(kling:kling-v2-5-turbo, 5 s at \$[\d.]+\/s, prices of \d{4}-\d\d\); add --yes to accept the price \(nothing was sent\)\n$/,
    );
    expect(kling.book.created).toBe(0);

    const made = await runVideo([...args, "--yes"], { cwd: folder(), env: klingEnv });
    expect(made.stderr).not.toMatch(/^error/m);
    expect(made.code).toBe(0);
    expect(kling.book.created).toBe(1);
    const [name] = await videosIn(out);
    expect(name).toMatch(/^video-\d{4}-\d\d-\d\d-雨中的街道上漂着一只纸船-电影感\.mp4$/);
    await expectVideo(join(out, name!), { seconds: 5, width: 36, height: 64 });
    const info = await runVideo(["info", join(out, name!)], { cwd: folder(), env: klingEnv });
    expect(info.stdout).toMatch(/^prompt {4}雨中的街道上漂着一只纸船，电影感$/m);
    expect(info.stdout).toMatch(/^model {5}kling:kling-v2-5-turbo$/m);
    expect(info.stdout).toMatch(/^asked {5}5 s, 9:16$/m);
  });
});

describe("--help", () => {
  it("every quest explains itself on stdout with exit 0", async () => {
    for (const quest of ["make", "animate", "jobs", "resume", "info"]) {
      const result = await runVideo([quest, "--help"], { cwd: folder() });
      expect(result.code, quest).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: npm run video -- ${quest} `));
    }
    const top = await runVideo(["--help"], { cwd: folder() });
    expect(top.stdout).toMatch(/^ {2}make {6}text to video/m);
    const typo = await runVideo(["mkae"], { cwd: folder() });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe(
      'error: unknown quest "mkae"; did you mean "make"? the quests are make, animate, jobs, resume, info\n',
    );
  }, 180_000);
});
