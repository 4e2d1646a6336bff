import { spawnSync } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { inspectLock, takeOverStaleLock, tryCreateLock, withFileLock } from "./file-lock.js";

let folder: string;
let lockPath: string;
const deadPid = spawnSync(process.execPath, ["-e", ""]).pid;
const deadOwner = JSON.stringify({ pid: deadPid, host: hostname() });

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "file-lock-"));
  lockPath = join(folder, "model.gguf.lock");
});
afterEach(() => rm(folder, { recursive: true, force: true }));

describe("withFileLock", () => {
  it("lets exactly one of several waiters that saw the same stale lock take it over", async () => {
    await writeFile(lockPath, deadOwner);
    const observations = await Promise.all(Array.from({ length: 5 }, () => inspectLock(lockPath)));
    expect(observations.every((observed) => observed?.stale)).toBe(true);
    // The worst interleaving, replayed in order: each waiter breaks the lock it saw, then
    // tries to create its own, after the earlier waiters have already done both.
    const holders: string[] = [];
    for (const observed of observations) {
      await takeOverStaleLock(lockPath, observed!);
      const token = await tryCreateLock(lockPath);
      if (token !== undefined) holders.push(token);
    }
    expect(holders).toHaveLength(1);
    expect(await inspectLock(lockPath)).toMatchObject({ stale: false });
    expect(await readdir(folder)).toEqual(["model.gguf.lock"]);
  });

  it("has one holder at a time when several takeovers of one stale lock run at once", async () => {
    await writeFile(lockPath, deadOwner);
    let holding = 0;
    let mostAtOnce = 0;
    const finished: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, (_, waiter) =>
        withFileLock(lockPath, undefined, async () => {
          holding++;
          mostAtOnce = Math.max(mostAtOnce, holding);
          // Give the other waiters turns to try to break in while this one holds the lock.
          for (let turn = 0; turn < 5; turn++) await inspectLock(lockPath);
          holding--;
          finished.push(waiter);
        }),
      ),
    );
    expect(mostAtOnce).toBe(1);
    expect(finished.sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(await readdir(folder)).toEqual([]);
  });

  it("takes over a stale lock whose takeover was abandoned by a process that died", async () => {
    await writeFile(lockPath, deadOwner);
    const observed = (await inspectLock(lockPath))!;
    await writeFile(`${lockPath}.takeover-${observed.identity}`, deadOwner);
    const ran = await withFileLock(lockPath, undefined, async () => "ran");
    expect(ran).toBe("ran");
    expect(await readdir(folder)).toEqual([]);
  });

  it("leaves a lock that was taken over from it to its new holder", async () => {
    await withFileLock(lockPath, undefined, async () => {
      await writeFile(lockPath, JSON.stringify({ pid: process.pid, host: hostname() }));
    });
    expect(await inspectLock(lockPath)).toMatchObject({ stale: false });
  });
});
