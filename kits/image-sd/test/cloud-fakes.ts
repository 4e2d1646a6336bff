/**
 * Fake OpenAI and Hugging Face for the end-to-end tests: started once per file, reset before each
 * test, with a fresh temp folder per test that is removed afterwards.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type FakeHuggingFace,
  type FakeServer,
  startFakeHuggingFace,
  startFakeOpenAI,
} from "@path/testing";
import { afterAll, beforeAll, beforeEach } from "vitest";

export const OPENAI_KEY = "sk-test";
export const HF_TOKEN = "hf_test";

/** Registers the vitest hooks; read the fakes and the folder through the getters inside tests. */
export function useCloudFakes(folderPrefix: string) {
  let openai: FakeServer;
  let hf: FakeHuggingFace;
  let folder: string;

  beforeAll(async () => {
    openai = await startFakeOpenAI({ apiKey: OPENAI_KEY });
    hf = await startFakeHuggingFace({ token: HF_TOKEN });
  });
  afterAll(async () => {
    await openai?.close();
    await hf?.close();
  });
  beforeEach(async () => {
    openai.reset();
    hf.reset();
    folder = await mkdtemp(join(tmpdir(), folderPrefix));
    return () => rm(folder, { recursive: true, force: true });
  });

  return {
    get openai() {
      return openai;
    },
    get hf() {
      return hf;
    },
    get folder() {
      return folder;
    },
    openaiEnv: () => ({ OPENAI_API_KEY: OPENAI_KEY, OPENAI_BASE_URL: openai.url }),
    hfEnv: () => ({ HF_TOKEN, HF_ROUTER_URL: hf.origin, HF_ENDPOINT: hf.origin }),
  };
}
