import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { readSetting } from "../config.js";

/**
 * Where durable job records live: `GENAI_JOBS_DIR` when set, else the user data directory
 * (`$XDG_DATA_HOME` or `~/.local/share`, `%LOCALAPPDATA%` on Windows, `~/Library/Application
 * Support` on macOS) + `/genai-path/jobs`. Not the cache directory: clearing a cache must never
 * forget a paid job that is still running.
 */
export function jobsDir(): string {
  const explicit = readSetting("GENAI_JOBS_DIR");
  if (explicit) return resolve(explicit.replace(/^~(?=$|[/\\])/, homedir()));
  return join(userDataDir(), "genai-path", "jobs");
}

function userDataDir(): string {
  const xdg = readSetting("XDG_DATA_HOME");
  if (xdg) return xdg;
  if (process.platform === "win32") {
    return readSetting("LOCALAPPDATA") ?? join(homedir(), "AppData", "Local");
  }
  if (process.platform === "darwin") return join(homedir(), "Library", "Application Support");
  return join(homedir(), ".local", "share");
}
