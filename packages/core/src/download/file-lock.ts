/**
 * A lock file so two processes never write the same download at once. The holder writes its
 * pid, host and a random token and touches the file while it works; a lock whose process is
 * gone (same host) or that has not been touched for a while (any host) is stale and is taken
 * over.
 *
 * Taking over is where two waiters could both win: each sees the stale lock, one deletes it
 * and creates its own, then the other deletes that fresh one. So a stale lock is only deleted
 * by the waiter that exclusively created a takeover guard named after that very lock's
 * contents, and only after checking again, under the guard, that the lock is still that one.
 */
import { createHash, randomBytes } from "node:crypto";
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
  token: string;
}

/** What a waiter saw in a lock file: which lock it is (by its contents) and whether it is stale. */
export interface LockState {
  identity: string;
  stale: boolean;
}

/** Runs `work` while holding `lockPath`, waiting (abortably) while a live process holds it. */
export async function withFileLock<T>(
  lockPath: string,
  signal: AbortSignal | undefined,
  work: () => Promise<T>,
): Promise<T> {
  const token = await acquire(lockPath, signal);
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(lockPath, now, now).catch(() => {});
  }, heartbeatMs);
  heartbeat.unref();
  try {
    return await work();
  } finally {
    clearInterval(heartbeat);
    await release(lockPath, token);
  }
}

async function acquire(lockPath: string, signal: AbortSignal | undefined): Promise<string> {
  for (;;) {
    if (signal?.aborted) throw new AbortedError();
    const token = await tryCreateLock(lockPath);
    if (token !== undefined) return token;
    const observed = await inspectLock(lockPath);
    if (observed?.stale && (await takeOverStaleLock(lockPath, observed))) continue;
    await sleep(pollMs, undefined, { signal }).catch(() => {
      throw new AbortedError();
    });
  }
}

/** Creates the lock file when there is none; returns the token that marks it as this holder's. */
export async function tryCreateLock(lockPath: string): Promise<string | undefined> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(lockPath, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return undefined;
    throw error;
  }
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    token: randomBytes(8).toString("hex"),
  };
  try {
    await handle.writeFile(JSON.stringify({ ...owner, since: new Date().toISOString() }));
  } finally {
    await handle.close();
  }
  return owner.token;
}

/** Undefined when there is no lock file. */
export async function inspectLock(lockPath: string): Promise<LockState | undefined> {
  let text: string;
  let modifiedMs: number;
  try {
    modifiedMs = (await stat(lockPath)).mtimeMs;
    text = await readFile(lockPath, "utf8");
  } catch {
    return undefined;
  }
  const identity = createHash("sha256").update(text).digest("hex").slice(0, 16);
  return { identity, stale: isStale(text, modifiedMs) };
}

/**
 * Deletes the stale lock a waiter observed, unless another waiter is already doing so or the
 * lock has since been replaced. True when something was cleared, so trying again at once pays.
 */
export async function takeOverStaleLock(lockPath: string, observed: LockState): Promise<boolean> {
  const guardPath = `${lockPath}.takeover-${observed.identity}`;
  const guardToken = await tryCreateLock(guardPath);
  if (guardToken === undefined) {
    // Another waiter is taking over. If it died doing so, its guard is stale in turn.
    const guard = await inspectLock(guardPath);
    return guard?.stale === true && (await takeOverStaleLock(guardPath, guard));
  }
  try {
    const current = await inspectLock(lockPath);
    if (current === undefined) return true;
    if (!current.stale || current.identity !== observed.identity) return false;
    await unlink(lockPath);
    return true;
  } catch {
    return false;
  } finally {
    await unlink(guardPath).catch(() => {});
  }
}

/** Deletes the lock only while it is still this holder's (it may have been taken over). */
async function release(lockPath: string, token: string): Promise<void> {
  try {
    const owner = JSON.parse(await readFile(lockPath, "utf8")) as Partial<LockOwner>;
    if (owner.token === token) await unlink(lockPath);
  } catch {
    // Already gone.
  }
}

function isStale(text: string, modifiedMs: number): boolean {
  if (Date.now() - modifiedMs > staleAfterMs) return true;
  let owner: Partial<LockOwner>;
  try {
    owner = JSON.parse(text) as Partial<LockOwner>;
  } catch {
    // Half-written by a holder that is just starting: not stale (yet).
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
