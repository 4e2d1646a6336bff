import { mkdir, symlink, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { InvalidInputError } from "@path/core";
import { useTempDir } from "@path/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { walkFolder } from "../src/ingest/walk-folder.js";

const temp = useTempDir("rag-walk-");
const notes = () => join(temp(), "notes");

async function put(path: string, text: string) {
  await mkdir(join(path, ".."), { recursive: true });
  await writeFile(path, text);
}

describe("walkFolder", () => {
  beforeAll(async () => {
    await put(join(notes(), "b.md"), "bbb");
    await put(join(notes(), "a.txt"), "a");
    await put(join(notes(), "sub", "deep", "z.md"), "zz");
    await put(join(notes(), "sub", "c.md"), "c");
    await put(join(notes(), ".obsidian", "config.json"), "{}");
    await put(join(notes(), ".hidden.md"), "hidden");
    await put(join(notes(), "node_modules", "pkg", "README.md"), "readme");
    await put(join(notes(), ".rag-index", "chunks.db"), "index");
    await put(join(notes(), "my-index", "chunks.db"), "index");
    await put(join(temp(), "outside", "secret.md"), "outside");
    await symlink(join(temp(), "outside"), join(notes(), "link-out"));
    await symlink(join(temp(), "outside", "secret.md"), join(notes(), "secret-link.md"));
    await symlink(join(notes(), "sub", "deep"), join(notes(), "link-in"));
    await symlink(join(notes(), "missing.md"), join(notes(), "dangling.md"));
    await symlink(notes(), join(notes(), "sub", "loop"));
    await utimes(
      join(notes(), "a.txt"),
      new Date("2026-01-02T03:04:05Z"),
      new Date("2026-01-02T03:04:05Z"),
    );
  });

  it("lists files sorted by path, leaving out hidden entries, node_modules and the index folder", async () => {
    const { files } = await walkFolder(notes(), { exclude: ["my-index"] });
    expect(files.map((file) => file.path)).toEqual(["a.txt", "b.md", "link-in/z.md", "sub/c.md"]);
  });

  it("gives each file's size, modification time and where to read it", async () => {
    const { files } = await walkFolder(notes(), { exclude: ["my-index"] });
    const a = files.find((file) => file.path === "a.txt");
    expect(a).toEqual({
      path: "a.txt",
      absolutePath: join(notes(), "a.txt"),
      size: 1,
      mtimeMs: Date.parse("2026-01-02T03:04:05Z"),
    });
    expect(files.find((file) => file.path === "b.md")?.size).toBe(3);
  });

  it("follows a symlink inside the folder once, and says why it skipped the others", async () => {
    const { files, skipped } = await walkFolder(notes(), { exclude: [join(notes(), "my-index")] });
    // sub/deep is reached through link-in first (sorted order), so it is not listed twice.
    expect(files.filter((file) => file.path.endsWith("z.md"))).toHaveLength(1);
    expect(skipped).toEqual([
      { path: "dangling.md", reason: "broken symlink: its target does not exist" },
      { path: "link-out", reason: "symlink to outside the folder: not followed" },
      { path: "secret-link.md", reason: "symlink to outside the folder: not followed" },
    ]);
  });

  it("lists the index folder when it is not excluded, so excluding it is what leaves it out", async () => {
    const { files } = await walkFolder(notes());
    expect(files.map((file) => file.path)).toContain("my-index/chunks.db");
  });

  it("says so when the folder is missing or is a file", async () => {
    await expect(walkFolder(join(temp(), "nope"))).rejects.toThrow(
      /^no folder at .*nope: check the path$/,
    );
    await expect(walkFolder(join(notes(), "a.txt"))).rejects.toThrow(InvalidInputError);
  });

  it("returns nothing for an empty folder", async () => {
    await mkdir(join(temp(), "empty"));
    expect(await walkFolder(join(temp(), "empty"))).toEqual({ files: [], skipped: [] });
  });
});
