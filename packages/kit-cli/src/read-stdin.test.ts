import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const readStdinFile = fileURLToPath(new URL("./read-stdin.ts", import.meta.url));

/** What readStdin returns in a process whose stdin is `input`. */
function readFrom(input: string): string {
  const script = `import { readStdin } from ${JSON.stringify(readStdinFile)};
process.stdout.write(JSON.stringify(await readStdin()));`;
  const child = spawnSync(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", script],
    {
      input,
      encoding: "utf8",
    },
  );
  expect(child.stderr).toBe("");
  return JSON.parse(child.stdout);
}

describe("readStdin", () => {
  it("drops the one newline a piped file ends with, and keeps the rest", () => {
    expect(readFrom("What is a token?\n")).toBe("What is a token?");
    expect(readFrom("生成式 AI\r\n")).toBe("生成式 AI");
    expect(readFrom("a poem\n\n")).toBe("a poem\n");
    expect(readFrom("  indented\nlines  ")).toBe("  indented\nlines  ");
  });
});
