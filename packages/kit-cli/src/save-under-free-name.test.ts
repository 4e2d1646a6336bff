import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { saveOrRecover, saveUnderFreeName } from "./save-under-free-name.js";
import { UsageError } from "./usage-error.js";

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "kit-cli-save-"));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

describe("saveUnderFreeName", () => {
  it("writes text under the first free name, -2 then -3, into a folder it makes", async () => {
    const directory = join(folder, "output");
    const note = [{ extension: "md", data: "# notes" }];
    expect(await saveUnderFreeName(directory, "notes", note)).toEqual([
      join(directory, "notes.md"),
    ]);
    expect(await saveUnderFreeName(directory, "notes", note)).toEqual([
      join(directory, "notes-2.md"),
    ]);
    expect(await saveUnderFreeName(directory, "notes", note)).toEqual([
      join(directory, "notes-3.md"),
    ]);
  });

  it("gives a group one free stem: a picture taken moves its sidecar along", async () => {
    await writeFile(join(folder, "fox-seed7.png"), "precious");
    const paths = await saveUnderFreeName(
      folder,
      "fox-seed7",
      [
        { extension: "png", data: new Uint8Array([137, 80, 78, 71]) },
        { extension: "json", data: "{}\n" },
      ],
      { separator: "_" },
    );
    expect(paths).toEqual([join(folder, "fox-seed7_2.png"), join(folder, "fox-seed7_2.json")]);
    expect(await readFile(join(folder, "fox-seed7.png"), "utf8")).toBe("precious");
    expect([...(await readFile(paths[0]!))]).toEqual([137, 80, 78, 71]);
    expect((await readdir(folder)).sort()).toEqual([
      "fox-seed7.png",
      "fox-seed7_2.json",
      "fox-seed7_2.png",
    ]);
  });

  it("refuses a name the person chose when it is taken, and overwrites nothing", async () => {
    await writeFile(join(folder, "notes.md"), "precious");
    await expect(
      saveUnderFreeName(folder, "notes", [{ extension: "md", data: "new" }], {
        chosenByUser: true,
      }),
    ).rejects.toThrow(/already exists; nothing was overwritten/);
    expect(await readFile(join(folder, "notes.md"), "utf8")).toBe("precious");
    expect(await readdir(folder)).toEqual(["notes.md"]);
  });

  it("refuses a name outside the folder", async () => {
    const outside = saveUnderFreeName(join(folder, "output"), "../notes", [
      { extension: "md", data: "x" },
    ]);
    await expect(outside).rejects.toThrow(UsageError);
    await expect(outside).rejects.toThrow("../notes.md is outside output/");
  });
});

describe("saveOrRecover", () => {
  const picture = [
    { extension: "png", data: new Uint8Array([137, 80, 78, 71]) },
    { extension: "json", data: "{}\n" },
  ];

  it("saves where asked when it can", async () => {
    expect(await saveOrRecover(folder, "fox", picture)).toEqual({
      paths: [join(folder, "fox.png"), join(folder, "fox.json")],
    });
  });

  it("keeps the files in the recovery folder when the folder cannot be written, and says why", async () => {
    const file = join(folder, "not-a-folder");
    await writeFile(file, "x");
    const recovery = join(folder, "recovered");
    const saved = await saveOrRecover(join(file, "output"), "fox", picture, {
      recoveryDirectory: recovery,
    });
    expect(saved.paths).toEqual([join(recovery, "fox.png"), join(recovery, "fox.json")]);
    expect(saved.recovered?.reason).toMatch(/ENOTDIR/);
    expect([...(await readFile(saved.paths[0]!))]).toEqual([137, 80, 78, 71]);
  });

  it("still refuses a chosen name that is taken, and a name outside the folder", async () => {
    await writeFile(join(folder, "notes.md"), "precious");
    const note = [{ extension: "md", data: "new" }];
    await expect(saveOrRecover(folder, "notes", note, { chosenByUser: true })).rejects.toThrow(
      /already exists/,
    );
    await expect(saveOrRecover(folder, "../notes", note)).rejects.toThrow(UsageError);
  });
});
