/**
 * A lock file so two processes never write the same download at once. The holder writes its
 * pid and host and touches the file while it works; a lock whose process is gone (same host)
 * or that has not been touched for a while (any host) is stale and is taken over.
 */
import { open, readFile, stat, unlink, utimes } from "node:fs/promises";
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { AbortedError } from "../errors.js";

const heartbeatMs = 5_000;
const staleAfterMs = 60_000;
const pollMs = 150;

interface LockOwner {
  pid: number;
  host: string;
}

/** Runs `work` while holding `lockPath`, waiting (abortably) while a live process holds it. */
export async function withFileLock<T>(
  lockPath: string,
  signal: AbortSignal | undefined,
  work: () => Promise<T>,
): Promise<T> {
  await acquire(lockPath, signal);
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(lockPath, now, now).catch(() => {});
  }, heartbeatMs);
  heartbeat.unref();
  try {
    return await work();
  } finally {
    clearInterval(heartbeat);
    await unlink(lockPath).catch(() => {});
  }
}

async function acquire(lockPath: string, signal: AbortSignal | undefined): Promise<void> {
  const owner: LockOwner = { pid: process.pid, host: hostname() };
  for (;;) {
    if (signal?.aborted) throw new AbortedError();
    try {
      const handle = await open(lockPath, "wx");
      await handle.writeFile(JSON.stringify({ ...owner, since: new Date().toISOString() }));
      await handle.close();
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    if (await isStale(lockPath)) {
      await unlink(lockPath).catch(() => {});
      continue;
    }
    await sleep(pollMs, undefined, { signal }).catch(() => {
      throw new AbortedError();
    });
  }
}

async function isStale(lockPath: string): Promise<boolean> {
  let owner: Partial<LockOwner>;
  try {
    if (Date.now() - (await stat(lockPath)).mtimeMs > staleAfterMs) return true;
    owner = JSON.parse(await readFile(lockPath, "utf8")) as Partial<LockOwner>;
  } catch {
    // Gone already, or half-written by a holder that is just starting: not stale (yet).
    return false;
  }
  if (owner.host !== hostname() || typeof owner.pid !== "number") return false;
  return !isProcessAlive(owner.pid);
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
