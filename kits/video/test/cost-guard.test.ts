/**
 * The price check before a paid job: asked at a terminal (a real pseudo-terminal through
 * util-linux `script`), refused off one without --yes (make.test.ts), and the daily budget.
 */
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { cleanKitEnv, useTempDir } from "@path/testing";
import { describe, expect, it } from "vitest";
import { expectVideo, useFakeSora, videosIn } from "./fixtures.js";
import { runVideo } from "./run-video.js";

const folder = useTempDir("video-cost-");
const { fake, env } = useFakeSora();
const hasScript = spawnSync("script", ["--version"]).status === 0;
const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const quote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;

/** Runs the kit at a pseudo-terminal and types `answer` when it asks; returns all it showed. */
function atTerminal(args: string[], extraEnv: Record<string, string>, answer: string) {
  const command = [process.execPath, "--conditions=@path/source", "--import", tsx, cli, ...args]
    .map(quote)
    .join(" ");
  const child = spawn("script", ["-qfec", command, "/dev/null"], {
    cwd: folder(),
    env: cleanKitEnv({ ...extraEnv, INIT_CWD: folder(), TERM: "dumb" }),
    stdio: ["pipe", "pipe", "pipe"],
  });
  let shown = "";
  let answered = false;
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    shown += chunk;
    if (!answered && shown.includes("(y/N) ")) {
      answered = true;
      child.stdin.write(`${answer}\r`);
    }
  });
  return new Promise<{ code: number | null; shown: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, shown })),
  );
}

describe.skipIf(!hasScript)(
  "the price at a terminal (needs util-linux script)",
  { timeout: 120_000 },
  () => {
    it("asks (y/N): no or Ctrl-C sends nothing, y makes the video", async () => {
      const jobs = join(folder(), "jobs-tty");
      const out = join(folder(), "out-tty");
      const args = ["make", "a paper lantern rising", "--model", "openai:sora-2", "--out", out];
      const before = fake().book.created;
      const declined = await atTerminal(args, env(jobs), "n");
      expect(declined.shown).toContain(
        "this video costs about $0.40 (openai:sora-2, 4 s at $0.10/s, prices of 2026-12). Start it? (y/N) ",
      );
      expect(declined.shown).toContain(
        "Nothing was submitted: the estimated price was not accepted.",
      );
      expect(declined.code).toBe(1);
      expect(fake().book.created).toBe(before);

      const interrupted = await atTerminal(args, env(jobs), "\x03");
      expect(interrupted.shown).toContain(
        "Nothing was submitted: the estimated price was not accepted.",
      );
      expect(interrupted.code).toBe(1);
      expect(fake().book.created).toBe(before);

      const accepted = await atTerminal(args, env(jobs), "y");
      expect(accepted.code).toBe(0);
      expect(fake().book.created).toBe(before + 1);
      const videos = await videosIn(out);
      expect(videos).toHaveLength(1);
      await expectVideo(join(out, videos[0]!), { seconds: 4, width: 1280, height: 720 });
    });
  },
);

describe("GENAI_VIDEO_BUDGET", { timeout: 120_000 }, () => {
  it("refuses a job that would take today's estimated spend over the budget, before sending it", async () => {
    const jobs = join(folder(), "jobs-budget");
    const out = join(folder(), "out-budget");
    const budgetEnv = env(jobs, { GENAI_VIDEO_BUDGET: "0.5" });
    const first = await runVideo(
      ["make", "a red kite", "--model", "openai:sora-2", "--yes", "--out", out],
      {
        cwd: folder(),
        env: budgetEnv,
      },
    );
    expect(first.code).toBe(0);
    const before = fake().book.created;
    const second = await runVideo(
      ["make", "a blue kite", "--model", "openai:sora-2", "--yes", "--out", out],
      {
        cwd: folder(),
        env: budgetEnv,
      },
    );
    expect(second.code).toBe(1);
    expect(second.stderr).toBe(
      "error: This video's estimated $0.40 would take today's video spend to $0.80, over GENAI_VIDEO_BUDGET=0.5. Raise the budget or wait until tomorrow.\n",
    );
    expect(fake().book.created).toBe(before);
  });
});
