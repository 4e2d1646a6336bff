import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fakeMp4, useTempDir } from "@path/testing";
import { describe, expect, it } from "vitest";
import { MediaError } from "../errors.js";
import { decodeVideo } from "./decode-video.js";

const refused = async (bytes: Uint8Array, pattern: RegExp) => {
  const error = await decodeVideo(bytes, "fake").catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(MediaError);
  expect((error as Error).message).toMatch(pattern);
  expect((error as Error).message).not.toContain("\n");
};

describe("decodeVideo on MP4", () => {
  const cases = [
    { durationSeconds: 5, width: 64, height: 36, fps: 8, moov: "first" },
    { durationSeconds: 3, width: 1280, height: 720, fps: 24, moov: "last" },
    { durationSeconds: 2, width: 50, height: 30, fps: 10, moov: "first" },
    { durationSeconds: 1.5, width: 720, height: 1280, fps: 30, moov: "last" },
    { durationSeconds: 4, width: 1000, height: 562, fps: 7.5, moov: "first" },
  ] as const;
  for (const options of cases) {
    it(`${options.width}x${options.height}, ${options.durationSeconds}s @ ${options.fps} fps, moov ${options.moov}`, async () => {
      const decoded = await decodeVideo(fakeMp4(options), "fake");
      expect(decoded).toMatchObject({
        mediaType: "video/mp4",
        container: "MP4",
        width: options.width,
        height: options.height,
        fps: options.fps,
      });
      expect(decoded.durationSeconds).toBeCloseTo(options.durationSeconds, 3);
      expect(decoded.codec).toMatch(/^avc1\.42c0[0-9a-f]{2}$/);
    });
  }

  it("a fast-start file whose frames are cut short is truncated", async () => {
    const whole = fakeMp4({ durationSeconds: 5, moov: "first" });
    await refused(
      whole.subarray(0, whole.length - 1000),
      /truncated video\/mp4 \(16028 of 17028 bytes\)/,
    );
  });

  it("a file cut before its index arrives (moov last) is truncated", async () => {
    const whole = fakeMp4({ durationSeconds: 5, moov: "last" });
    await refused(whole.subarray(0, whole.length - 100), /no movie header \("moov"\).*try again/);
  });

  it("a file cut inside the index (moov first) is truncated", async () => {
    await refused(fakeMp4({ durationSeconds: 5 }).subarray(0, 300), /no movie header/);
  });

  it("an HTML page, an empty body and an M4A are not video", async () => {
    const html = new TextEncoder().encode(
      "<!DOCTYPE html>\n<html><body>Rate limited</body></html>",
    );
    await refused(
      html,
      /54 bytes that are not an MP4 or WebM video \(they start with "<!DOCTYPE html> <html>/,
    );
    await refused(new Uint8Array(), /0 bytes that are not an MP4 or WebM video/);
    const m4a = fakeMp4({ durationSeconds: 1 });
    m4a.write("M4A ", 8, "latin1");
    await refused(m4a, /not an MP4 or WebM video/);
  });
});

/** An EBML element: its id bytes, an 8-byte size (or unknown) and its body. */
const element = (id: number[], body: Uint8Array | number[], unknownSize = false): number[] => {
  const size = unknownSize
    ? [0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]
    : [0x01, 0, 0, 0, 0, 0, 0, body.length];
  return [...id, ...size, ...body];
};
const float64 = (value: number) => {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setFloat64(0, value);
  return out;
};
const text = (value: string) => [...new TextEncoder().encode(value)];

function fakeWebm(options: { durationMs?: number; unknownSegmentSize?: boolean }): Uint8Array {
  const header = element([0x1a, 0x45, 0xdf, 0xa3], element([0x42, 0x82], text("webm")));
  const info = element(
    [0x15, 0x49, 0xa9, 0x66],
    [
      ...element([0x2a, 0xd7, 0xb1], [0x0f, 0x42, 0x40]), // TimecodeScale 1,000,000 ns
      ...(options.durationMs === undefined
        ? []
        : element([0x44, 0x89], float64(options.durationMs))),
    ],
  );
  const audio = element([0xae], [...element([0x83], [2]), ...element([0x86], text("A_OPUS"))]);
  const video = element(
    [0xae],
    [
      ...element([0x83], [1]),
      ...element([0x86], text("V_VP9")),
      ...element([0xe0], [...element([0xb0], [0x01, 0x40]), ...element([0xba], [0xf0])]),
    ],
  );
  const tracks = element([0x16, 0x54, 0xae, 0x6b], [...audio, ...video]);
  const cluster = element([0x1f, 0x43, 0xb6, 0x75], [0xe7, 0x81, 0x00]);
  const segment = element(
    [0x18, 0x53, 0x80, 0x67],
    [...info, ...tracks, ...cluster],
    options.unknownSegmentSize,
  );
  return Uint8Array.from([...header, ...segment]);
}

describe("decodeVideo on WebM (header only: duration, size, codec)", () => {
  it("reads duration, the video track's size and codec", async () => {
    expect(await decodeVideo(fakeWebm({ durationMs: 2500 }), "fake")).toEqual({
      mediaType: "video/webm",
      container: "WebM",
      durationSeconds: 2.5,
      width: 320,
      height: 240,
      codec: "V_VP9",
    });
  });

  it("a live recording (unknown segment size, no duration) has no duration", async () => {
    const decoded = await decodeVideo(fakeWebm({ unknownSegmentSize: true }), "fake");
    expect(decoded.durationSeconds).toBeUndefined();
    expect(decoded).toMatchObject({ container: "WebM", width: 320, height: 240 });
  });

  it("a WebM cut before its header is complete is refused", async () => {
    await refused(
      fakeWebm({ durationMs: 2500 }).subarray(0, 40),
      /video\/webm whose header does not decode/,
    );
  });
});

const hasFfmpeg = spawnSync("ffmpeg", ["-version"], { stdio: "ignore" }).status === 0;

describe.skipIf(!hasFfmpeg)(
  `decodeVideo on files ffmpeg encodes${hasFfmpeg ? "" : " (skipped: ffmpeg not installed; CI installs it for the video kit)"}`,
  () => {
    const folder = useTempDir("decode-video-");
    const encode = (name: string, args: string[]) => {
      const file = join(folder(), name);
      const source = ["-f", "lavfi", "-i", "testsrc=size=320x180:rate=12", "-t", "2"];
      const run = spawnSync("ffmpeg", ["-v", "error", "-y", ...source, ...args, file]);
      expect(run.status, String(run.stderr)).toBe(0);
      return readFileSync(file);
    };
    const layouts = {
      "plain (moov last)": [],
      "fast start": ["-movflags", "+faststart"],
      fragmented: ["-movflags", "frag_keyframe+empty_moov"],
    };
    for (const [layout, flags] of Object.entries(layouts)) {
      it(`H.264 MP4, ${layout}: whole decodes, cut is refused`, async () => {
        const bytes = encode("clip.mp4", ["-c:v", "libx264", "-pix_fmt", "yuv420p", ...flags]);
        const decoded = await decodeVideo(bytes, "fake");
        expect(decoded).toMatchObject({ container: "MP4", width: 320, height: 180, fps: 12 });
        expect(decoded.durationSeconds).toBeCloseTo(2, 2);
        expect(decoded.codec).toMatch(/^avc1\.64/);
        await refused(bytes.subarray(0, Math.floor(bytes.length * 0.7)), /truncated/);
      });
    }

    it("an MP4 with sound only has no video track", async () => {
      const file = join(folder(), "sound.mp4");
      const tone = ["-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-c:a", "aac", file];
      expect(spawnSync("ffmpeg", ["-v", "error", "-y", ...tone]).status).toBe(0);
      await refused(readFileSync(file), /video\/mp4 with no video track in it/);
    });

    it("VP9 WebM: duration, size and codec from its header", async () => {
      const decoded = await decodeVideo(encode("clip.webm", ["-c:v", "libvpx-vp9"]), "fake");
      expect(decoded).toMatchObject({ container: "WebM", width: 320, height: 180, codec: "V_VP9" });
      expect(decoded.durationSeconds).toBeCloseTo(2, 2);
    });
  },
);
