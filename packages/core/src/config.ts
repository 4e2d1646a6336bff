/**
 * Settings come from the process environment, then from a `.env` file in the working
 * directory (read once, never overriding what the shell already set).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { MissingApiKeyError } from "./errors.js";
import { registerSecret } from "./redact.js";

let dotenv: Record<string, string> | undefined;

function loadDotenv(): Record<string, string> {
  if (dotenv) return dotenv;
  dotenv = {};
  let text: string;
  try {
    text = readFileSync(join(process.cwd(), ".env"), "utf8");
  } catch {
    return dotenv;
  }
  // Node's own parser: quotes, `export`, trailing comments, `\n` in double quotes, multi-line
  // values. A byte-order mark (Windows editors) would otherwise become part of the first name.
  dotenv = parseEnv(text.replace(/^\uFEFF/, "")) as Record<string, string>;
  return dotenv;
}

/** The value of a setting, or undefined when it is unset or blank. */
export function readSetting(name: string): string | undefined {
  const value = process.env[name] ?? loadDotenv()[name];
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/** Forget the cached `.env` (tests and long-running tools that change directory). */
export function reloadSettings(): void {
  dotenv = undefined;
}

/**
 * An API key from an explicit value or the environment, checked at the call that needs it.
 * The key is remembered so it is redacted from every error message.
 */
export function loadApiKey(options: {
  apiKey: string | undefined;
  variable: string;
  provider: string;
  where?: string;
}): string {
  const key = options.apiKey ?? readSetting(options.variable);
  if (!key) throw new MissingApiKeyError(options.provider, options.variable, options.where);
  registerSecret(key);
  return key;
}
