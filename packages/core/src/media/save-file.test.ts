import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type LinkingFileSystem, saveFileAtomically, saveFileWith } from "./save-file.js";

let folder: string;
let path: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "save-file-"));
  path = join(folder, "picture.png");
});
afterEach(() => rm(folder, { recursive: true, force: true }));

/** A file system where hard links fail the way exFAT (EPERM) or a network share (ENOTSUP) does. */
function withoutLinks(code: string): LinkingFileSystem & { attempts: number } {
  const fileSystem = {
    attempts: 0,
    async link() {
      fileSystem.attempts++;
      throw Object.assign(new Error(`link failed: ${code}`), { code });
    },
  };
  return fileSystem;
}

describe("saveFileAtomically", () => {
  it("writes the file and leaves no temporary file behind", async () => {
    await saveFileAtomically(path, "first");
    expect(await readFile(path, "utf8")).toBe("first");
    expect(await readdir(folder)).toEqual(["picture.png"]);
  });

  it("never overwrites an existing file unless asked", async () => {
    await writeFile(path, "kept");
    await expect(saveFileAtomically(path, "new")).rejects.toMatchObject({ code: "file-exists" });
    expect(await readFile(path, "utf8")).toBe("kept");
    await saveFileAtomically(path, "replaced", { overwrite: true });
    expect(await readFile(path, "utf8")).toBe("replaced");
    expect(await readdir(folder)).toEqual(["picture.png"]);
  });

  for (const code of ["EPERM", "ENOTSUP", "ENOSYS", "EXDEV"]) {
    it(`falls back to an exclusive create when link fails with ${code}`, async () => {
      const fileSystem = withoutLinks(code);
      await saveFileWith(fileSystem, path, "without links");
      expect(fileSystem.attempts).toBe(1);
      expect(await readFile(path, "utf8")).toBe("without links");
      expect(await readdir(folder)).toEqual(["picture.png"]);
    });
  }

  it("still never overwrites when it falls back", async () => {
    await writeFile(path, "kept");
    const fileSystem = withoutLinks("EPERM");
    await expect(saveFileWith(fileSystem, path, "new")).rejects.toMatchObject({
      code: "file-exists",
    });
    expect(fileSystem.attempts).toBe(1);
    expect(await readFile(path, "utf8")).toBe("kept");
    expect(await readdir(folder)).toEqual(["picture.png"]);
  });

  it("passes on other link failures and cleans up its temporary file", async () => {
    await expect(saveFileWith(withoutLinks("EIO"), path, "data")).rejects.toMatchObject({
      code: "EIO",
    });
    expect(await readdir(folder)).toEqual([]);
  });
});
