import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fakeMp4 } from "./fake-mp4.js";
import { useTempDir } from "./use-temp-dir.js";

const hasFfmpeg = ["ffprobe", "ffmpeg"].every(
  (tool) => spawnSync(tool, ["-version"], { stdio: "ignore" }).status === 0,
);

const run = (tool: string, args: string[]) => spawnSync(tool, args, { encoding: "utf8" });

describe("fakeMp4", () => {
  it("is a small ISO file: ftyp, then moov before mdat unless asked otherwise", () => {
    const boxTypes = (bytes: Buffer) => {
      const types: string[] = [];
      for (let offset = 0; offset < bytes.length; offset += bytes.readUInt32BE(offset)) {
        types.push(bytes.toString("latin1", offset + 4, offset + 8));
      }
      return types;
    };
    const fastStart = fakeMp4({ durationSeconds: 5 });
    expect(boxTypes(fastStart)).toEqual(["ftyp", "moov", "mdat"]);
    expect(boxTypes(fakeMp4({ durationSeconds: 5, moov: "last" }))).toEqual([
      "ftyp",
      "mdat",
      "moov",
    ]);
    expect(fastStart.length).toBeLessThan(20_000);
  });

  it("frames differ: the block moves", () => {
    const bytes = fakeMp4({ durationSeconds: 1, fps: 4, moov: "last" });
    const mdatSize = bytes.readUInt32BE(bytes.readUInt32BE(0));
    const frames = bytes.subarray(bytes.readUInt32BE(0) + 8, bytes.readUInt32BE(0) + mdatSize);
    const first = frames.subarray(4, 4 + frames.readUInt32BE(0));
    const second = frames.subarray(8 + first.length, 8 + first.length + first.length);
    expect(first.length).toBeGreaterThan(384); // at least the raw block
    expect(first.equals(second)).toBe(false);
  });

  it("refuses an odd size, which H.264 4:2:0 cannot hold", () => {
    expect(() => fakeMp4({ durationSeconds: 1, width: 63, height: 36 })).toThrow(/even width/);
  });

  describe.skipIf(!hasFfmpeg)(
    `ffprobe and ffmpeg agree${hasFfmpeg ? "" : " (skipped: ffmpeg/ffprobe not installed; CI installs them for the video kit)"}`,
    () => {
      const folder = useTempDir("fake-mp4-");
      const cases = [
        { durationSeconds: 5, width: 64, height: 36, fps: 8, moov: "first", frames: 40 },
        { durationSeconds: 3, width: 1280, height: 720, fps: 24, moov: "last", frames: 72 },
        { durationSeconds: 2, width: 50, height: 30, fps: 10, moov: "first", frames: 20 },
        { durationSeconds: 1.5, width: 720, height: 1280, fps: 30, moov: "last", frames: 45 },
      ] as const;
      for (const { frames, ...options } of cases) {
        const label = `${options.width}x${options.height} ${options.durationSeconds}s @ ${options.fps} fps, moov ${options.moov}`;
        it(`${label}: h264 with the asked size, duration and frame count, every frame decodes`, () => {
          const file = join(folder(), `${options.width}x${options.height}.mp4`);
          writeFileSync(file, fakeMp4(options));
          const probe = run("ffprobe", [
            ...["-v", "error", "-count_frames", "-show_streams", "-show_format"],
            ...["-of", "json", file],
          ]);
          expect(probe.stderr).toBe("");
          const { streams, format } = JSON.parse(probe.stdout);
          expect(streams).toHaveLength(1);
          expect(streams[0]).toMatchObject({
            codec_name: "h264",
            profile: "Constrained Baseline",
            width: options.width,
            height: options.height,
            nb_frames: String(frames),
            nb_read_frames: String(frames),
            r_frame_rate: `${options.fps}/1`,
          });
          expect(Number(format.duration)).toBeCloseTo(options.durationSeconds, 3);
          const decode = run("ffmpeg", ["-v", "error", "-i", file, "-f", "framemd5", "-"]);
          expect(decode.stderr).toBe("");
          expect(decode.status).toBe(0);
          const hashes = decode.stdout.split("\n").filter((line) => /^\s*0,/.test(line));
          expect(hashes).toHaveLength(frames);
          const pictures = new Set(hashes.map((line) => line.split(",").at(-1)));
          expect(pictures.size).toBeGreaterThan(1);
        });
      }
    },
  );
});
