import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defaultProviderFor } from "../registry.js";
import { localDefaultVoice, localVoiceReady } from "./local-voice.js";

describe("the default speech model: local once its voice is downloaded, else system", () => {
  let cacheDir: string;
  beforeEach(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), "local-voice-"));
    for (const name of ["OPENAI_API_KEY", "HF_TOKEN", "GENAI_SPEECH_MODEL", "GENAI_LOCAL_MODEL"])
      vi.stubEnv(name, "");
    vi.stubEnv("GENAI_LOCAL_SPEECH_MODEL", "");
    vi.stubEnv("GENAI_CACHE_DIR", cacheDir);
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await rm(cacheDir, { recursive: true, force: true });
  });

  it("is system (espeak-ng here) while the voice is not in the cache", () => {
    expect(localVoiceReady()).toBe(false);
    expect(defaultProviderFor("speech")).toBe("system");
  });

  it("is local once the voice's model file is in the cache, and text stays local too", async () => {
    const model = join(cacheDir, ...localDefaultVoice.modelFile);
    await mkdir(dirname(model), { recursive: true });
    await writeFile(model, "onnx");
    expect(defaultProviderFor("speech")).toBe("local");
    expect(defaultProviderFor("text")).toBe("local");
  });

  it("is local when GENAI_LOCAL_SPEECH_MODEL names a voice", () => {
    vi.stubEnv("GENAI_LOCAL_SPEECH_MODEL", "/voices/mine");
    expect(defaultProviderFor("speech")).toBe("local");
  });

  it("with neither the voice nor an engine, nothing serves speech by default", () => {
    vi.stubEnv("PATH", "/nonexistent");
    expect(defaultProviderFor("speech")).toBeUndefined();
    expect(defaultProviderFor("text")).toBe("local");
  });
});
