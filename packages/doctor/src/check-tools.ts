import { findCommand } from "@path/core";
import { type Finding, notOk, ok } from "./finding.js";

const tools = [
  {
    command: "ffmpeg",
    needed: "video info and conversions",
    install: "sudo apt-get install ffmpeg (macOS: brew install ffmpeg)",
  },
  {
    command: "espeak-ng",
    needed: "offline speech without a download",
    install: "sudo apt-get install espeak-ng (macOS: brew install espeak-ng)",
  },
  {
    command: "chromium",
    needed: "the web kit's browser tests",
    install: "sudo apt-get install chromium",
  },
] as const;

/** Programs some kits call; each kit still runs without them and says what to install. */
export function checkTools(find: (name: string) => string | undefined = findCommand): Finding[] {
  return tools.map(({ command, needed, install }) => {
    const path = find(command);
    return path
      ? ok("tools", command, path)
      : notOk("tools", command, "missing", `not found (used for ${needed})`, install);
  });
}
