import { PathError } from "@path/core";

/** The text kit's advice after an error message (kit-cli's reportError adds it). */
export function textHint(error: unknown): string {
  if (PathError.isInstance(error) && error.code === "provider-not-installed") {
    return " Or set a cloud key such as OPENAI_API_KEY or DEEPSEEK_API_KEY (see kits/text/.env.example).";
  }
  return "";
}
