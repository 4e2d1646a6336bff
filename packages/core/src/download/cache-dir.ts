import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { readSetting } from "../config.js";

/**
 * Where downloaded model files live: `GENAI_CACHE_DIR` when set, else the user cache
 * directory (`$XDG_CACHE_HOME` or `~/.cache`, `%LOCALAPPDATA%` on Windows,
 * `~/Library/Caches` on macOS) + `/genai-path/models`.
 */
export function modelCacheDir(): string {
  const explicit = readSetting("GENAI_CACHE_DIR");
  if (explicit) return resolve(explicit.replace(/^~(?=$|[/\\])/, homedir()));
  return join(userCacheDir(), "genai-path", "models");
}

function userCacheDir(): string {
  const xdg = readSetting("XDG_CACHE_HOME");
  if (xdg) return xdg;
  if (process.platform === "win32") {
    return readSetting("LOCALAPPDATA") ?? join(homedir(), "AppData", "Local");
  }
  if (process.platform === "darwin") return join(homedir(), "Library", "Caches");
  return join(homedir(), ".cache");
}
