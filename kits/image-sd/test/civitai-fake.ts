/**
 * Fake Civitai for the tests: started once per file, reset before each test, with a fresh temp
 * folder per test that is removed afterwards.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeCivitai, startFakeCivitai } from "@path/testing";
import { afterAll, beforeAll, beforeEach } from "vitest";

/** Registers the vitest hooks; read the fake and the folder through the getters inside tests. */
export function useFakeCivitai(folderPrefix: string) {
  let civitai: FakeCivitai;
  let folder: string;

  beforeAll(async () => {
    civitai = await startFakeCivitai();
  });
  afterAll(() => civitai?.close());
  beforeEach(async () => {
    civitai.reset();
    folder = await mkdtemp(join(tmpdir(), folderPrefix));
    return () => rm(folder, { recursive: true, force: true });
  });

  return {
    get civitai() {
      return civitai;
    },
    get folder() {
      return folder;
    },
  };
}
