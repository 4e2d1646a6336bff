import { fakeWav } from "@path/testing";
import { describe, expect, it } from "vitest";
import { extensionFor, sniffMediaType } from "./sniff.js";

describe("sniffMediaType for audio", () => {
  it.each([
    ["a WAV", fakeWav({ durationSeconds: 0.1 }), "audio/wav"],
    ["an MP3 frame", Buffer.from([0xff, 0xfb, 0x90, 0x64]), "audio/mpeg"],
    ["an MP3 with ID3 tags", Buffer.from("ID3\u0004\u0000"), "audio/mpeg"],
    ["an AAC (ADTS) frame", Buffer.from([0xff, 0xf1, 0x50, 0x80]), "audio/aac"],
    ["a FLAC", Buffer.from("fLaC\u0000"), "audio/flac"],
    ["an Ogg (Opus)", Buffer.from("OggS\u0000"), "audio/ogg"],
  ])("knows %s from its first bytes", (_name, bytes, mediaType) => {
    expect(sniffMediaType(bytes)).toBe(mediaType);
  });

  it("names AAC files .aac", () => {
    expect(extensionFor("audio/aac")).toBe("aac");
  });
});
