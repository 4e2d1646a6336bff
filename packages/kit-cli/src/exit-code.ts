import { PathError } from "@path/core";
import { UsageError } from "./usage-error.js";

/**
 * The exit code for an error: 1 the call failed, 2 the command was wrong, 130 cancelled with
 * Ctrl-C (the shell's convention). A command that worked exits 0.
 */
export function exitCodeFor(error: unknown): 1 | 2 | 130 {
  if (error instanceof UsageError) return 2;
  if (PathError.isInstance(error)) {
    if (error.code === "aborted") return 130;
    if (error.code === "invalid-input" || error.code === "unknown-provider") return 2;
  }
  return 1;
}
