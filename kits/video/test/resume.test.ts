/** `resume` by short or full key after a killed run; `jobs` follows the job from queued to saved. */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { useTempDir } from "@path/testing";
import { describe, expect, it } from "vitest";
import { expectVideo, useFakeSora, videosIn } from "./fixtures.js";
import { runVideo } from "./run-video.js";

const folder = useTempDir("video-resume-");
const { fake, env } = useFakeSora();

describe("resume", () => {
  it("picks up a job a killed run left, by its short key, without submitting it again", async () => {
    const jobs = join(folder(), "jobs");
    const out = join(folder(), "out");
    const args = [
      "make",
      "a lantern floating over a lake",
      "--seconds",
      "8",
      "--model",
      "openai:sora-2",
      "--yes",
      "--out",
      out,
    ];
    fake().book.planNext({ runningPolls: 6 });
    const first = await runVideo(args, {
      cwd: folder(),
      env: env(jobs),
      onStderr: (stderr, child) => {
        if (/^running/m.test(stderr)) child.kill("SIGKILL");
      },
    });
    expect(first.signal).toBe("SIGKILL");
    const created = fake().book.created;

    const listed = JSON.parse(
      (await runVideo(["jobs", "--json"], { cwd: folder(), env: env(jobs) })).stdout,
    );
    expect(listed.jobs).toHaveLength(1);
    const [job] = listed.jobs;
    expect(job.state).toBe("running");
    const table = await runVideo(["jobs"], { cwd: folder(), env: env(jobs) });
    expect(table.stdout).toMatch(
      new RegExp(
        `^${job.shortKey} +openai:sora-2 +running \\d+% +\\d+ s +\\$0\\.80 +a lantern floating over a lake$`,
        "m",
      ),
    );

    const resumed = await runVideo(["resume", job.shortKey, "--out", out], {
      cwd: folder(),
      env: env(jobs),
    });
    expect(resumed.stderr).not.toMatch(/^error/m);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(
      new RegExp(`^resuming job ${job.shortKey} on openai:sora-2 \\(started \\d+ s ago\\)$`, "m"),
    );
    expect(fake().book.created).toBe(created);
    const [name] = await videosIn(out);
    expect(name).toMatch(/^video-.*-a-lantern-floating-over-a-lake\.mp4$/);
    expect(resumed.stdout).toBe(`${join(out, name!)}\n`);
    await expectVideo(join(out, name!), { seconds: 8, width: 1280, height: 720 });

    const after = await runVideo(["jobs"], { cwd: folder(), env: env(jobs) });
    expect(after.stdout).toMatch(
      new RegExp(`^${job.shortKey} .* saved .*${name!.replace(".", "\\.")}$`, "m"),
    );

    // By the full key, once saved: it says where, and pays nothing.
    const again = await runVideo(["resume", job.key, "--json"], { cwd: folder(), env: env(jobs) });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      path: join(out, name!),
      earlier: true,
      state: "saved",
    });
    expect(again.stderr).toMatch(/made this video already .*add --new to make another/);
    expect(fake().book.created).toBe(created);
    expect(await videosIn(out)).toEqual([name]);

    // The saved file deleted: resume fetches the same job's video again, still without paying.
    await rm(join(out, name!));
    await rm(join(out, name!.replace(".mp4", ".json")));
    const refetched = await runVideo(["resume", job.shortKey, "--out", out], {
      cwd: folder(),
      env: env(jobs),
    });
    expect(refetched.code).toBe(0);
    expect(refetched.stderr).toMatch(
      new RegExp(
        `^job ${job.shortKey} was saved at .*, which is gone; fetching it again from openai \\(no new job\\)$`,
        "m",
      ),
    );
    expect(fake().book.created).toBe(created);
    expect(await videosIn(out)).toEqual([name]);
    await expectVideo(join(out, name!), { seconds: 8, width: 1280, height: 720 });
  }, 120_000);
});
