/**
 * Provenance inside an MP3, for players and for when the sidecar JSON gets lost: title,
 * artist = the model, the words in USLT, and the whole provenance JSON in a TXXX frame.
 */
import NodeID3 from "node-id3";
import type { Provenance } from "./provenance.js";

/** The TXXX description the provenance JSON is stored under. */
export const provenanceFrame = "genai-path-provenance";

export function tagMp3(bytes: Uint8Array, provenance: Provenance, title: string): Uint8Array {
  const words = provenance.lyrics ?? provenance.text;
  const tags: NodeID3.Tags = {
    title,
    artist: `${provenance.provider}:${provenance.model}`,
    comment: { language: "eng", text: "made with GenAI Path" },
    userDefinedText: [{ description: provenanceFrame, value: JSON.stringify(provenance) }],
  };
  if (words) {
    tags.unsynchronisedLyrics = {
      language: /\p{Script=Han}/u.test(words) ? "zho" : "eng",
      text: words,
    };
  }
  return new Uint8Array(NodeID3.update(tags, Buffer.from(bytes)));
}

/** The provenance stored by {@link tagMp3}, or undefined when the file has none. */
export function readMp3Provenance(bytes: Uint8Array): Record<string, unknown> | undefined {
  const tags = NodeID3.read(Buffer.from(bytes));
  const frame = tags.userDefinedText?.find((text) => text.description === provenanceFrame);
  if (!frame) return undefined;
  try {
    return JSON.parse(frame.value) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
