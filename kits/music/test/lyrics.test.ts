/** `lyrics` end to end: the CLI as a child process against the fake OpenAI (schema-shaped JSON). */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeServer, startFakeOpenAI } from "@path/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseLyrics } from "../src/lyrics/lyrics-text.js";
import { runMusic } from "./run-music.js";

const OPENAI_KEY = "sk-test";
let openai: FakeServer;
let folder: string;

beforeAll(async () => {
  openai = await startFakeOpenAI({ apiKey: OPENAI_KEY });
});
afterAll(() => openai?.close());
beforeEach(async () => {
  openai.reset();
  folder = await mkdtemp(join(tmpdir(), "music-lyrics-"));
  return () => rm(folder, { recursive: true, force: true });
});

const run = (args: string[]) =>
  runMusic(["lyrics", ...args, "--model", "openai:gpt-4o-mini"], {
    cwd: folder,
    env: { OPENAI_API_KEY: OPENAI_KEY, OPENAI_BASE_URL: openai.url },
  });
const chatRequests = () =>
  openai.requests.filter((request) => request.path.endsWith("/chat/completions"));

describe("lyrics", () => {
  it("asks for the structure through a JSON schema and saves Markdown song reads, with lines and syllables counted", async () => {
    const result = await run([
      "春节里一条可爱的小龙",
      "--structure",
      "verse,chorus,bridge",
      "--rhyme",
      "押 ong 韵",
    ]);
    expect(result.code).toBe(0);
    const path = result.stdout.trim();
    expect(path).toMatch(/output\/lyrics-\d{4}-\d\d-\d\d-.+\.md$/);

    const body = chatRequests()[0]?.body as {
      messages: { role: string; content: string }[];
      response_format: { type: string; json_schema: { schema: Record<string, unknown> } };
    };
    expect(body.response_format.type).toBe("json_schema");
    expect(body.response_format.json_schema.schema).toMatchObject({
      required: ["title", "style", "sections"],
      properties: { sections: { minItems: 3, maxItems: 3 } },
    });
    const system = body.messages.find((message) => message.role === "system")?.content ?? "";
    expect(system).toMatch(/Chinese/);
    expect(system).toMatch(/exactly these sections, in this order: Verse, Chorus, Bridge/);
    expect(system).toMatch(/Rhyme: 押 ong 韵/);
    expect(body.messages.at(-1)).toMatchObject({ role: "user", content: "春节里一条可爱的小龙" });

    const markdown = await readFile(path, "utf8");
    const lyrics = parseLyrics(markdown);
    expect(lyrics.title).toBeTruthy();
    expect(lyrics.style).toBeTruthy();
    expect(lyrics.sections.map((section) => section.tag)).toEqual(["Verse", "Chorus", "Bridge"]);
    for (const section of lyrics.sections) expect(section.lines.length).toBeGreaterThan(0);

    const sidecar = JSON.parse(await readFile(path.replace(/\.md$/, ".json"), "utf8"));
    expect(sidecar).toMatchObject({
      topic: "春节里一条可爱的小龙",
      lang: "zh",
      structure: ["Verse", "Chorus", "Bridge"],
      rhyme: "押 ong 韵",
      provider: "openai",
      model: "gpt-4o-mini",
      warnings: [],
    });
    // The fake sings the topic back: 10 characters, 10 syllables a line.
    expect(sidecar.lines[0]).toEqual({
      section: "Verse",
      syllables: 10,
      line: "春节里一条可爱的小龙",
    });
    expect(sidecar.syllables).toBe(10 * sidecar.lines.length);
    expect(result.stderr).toMatch(/^Verse\s+10\s+春节里一条可爱的小龙$/m);
    expect(result.stderr).toMatch(/about \d+ s to sing \(about 3 syllables a second/);
  });

  it("writes English with the default structure when the topic is English, counting syllables by vowel groups", async () => {
    const result = await run(["a little dragon dances", "--json"]);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.lang).toBe("en");
    expect(out.structure).toEqual(["Verse", "Chorus", "Verse", "Chorus", "Bridge", "Chorus"]);
    // a·lit·tle·dra·gon·dan·ces
    expect(out.lines[0]).toMatchObject({ syllables: 7, line: "a little dragon dances" });
    expect(existsSync(out.path)).toBe(true);
  });

  it("saves nothing when the model writes a section with no lines, and says so in one line", async () => {
    const empty = JSON.stringify({
      title: "t",
      style: "pop",
      sections: [{ tag: "Verse", lines: [] }],
    });
    // Core asks once more with the problems; the model gets it wrong both times.
    openai.inject({ reply: empty, times: 2 });
    const result = await run(["a dragon", "--structure", "verse"]);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^error: .*lines.*nothing was saved; run again or use another --model/,
    );
    expect(existsSync(join(folder, "output"))).toBe(false);
  });

  it("refuses bad input before calling the model", async () => {
    await writeFile(join(folder, "taken"), "a file");
    const cases = [
      {
        args: ["--structure", "verse"],
        error:
          'error: say what the song is about: npm run music -- lyrics "a little dragon at Spring Festival"\n',
      },
      {
        args: ["dragon", "--structure", "verse,refrain"],
        error: /"refrain"; use a comma list of verse, chorus, bridge/,
      },
      { args: ["dragon", "--lang", "fr"], error: "error: --lang is zh or en, not fr\n" },
      {
        args: ["dragon", "--out", "taken"],
        error: "error: --out taken is a file, not a folder; give a folder to write into\n",
      },
    ];
    for (const { args, error } of cases) {
      const result = await run(args);
      expect(result.code).toBe(2);
      if (typeof error === "string") expect(result.stderr).toBe(error);
      else expect(result.stderr).toMatch(error);
    }
    expect(chatRequests()).toHaveLength(0);
  });
});
