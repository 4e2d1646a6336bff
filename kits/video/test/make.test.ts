/** `make` end to end as a process against the fake OpenAI (Sora): price, job, progress, file. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { useTempDir } from "@path/testing";
import { describe, expect, it } from "vitest";
import { expectVideo, useFakeSora, videosIn } from "./fixtures.js";
import { runVideo } from "./run-video.js";

const folder = useTempDir("video-make-");
const { fake, env } = useFakeSora();
let trial = 0;
/** A jobs folder and an output folder of their own for each test. */
function fresh() {
  trial += 1;
  return { jobs: join(folder(), `jobs-${trial}`), out: join(folder(), `out-${trial}`) };
}

const prompt = "a paper boat drifting down a rainy street, cinematic";

describe("make", { timeout: 120_000 }, () => {
  it("shows the price, submits once, reports progress and saves a video of the asked length and size", async () => {
    const { jobs, out } = fresh();
    const before = fake().book.created;
    const args = ["make", prompt, "--seconds", "4", "--ar", "16:9", "--model", "openai:sora-2"];
    const result = await runVideo([...args, "--yes", "--out", out], {
      cwd: folder(),
      env: env(jobs),
    });
    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
    expect(fake().book.created).toBe(before + 1);
    const [name] = await videosIn(out);
    expect(result.stdout).toBe(`${join(out, name!)}\n`);
    expect(name).toMatch(/^video-\d{4}-\d\d-\d\d-a-paper-boat-drifting-down-a\.mp4$/);
    await expectVideo(join(out, name!), { seconds: 4, width: 1280, height: 720 });

    const lines = result.stderr.split("\n");
    expect(lines[0]).toBe(
      "cost: about $0.40 (openai:sora-2, 4 s at $0.10/s, prices of 2026-12), accepted with --yes",
    );
    expect(result.stderr).toMatch(/^submitted job [0-9a-f]{8} to openai:sora-2; if this stops/m);
    expect(result.stderr).toMatch(/^queued · \d+ s$/m);
    expect(result.stderr).toMatch(/^running \d+%( · about [\w ]+ left)? · \d+ s$/m);
    expect(result.stderr).toMatch(
      /^downloading {2}\[#+\] {2}100% {2}\d+ KB \/ \d+ KB {2}[\d.]+ [KM]B\/s$/m,
    );
    expect(result.stderr).toMatch(
      /openai:sora-2 · 4\.0 s · 1280x720 · MP4 avc1\.\w+ · about \$0\.40 · job [0-9a-f]{8}/,
    );

    const sidecar = JSON.parse(await readFile(join(out, name!.replace(".mp4", ".json")), "utf8"));
    expect(sidecar).toMatchObject({
      kind: "video",
      quest: "make",
      prompt,
      provider: "openai",
      model: "sora-2",
      seconds: 4,
      aspectRatio: "16:9",
      cost: { amount: 0.4, currency: "USD" },
      video: { container: "MP4", width: 1280, height: 720 },
    });
    expect(sidecar.jobKey).toMatch(/^[0-9a-f]{64}$/);

    // The same command again: the job made it already; nothing is paid, nothing is written.
    const again = await runVideo([...args, "--out", out], { cwd: folder(), env: env(jobs) });
    expect(again.code).toBe(0);
    expect(fake().book.created).toBe(before + 1);
    expect(again.stdout).toBe(`${join(out, name!)}\n`);
    expect(again.stderr).toMatch(
      new RegExp(
        `^job ${sidecar.jobKey.slice(0, 8)} made this video already \\(saved \\d+ s ago at .*\\); add --new to make another`,
      ),
    );
    expect(await videosIn(out)).toEqual([name]);

    // --new makes another, under a free name.
    const another = await runVideo([...args, "--new", "--yes", "--out", out], {
      cwd: folder(),
      env: env(jobs),
    });
    expect(another.code).toBe(0);
    expect(fake().book.created).toBe(before + 2);
    expect(await videosIn(out)).toEqual([name!, name!.replace(".mp4", "-2.mp4")].sort());
    // Both jobs are listed (the earlier one marked); the short key names the current one.
    const short = sidecar.jobKey.slice(0, 8);
    const listed = await runVideo(["jobs"], { cwd: folder(), env: env(jobs) });
    expect(listed.stdout).toMatch(new RegExp(`^${short}\\* .* saved `, "m"));
    expect(listed.stdout).toMatch(new RegExp(`^${short}  .* saved .*-2\\.mp4$`, "m"));
    expect(listed.stdout).toContain(
      "* an earlier job of the same request, kept when --new made another",
    );
    const resumed = await runVideo(["resume", short], { cwd: folder(), env: env(jobs) });
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toBe(`${join(out, name!.replace(".mp4", "-2.mp4"))}\n`);
  });

  it("refuses to pay without --yes when it cannot ask (no terminal), and sends nothing", async () => {
    const { jobs, out } = fresh();
    const before = fake().book.created;
    const result = await runVideo(["make", prompt, "--model", "openai:sora-2", "--out", out], {
      cwd: folder(),
      env: env(jobs),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "error: this video costs about $0.40 (openai:sora-2, 4 s at $0.10/s, prices of 2026-12); add --yes to accept the price (nothing was sent)\n",
    );
    expect(fake().book.created).toBe(before);
    expect(await videosIn(out)).toEqual([]);
  });

  it("prints one JSON object with --json", async () => {
    const { jobs, out } = fresh();
    const result = await runVideo(
      [
        "make",
        prompt,
        "-s",
        "8",
        "--size",
        "720x1280",
        "--seed",
        "3",
        "--model",
        "openai:sora-2",
        "--yes",
        "--json",
        "--out",
        out,
      ],
      { cwd: folder(), env: env(jobs) },
    );
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({
      quest: "make",
      seconds: 8,
      size: "720x1280",
      earlier: false,
      video: { width: 720, height: 1280 },
    });
    await expectVideo(json.path, { seconds: 8, width: 720, height: 1280 });
  });
});
