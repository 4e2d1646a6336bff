import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadApiKey, readSetting, reloadSettings } from "./config.js";
import { MissingApiKeyError } from "./errors.js";

const startDirectory = process.cwd();
afterEach(() => {
  process.chdir(startDirectory);
  delete process.env.GENAI_TEST_SETTING;
  reloadSettings();
});

describe("settings", () => {
  it("reads .env from the working directory without overriding the shell", async () => {
    const directory = await mkdtemp(join(tmpdir(), "config-"));
    await writeFile(
      join(directory, ".env"),
      '# comment\nGENAI_TEST_SETTING="from file"\nexport GENAI_OTHER=plain # trailing\nEMPTY=\nCOMMENTED=   # only a comment\n',
    );
    process.chdir(directory);
    reloadSettings();
    expect(readSetting("GENAI_TEST_SETTING")).toBe("from file");
    expect(readSetting("GENAI_OTHER")).toBe("plain");
    expect(readSetting("EMPTY")).toBeUndefined();
    expect(readSetting("COMMENTED")).toBeUndefined();
    process.env.GENAI_TEST_SETTING = "from shell";
    expect(readSetting("GENAI_TEST_SETTING")).toBe("from shell");
  });

  it("treats a blank key as missing and names the variable", () => {
    process.env.GENAI_TEST_SETTING = "  ";
    expect(() =>
      loadApiKey({ apiKey: undefined, variable: "GENAI_TEST_SETTING", provider: "x" }),
    ).toThrow(MissingApiKeyError);
  });
});
