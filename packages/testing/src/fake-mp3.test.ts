import { decodeAudio } from "@path/core";
import { describe, expect, it } from "vitest";
import { fakeMp3 } from "./fake-mp3.js";

describe("fakeMp3", () => {
  it("is a real MP3 that decodes to the asked duration within one frame", async () => {
    for (const durationSeconds of [0.5, 3, 30]) {
      const decoded = await decodeAudio(fakeMp3({ durationSeconds }), "fake");
      expect(decoded.mediaType).toBe("audio/mpeg");
      expect(decoded.sampleRate).toBe(44100);
      expect(Math.abs(decoded.durationSeconds - durationSeconds)).toBeLessThanOrEqual(
        1152 / 44100 + 0.03,
      );
    }
  });

  // A CBR MP3 has no frame count to check against: a cut one is only shorter. A cut transfer
  // is caught by the HTTP layer (Content-Length), and a short piece by the duration check.
  it("a cut MP3 decodes to the part that arrived", async () => {
    const whole = fakeMp3({ durationSeconds: 4 });
    const cut = await decodeAudio(whole.subarray(0, whole.length / 2), "fake");
    expect(cut.durationSeconds).toBeGreaterThan(1.9);
    expect(cut.durationSeconds).toBeLessThan(2.1);
  });
});
