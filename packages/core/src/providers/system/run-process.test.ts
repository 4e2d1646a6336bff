import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { runProcess } from "./run-process.js";

/** Resolves once `read()` gives a value, polling; the test's own timeout bounds it. */
async function eventually<T>(read: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(10);
  }
}

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("runProcess", () => {
  let folder: string | undefined;
  afterEach(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it("passes the input on stdin, arguments as they are, and collects stdout", async () => {
    const script = "process.stdin.pipe(process.stdout); process.stdout.write(process.argv[1]);";
    const output = await runProcess(process.execPath, ["-e", script, "$HOME; rm -rf x"], "你好 ");
    expect(output.exitCode).toBe(0);
    expect(output.stdout.toString("utf8")).toBe("$HOME; rm -rf x你好 ");
  });

  it("kills the running process when the signal aborts", async () => {
    folder = await mkdtemp(join(tmpdir(), "run-process-"));
    const pidFile = join(folder, "pid");
    const script = `require("fs").writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000);`;
    const controller = new AbortController();
    const running = runProcess(process.execPath, ["-e", script], "", controller.signal);
    const pid = Number(
      await eventually(async () => (await readFile(pidFile, "utf8")) || undefined),
    );
    expect(isRunning(pid)).toBe(true);
    controller.abort(new Error("stopped by the test"));
    await expect(running).rejects.toThrow("stopped by the test");
    await eventually(async () => (isRunning(pid) ? undefined : true));
  });
});
