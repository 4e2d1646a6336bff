import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";

/**
 * A fresh folder under the system's temp folder for the tests of the file (or `describe`) that
 * calls it, removed with everything in it when they are done, so a test run leaves nothing
 * behind. Returns a getter: the folder exists once the tests start.
 *
 *   const folder = useTempDir("media-");
 *   it("saves", async () => { await save(join(folder(), "a.png")); });
 */
export function useTempDir(prefix: string): () => string {
  let directory: string | undefined;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    if (directory) await rm(directory, { recursive: true, force: true });
  });
  return () => {
    if (!directory) throw new Error("useTempDir: the folder exists inside tests and hooks only");
    return directory;
  };
}
