/**
 * The JSON Schema a chat model writes lyrics into. Tight on purpose: a title, a style hint and
 * sections whose tags are the ones music models read, each with real lines, so whatever fits
 * the schema saves as lyrics `song` can sing. With a structure asked for, the sections are
 * spelled out in order (`prefixItems`, exactly that many).
 */
import type { JsonSchema } from "@path/core";
import { UsageError } from "@path/kit-cli";
import { instrumentalTag } from "./lyrics-text.js";

export const sectionTags = ["Verse", "Chorus", "Bridge", "Pre-Chorus", "Intro", "Outro"] as const;

export const defaultStructure = ["Verse", "Chorus", "Verse", "Chorus", "Bridge", "Chorus"];

/** `verse,chorus,bridge` → `["Verse", "Chorus", "Bridge"]`; an unknown name is a usage error. */
export function parseStructure(value: string): string[] {
  const names = value.split(/[,，\s]+/).filter(Boolean);
  const tags = names.map((name) => {
    const tag = sectionTags.find((known) => known.toLowerCase() === name.toLowerCase());
    if (!tag) {
      throw new UsageError(
        `--structure has "${name}"; use a comma list of ${sectionTags.map((known) => known.toLowerCase()).join(", ")}`,
      );
    }
    return tag;
  });
  if (tags.length === 0 || tags.length > 16) {
    throw new UsageError("--structure takes 1 to 16 sections, e.g. verse,chorus,verse,chorus");
  }
  return tags;
}

function sectionSchema(tag: JsonSchema, fewestLines: number): JsonSchema {
  return {
    type: "object",
    additionalProperties: false,
    required: ["tag", "lines"],
    properties: {
      tag,
      lines: {
        type: "array",
        minItems: fewestLines,
        maxItems: 12,
        items: { type: "string", minLength: 1, maxLength: 80, pattern: "\\S" },
      },
    },
  };
}

export function lyricsSchema(structure: string[]): JsonSchema {
  return {
    type: "object",
    additionalProperties: false,
    required: ["title", "style", "sections"],
    properties: {
      title: { type: "string", minLength: 1, maxLength: 60 },
      style: {
        type: "string",
        minLength: 1,
        maxLength: 120,
        description: "genre, tempo in bpm, mood, instruments and voice, comma-separated",
      },
      sections: {
        type: "array",
        minItems: structure.length,
        maxItems: structure.length,
        prefixItems: structure.map((tag) =>
          sectionSchema({ const: tag }, instrumentalTag.test(tag) ? 0 : 1),
        ),
        items: sectionSchema({ enum: [...sectionTags] }, 1),
      },
    },
  };
}
