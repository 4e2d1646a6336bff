/** `info` on a video the kit saved (sidecar shown), a bare one, and files that are not video. */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fakeMp4, useTempDir } from "@path/testing";
import { describe, expect, it } from "vitest";
import type { VideoSidecar } from "../src/shared/video-sidecar.js";
import { runVideo } from "./run-video.js";

const folder = useTempDir("video-info-");

describe("info", { timeout: 120_000 }, () => {
  it("shows the container, duration, size, codec and fps, and the sidecar's provenance", async () => {
    const path = join(folder(), "boat.mp4");
    await writeFile(path, fakeMp4({ durationSeconds: 3, width: 64, height: 36, fps: 8 }));
    const sidecar: VideoSidecar = {
      kind: "video",
      quest: "make",
      prompt: "a paper boat drifting down a rainy street",
      provider: "openai",
      model: "sora-2",
      seconds: 4,
      aspectRatio: "16:9",
      seed: 7,
      jobKey: "abcd1234".padEnd(64, "0"),
      cost: { amount: 0.4, currency: "USD" },
      createdAt: "2026-12-04T21:00:00.000Z",
      video: { container: "MP4", durationSeconds: 3, width: 64, height: 36, bytes: 1 },
      warnings: ["seconds 3 is not offered; made 4"],
    };
    await writeFile(join(folder(), "boat.json"), JSON.stringify(sidecar));
    const text = await runVideo(["info", path], { cwd: folder() });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^container MP4$/m);
    expect(text.stdout).toMatch(/^duration {2}3\.00 s$/m);
    expect(text.stdout).toMatch(/^size {6}64x36$/m);
    expect(text.stdout).toMatch(/^codec {5}avc1\.42c0/m);
    expect(text.stdout).toMatch(/^fps {7}8$/m);
    expect(text.stdout).toMatch(/^asked {5}4 s, 16:9$/m);
    expect(text.stdout).toMatch(/^model {5}openai:sora-2$/m);
    expect(text.stdout).toMatch(/^seed {6}7$/m);
    expect(text.stdout).toMatch(/^job {7}abcd1234 \(abcd12340+\)$/m);
    expect(text.stdout).toMatch(/^cost {6}\$0\.40$/m);
    expect(text.stdout).toMatch(/^warning {3}seconds 3 is not offered; made 4$/m);

    const json = JSON.parse((await runVideo(["info", path, "--json"], { cwd: folder() })).stdout);
    expect(json).toMatchObject({
      container: "MP4",
      width: 64,
      height: 36,
      fps: 8,
      sidecarPath: join(folder(), "boat.json"),
      sidecar: { prompt: sidecar.prompt, jobKey: sidecar.jobKey },
    });
    expect(json.durationSeconds).toBeCloseTo(3, 5);
  });

  it("shows a bare video without provenance", async () => {
    const path = join(folder(), "bare.mp4");
    await writeFile(path, fakeMp4({ durationSeconds: 1, width: 36, height: 64 }));
    const result = await runVideo(["info", path], { cwd: folder() });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^size {6}36x64$/m);
    expect(result.stdout).not.toMatch(/^(model|prompt|job)/m);
  });

  it("refuses what is not a video, a cut video and a missing file in one line each (exit 2)", async () => {
    const page = join(folder(), "page.mp4");
    await writeFile(page, "<!DOCTYPE html><html><body>502 Bad Gateway</body></html>");
    const cut = join(folder(), "cut.mp4");
    const whole = fakeMp4({ durationSeconds: 2, moov: "last" });
    await writeFile(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const cases: [string, RegExp][] = [
      [page, /^error: .*page\.mp4 is not a video file \(MP4, MOV or WebM\)\n$/],
      [cut, /^error: .*cut\.mp4 does not decode: .*\n$/],
      [join(folder(), "missing.mp4"), /^error: cannot read .*missing\.mp4: no such file/],
    ];
    for (const [path, message] of cases) {
      const result = await runVideo(["info", path], { cwd: folder() });
      expect(result.code, path).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });
});
