/**
 * Kill-restart trials: the kit's process is killed (SIGKILL, no chance to clean up) after the
 * submit, while polling and mid-download, three times each; the same command run again must
 * finish the same job: one job created on the fake service and one correct MP4 on disk.
 */
import { join } from "node:path";
import type { FakeVideoPlan } from "@path/testing";
import { useTempDir } from "@path/testing";
import { describe, expect, it } from "vitest";
import { expectVideo, useFakeSora, videosIn } from "./fixtures.js";
import { runVideo } from "./run-video.js";

const folder = useTempDir("video-kill-");
const { fake, env } = useFakeSora();
const trials = 3;

interface Stage {
  name: string;
  /** The stderr that shows the run reached the stage: it is killed there. */
  reached: RegExp;
  plan: FakeVideoPlan;
  /** The rerun goes on with the cut download (a Range request) instead of starting over. */
  resumesDownload?: boolean;
}

const stages: Stage[] = [
  { name: "right after the submit", reached: /^submitted job /m, plan: {} },
  { name: "while polling", reached: /^running \d+%/m, plan: { runningPolls: 8 } },
  // About 130 KB at 40 KB/s: the kill lands seconds before the download could end.
  {
    name: "mid-download",
    reached: /^downloading /m,
    plan: { bytesPerSecond: 40_000 },
    resumesDownload: true,
  },
];

describe.each(stages)("killed $name", (stage) => {
  it.each(Array.from({ length: trials }, (_, index) => index + 1))(
    "trial %i: the rerun resumes the one job and saves one correct MP4",
    async (trial) => {
      const jobs = join(folder(), `${stage.name}-${trial}`, "jobs");
      const out = join(folder(), `${stage.name}-${trial}`, "out");
      const args = [
        "make",
        `a paper boat, trial ${trial} ${stage.name}`,
        "--seconds",
        "4",
        "--model",
        "openai:sora-2",
        "--yes",
        "--out",
        out,
      ];
      const before = fake().book.created;
      fake().book.planNext(stage.plan);
      let killed = false;
      const first = await runVideo(args, {
        cwd: folder(),
        env: env(jobs),
        onStderr: (stderr, child) => {
          if (!killed && stage.reached.test(stderr)) {
            killed = true;
            child.kill("SIGKILL");
          }
        },
      });
      expect(first.signal, first.stderr).toBe("SIGKILL");
      expect(await videosIn(out)).toEqual([]);
      expect(fake().book.created).toBe(before + 1);

      const requestsBefore = fake().requests.length;
      const rerun = await runVideo(args, { cwd: folder(), env: env(jobs) });
      const ranged = fake()
        .requests.slice(requestsBefore)
        .filter((request) => request.path.endsWith("/content") && request.headers.range);
      expect(ranged.length > 0).toBe(stage.resumesDownload === true);
      expect(rerun.stderr).not.toMatch(/^error/m);
      expect(rerun.code).toBe(0);
      expect(rerun.stderr).toMatch(
        /^resuming job [0-9a-f]{8} on openai:sora-2 \(started \d+ s ago\)$/m,
      );
      expect(rerun.stderr).not.toMatch(/^cost: /m);
      expect(fake().book.created).toBe(before + 1);
      const videos = await videosIn(out);
      expect(videos).toHaveLength(1);
      expect(rerun.stdout).toBe(`${join(out, videos[0]!)}\n`);
      await expectVideo(join(out, videos[0]!), { seconds: 4, width: 1280, height: 720 });
    },
    120_000,
  );
});
