import { mkdtemp, rm, writeFile } from "node:fs/promises";
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
    try {
      expect(readSetting("GENAI_TEST_SETTING")).toBe("from file");
      expect(readSetting("GENAI_OTHER")).toBe("plain");
      expect(readSetting("EMPTY")).toBeUndefined();
      expect(readSetting("COMMENTED")).toBeUndefined();
      process.env.GENAI_TEST_SETTING = "from shell";
      expect(readSetting("GENAI_TEST_SETTING")).toBe("from shell");
    } finally {
      process.chdir(startDirectory);
      await rm(directory, { recursive: true, force: true });
    }
  });

  it("reads trailing comments after quotes, \\n escapes, export, single quotes, multi-line values, a BOM and CRLF", async () => {
    const directory = await mkdtemp(join(tmpdir(), "config-"));
    await writeFile(
      join(directory, ".env"),
      [
        '\uFEFFGENAI_A="x y" # c',
        'GENAI_B="l1\\nl2"',
        "export GENAI_C=1",
        "GENAI_D='single # kept' # dropped",
        "GENAI_E='raw\\n'",
        'GENAI_F="two',
        'lines"',
        "",
      ].join("\r\n"),
    );
    process.chdir(directory);
    reloadSettings();
    try {
      expect(readSetting("GENAI_A")).toBe("x y");
      expect(readSetting("GENAI_B")).toBe("l1\nl2");
      expect(readSetting("GENAI_C")).toBe("1");
      expect(readSetting("GENAI_D")).toBe("single # kept");
      expect(readSetting("GENAI_E")).toBe("raw\\n");
      expect(readSetting("GENAI_F")).toBe("two\nlines");
    } finally {
      process.chdir(startDirectory);
      await rm(directory, { recursive: true, force: true });
    }
  });

  it("treats a blank key as missing and names the provider and the variable", () => {
    process.env.GENAI_TEST_SETTING = "  ";
    let error: unknown;
    try {
      loadApiKey({ apiKey: undefined, variable: "GENAI_TEST_SETTING", provider: "deepseek" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MissingApiKeyError);
    expect((error as Error).message).toMatch(/^deepseek\b.*\bGENAI_TEST_SETTING\b/);
  });
});
