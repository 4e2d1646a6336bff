import { UsageError } from "@path/kit-cli";
import { describe, expect, it } from "vitest";
import { lyricsSchema, parseStructure } from "../src/lyrics/lyrics-schema.js";
import { lyricsMarkdown, parseLyrics, taggedLyrics } from "../src/lyrics/lyrics-text.js";
import { groupSections, sungSeconds } from "../src/lyrics/sung-length.js";
import { countSyllables, englishSyllables } from "../src/lyrics/syllables.js";
import { lyricsFromAnswer } from "../src/lyrics/written-lyrics.js";

describe("parseLyrics", () => {
  it("reads the Markdown lyrics saves back: title, style, sections and lines", () => {
    const lyrics = {
      title: "小龙过年",
      style: "upbeat c-pop, 110 bpm, female vocal",
      sections: [
        { tag: "Verse", lines: ["春节里一条小龙", "摇着尾巴笑"] },
        { tag: "Chorus", lines: ["红灯笼高高挂"] },
      ],
    };
    expect(parseLyrics(lyricsMarkdown(lyrics))).toEqual(lyrics);
  });

  it("reads plain text with tags, numbered and 中文 tags included, skipping lines before the first tag", () => {
    const text = "a note to self\n[verse 1]\nline one\n\n line two \n[副歌]\nhook\n[Outro]\n";
    expect(parseLyrics(text)).toEqual({
      sections: [
        { tag: "Verse 1", lines: ["line one", "line two"] },
        { tag: "副歌", lines: ["hook"] },
        { tag: "Outro", lines: [] },
      ],
    });
  });

  it("reads lyrics typed on one line: tags start sections, ' / ' ends a line", () => {
    expect(parseLyrics("[Verse] hello there / how are you [Chorus] la la").sections).toEqual([
      { tag: "Verse", lines: ["hello there", "how are you"] },
      { tag: "Chorus", lines: ["la la"] },
    ]);
  });

  it("finds no sections in untagged text, and keeps an unknown bracket as a sung line", () => {
    expect(parseLyrics("just some words\nand more").sections).toEqual([]);
    expect(parseLyrics("[Verse]\n[laughs] ha").sections).toEqual([
      { tag: "Verse", lines: ["[laughs] ha"] },
    ]);
  });

  it("sends sections to the music model as tag lines with their lines, a blank line between", () => {
    const sections = [
      { tag: "Verse", lines: ["a", "b"] },
      { tag: "Chorus", lines: ["c"] },
    ];
    expect(taggedLyrics(sections)).toBe("[Verse]\na\nb\n\n[Chorus]\nc");
  });
});

describe("syllables", () => {
  it("counts one per 中文 character, ignoring punctuation", () => {
    expect(countSyllables("春节里一条可爱的小龙，")).toBe(10);
  });

  it("counts English by vowel groups with a silent final e", () => {
    expect(englishSyllables("love")).toBe(1);
    expect(englishSyllables("little")).toBe(2);
    expect(englishSyllables("dragon")).toBe(2);
    expect(englishSyllables("beautiful")).toBe(3);
    expect(englishSyllables("the")).toBe(1);
    expect(englishSyllables("rhythm")).toBe(1);
    expect(countSyllables("Happy new year, little dragon!")).toBe(8);
  });

  it("adds both in a mixed line", () => {
    expect(countSyllables("Hello 小龙")).toBe(4);
  });
});

describe("sung length", () => {
  const section = (tag: string, syllables: number) => ({ tag, lines: ["龙".repeat(syllables)] });

  it("is syllables at 3 a second plus 2 s a section", () => {
    expect(sungSeconds([section("Verse", 30), section("Chorus", 15)])).toBe(19);
  });

  it("groups consecutive sections that fit the limit, and gives up when one alone does not", () => {
    const sections = [section("Verse", 30), section("Chorus", 30), section("Verse", 30)];
    // Each is 12 s; two are 24 s.
    expect(groupSections(sections, 25)?.map((group) => group.length)).toEqual([2, 1]);
    expect(groupSections(sections, 40)?.map((group) => group.length)).toEqual([3]);
    expect(groupSections(sections, 11)).toBeUndefined();
  });
});

describe("lyrics schema and the model's answer", () => {
  it("spells out the structure asked for, in order, and refuses unknown section names", () => {
    const structure = parseStructure("verse, chorus,bridge");
    expect(structure).toEqual(["Verse", "Chorus", "Bridge"]);
    const sections = (lyricsSchema(structure).properties as Record<string, Record<string, unknown>>)
      .sections!;
    expect(sections).toMatchObject({ minItems: 3, maxItems: 3 });
    expect(
      (sections.prefixItems as { properties: { tag: unknown } }[]).map(
        (item) => item.properties.tag,
      ),
    ).toEqual([{ const: "Verse" }, { const: "Chorus" }, { const: "Bridge" }]);
    expect(() => parseStructure("verse,refrain")).toThrow(UsageError);
    expect(() => parseStructure("verse,refrain")).toThrow(/"refrain"; use a comma list of verse/);
  });

  it("refuses an answer with a sung section that has no lines, and warns when the structure differs", () => {
    const answer = {
      title: "t",
      style: "s",
      sections: [
        { tag: "Verse", lines: ["a"] },
        { tag: "Chorus", lines: ["  "] },
      ],
    };
    expect(() => lyricsFromAnswer(answer, ["Verse", "Chorus"], "openai:m")).toThrow(
      /its \[Chorus\] had no lines, so nothing was saved/,
    );
    const fine = {
      ...answer,
      sections: [{ tag: "Intro", lines: [] }, ...answer.sections.slice(0, 1)],
    };
    const { lyrics, warnings } = lyricsFromAnswer(fine, ["Verse", "Chorus"], "openai:m");
    expect(lyrics.sections).toHaveLength(2);
    expect(warnings).toEqual([
      "openai:m wrote Intro,Verse, not the --structure Verse,Chorus asked for",
    ]);
  });
});
