/** Bad input, each one line that says what to do, with nothing paid for. */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fakeImage, useTempDir } from "@path/testing";
import { describe, expect, it } from "vitest";
import { useFakeSora, videosIn } from "./fixtures.js";
import { runVideo } from "./run-video.js";

const folder = useTempDir("video-bad-");
const { fake, env } = useFakeSora();
const sora = ["--model", "openai:sora-2", "--yes"];

/** Runs the kit and expects one `error:` line (and nothing else on stderr) and this exit code. */
async function expectRefused(args: string[], code: number, message: RegExp, extraEnv = {}) {
  const before = fake().book.created;
  const result = await runVideo(args, {
    cwd: folder(),
    env: { ...env(join(folder(), "jobs")), ...extraEnv },
  });
  const errors = result.stderr.split("\n").filter((line) => line.startsWith("error:"));
  expect(errors, result.stderr).toHaveLength(1);
  expect(errors[0]).toMatch(message);
  expect(result.code).toBe(code);
  expect(fake().book.created).toBe(before);
  return result;
}

describe("bad input", { timeout: 120_000 }, () => {
  it("a missing image, a file that is not a picture, an image too small for the model", async () => {
    await expectRefused(
      ["animate", "output/nope.png", "flies", ...sora],
      2,
      /^error: cannot read output\/nope\.png: no such file/,
    );
    const notes = join(folder(), "notes.png");
    await writeFile(notes, "just some text");
    await expectRefused(
      ["animate", notes, ...sora],
      2,
      /notes\.png is not a picture \(PNG, JPEG or WebP\)/,
    );
    const small = join(folder(), "small.png");
    await writeFile(small, fakeImage({ prompt: "x", width: 320, height: 180 }));
    await expectRefused(
      ["animate", small, "flies", ...sora],
      2,
      /^error: The image is 320x180 .*: its short side must be at least 720 px; upscale it first for openai:sora-2\.$/,
    );
  });

  it("seconds, ratios and sizes the model does not offer are refused with the ones it has", async () => {
    await expectRefused(
      ["make", "a boat", "--seconds", "30", ...sora],
      2,
      /openai:sora-2 makes at most 12 s in one clip; it offers 4, 8, 12 s\.$/,
    );
    await expectRefused(
      ["make", "a boat", "--ar", "1:1", ...sora],
      2,
      /openai:sora-2 does not make 1:1; it offers 16:9, 9:16\.$/,
    );
    await expectRefused(
      ["make", "a boat", "--size", "640x480", ...sora],
      2,
      /does not make 640x480; it makes 1280x720, 720x1280\.$|does not make 640x480; it makes 720x1280, 1280x720\.$/,
    );
    await expectRefused(
      ["make", "a boat", "--ar", "16:9", "--size", "1280x720", ...sora],
      2,
      /give --ar or --size, not both/,
    );
    await expectRefused(
      ["make", "a boat", "--seconds", "soon", ...sora],
      2,
      /--seconds takes a number from 1 to 600, not "soon"/,
    );
    await expectRefused(["make", ...sora], 2, /describe the video: npm run video -- make/);
  });

  it("seconds between the offered ones take the nearest, with a warning", async () => {
    const out = join(folder(), "nearest");
    const result = await runVideo(["make", "a boat", "--seconds", "5", ...sora, "--out", out], {
      cwd: folder(),
      env: env(join(folder(), "jobs")),
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^warning: openai:sora-2 makes 4, 8, 12 s clips: 4 s was asked for instead of 5 s\.$/m,
    );
    expect(result.stderr).toMatch(/^cost: about \$0\.40 /m);
    expect(await videosIn(out)).toHaveLength(1);
  });

  it("job keys that are not keys, or that no job has", async () => {
    await expectRefused(
      ["resume", "deadbeef"],
      2,
      /^error: No video job deadbeef is recorded in .*jobs; the jobs command lists the ones there are/,
    );
    await expectRefused(
      ["resume", "my-job"],
      2,
      /^error: "my-job" is not a job key: use the first characters of a key the jobs command lists/,
    );
    await expectRefused(["resume"], 2, /^error: give a job key: npm run video -- resume 1a2b3c4d/);
  });

  it("no key for the provider", async () => {
    await expectRefused(
      ["make", "a boat", ...sora],
      1,
      /^error: openai needs an API key: set OPENAI_API_KEY/,
      {
        OPENAI_API_KEY: "",
      },
    );
  });

  it("a damaged job record: named with its path and kept; jobs lists it; --new sets it aside and starts afresh", async () => {
    const jobs = join(folder(), "damaged-jobs");
    const out = join(folder(), "damaged-out");
    const args = ["make", "a kite over the sea", "--seconds", "4", ...sora, "--out", out];
    const first = await runVideo(args, {
      cwd: folder(),
      env: env(jobs),
      onStderr: (stderr, child) => {
        if (/^submitted job/m.test(stderr)) child.kill("SIGKILL");
      },
    });
    expect(first.signal).toBe("SIGKILL");
    const [recordName] = (await readdir(jobs)).filter((name) => name.endsWith(".json"));
    const record = join(jobs, recordName!);
    await writeFile(record, '{"version":1,"key":"');
    const before = fake().book.created;

    const result = await runVideo(args, { cwd: folder(), env: env(jobs) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error: The job record ${record} is damaged`);
    expect(result.stderr).toMatch(/It was left where it is; look at it, then run again with --new/);
    expect(await readFile(record, "utf8")).toBe('{"version":1,"key":"');
    expect(fake().book.created).toBe(before);

    const listed = await runVideo(["jobs"], { cwd: folder(), env: env(jobs) });
    expect(listed.stdout).toContain(`unreadable: ${record} (damaged record, kept where it is`);

    const again = await runVideo([...args, "--new"], { cwd: folder(), env: env(jobs) });
    expect(again.code).toBe(0);
    expect(fake().book.created).toBe(before + 1);
    expect(await videosIn(out)).toHaveLength(1);
    const kept = (await readdir(jobs)).filter((name) => name.includes(".unreadable-"));
    expect(kept).toHaveLength(1);
    expect(await readFile(join(jobs, kept[0]!), "utf8")).toBe('{"version":1,"key":"');
  });

  it("an HTML page where the API's JSON was due is one line, and the next run does not pay blindly", async () => {
    const jobs = join(folder(), "html-jobs");
    fake().api.inject({
      path: "/v1/videos",
      method: "POST",
      status: 502,
      body: "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>",
      contentType: "text/html",
    });
    const result = await expectRefused(
      ["make", "a crane folding itself", ...sora],
      1,
      /HTML page instead of JSON/,
      {
        GENAI_JOBS_DIR: jobs,
      },
    );
    expect(result.stderr).not.toMatch(/<html/i);
    expect(result.stderr).toMatch(
      /^error: openai returned HTTP 502: the server sent an HTML page instead of JSON/m,
    );
    // The 502 came after the request reached the service: the job may exist, so no blind resubmit.
    await expectRefused(
      ["make", "a crane folding itself", ...sora],
      1,
      /may have been created and charged\. Look at your openai dashboard; run again with --new/,
      { GENAI_JOBS_DIR: jobs },
    );
  });
});
