/**
 * `lyrics` → `song` → `info` end to end: the CLI as a child process, a fake OpenAI writing the
 * lyrics and ACE-Step on fal (through the fake Hugging Face) singing them.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeAudio } from "@path/core";
import {
  type FakeHuggingFace,
  type FakeMiniMax,
  type FakeServer,
  startFakeHuggingFace,
  startFakeMiniMax,
  startFakeOpenAI,
} from "@path/testing";
import NodeID3 from "node-id3";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseLyrics } from "../src/lyrics/lyrics-text.js";
import { type RunMusicOptions, runMusic } from "./run-music.js";

const OPENAI_KEY = "sk-test";
const HF_TOKEN = "hf_test_song";
const MINIMAX_API_KEY = "mm-test-song";
const ACE_STEP = "hf:ACE-Step/ACE-Step-v1-3.5B";
/**
 * How far a decoded MP3 may be from the asked length: lamejs adds its encoder delay and pads the
 * last frame, so the fake's MP3s decode up to two frames (1152 samples each at 44.1 kHz) long.
 */
const mp3Frame = (2 * 1152) / 44100;
let openai: FakeServer;
let hf: FakeHuggingFace;
let minimax: FakeMiniMax;
let folder: string;

beforeAll(async () => {
  openai = await startFakeOpenAI({ apiKey: OPENAI_KEY });
  hf = await startFakeHuggingFace({ token: HF_TOKEN, fal: { queuePosition: 1, progressPolls: 1 } });
  minimax = await startFakeMiniMax({ apiKey: MINIMAX_API_KEY });
});
afterAll(async () => {
  await openai?.close();
  await hf?.close();
  await minimax?.close();
});
beforeEach(async () => {
  openai.reset();
  hf.reset();
  minimax.api.reset();
  folder = await mkdtemp(join(tmpdir(), "music-song-"));
  return () => rm(folder, { recursive: true, force: true });
});

const env = () => ({
  OPENAI_API_KEY: OPENAI_KEY,
  OPENAI_BASE_URL: openai.url,
  HF_TOKEN,
  HF_ROUTER_URL: hf.origin,
  HF_ENDPOINT: hf.origin,
  MINIMAX_API_KEY,
  MINIMAX_BASE_URL: minimax.url,
  // The recovery folder lives in the OS temp folder: keep it inside this test's folder.
  TMPDIR: folder,
});
const run = (args: string[], options: Omit<RunMusicOptions, "cwd"> = {}) =>
  runMusic(args, { cwd: folder, env: env(), ...options });

const falSubmits = () =>
  hf.requests.filter((request) => request.method === "POST" && request.path.includes("ace-step"));

async function lyricsFile(name: string, text: string): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, text);
  return path;
}

const shortLyrics =
  "# 小龙\n\nStyle: c-pop, 110 bpm\n\n[Verse]\n春节里一条小龙\n摇着尾巴笑\n\n[Chorus]\n红灯笼高高挂\n";

describe("lyrics → song → info, as in issue 8", () => {
  it("writes lyrics, sings them for the asked 60 s into an MP3 with its provenance, and info reads it back", async () => {
    const lyrics = await run([
      "lyrics",
      "春节里一条可爱的小龙",
      "--lang",
      "zh",
      "--structure",
      "verse,chorus,verse,chorus,bridge,chorus",
      "--model",
      "openai:gpt-4o-mini",
    ]);
    expect(lyrics.stderr).not.toMatch(/error|warning/);
    expect(lyrics.code).toBe(0);
    const lyricsPath = lyrics.stdout.trim();
    const written = parseLyrics(await readFile(lyricsPath, "utf8"));
    expect(written.sections.map((section) => section.tag)).toEqual([
      "Verse",
      "Chorus",
      "Verse",
      "Chorus",
      "Bridge",
      "Chorus",
    ]);

    const song = await run([
      "song",
      lyricsPath,
      "--style",
      "upbeat c-pop, 110 bpm, female vocal",
      "--duration",
      "60",
      "--seed",
      "7",
      "--model",
      ACE_STEP,
    ]);
    expect(song.stderr).not.toMatch(/error|warning/);
    expect(song.code).toBe(0);
    const songPath = song.stdout.trim();
    expect(songPath).toMatch(/output\/song-\d{4}-\d\d-\d\d-.+\.mp3$/);
    const bytes = await readFile(songPath);
    const decoded = await decodeAudio(bytes, songPath);
    expect(decoded.container).toBe("MPEG");
    expect(Math.abs(decoded.durationSeconds - 60)).toBeLessThanOrEqual(mp3Frame);
    // What ACE-Step was sent: the style as tags, the tagged lyrics, the length and the seed.
    const sent = falSubmits()[0]?.body as Record<string, unknown>;
    expect(sent).toMatchObject({
      tags: "upbeat c-pop, 110 bpm, female vocal",
      duration: 60,
      seed: 7,
    });
    expect(String(sent.lyrics)).toMatch(/^\[Verse\]\n.+\n[\s\S]*\[Bridge\]/);

    const sidecar = JSON.parse(await readFile(songPath.replace(/\.mp3$/, ".json"), "utf8"));
    expect(sidecar).toMatchObject({
      kind: "song",
      style: "upbeat c-pop, 110 bpm, female vocal",
      lyrics: sent.lyrics,
      textFile: lyricsPath,
      provider: "hf",
      model: "ACE-Step/ACE-Step-v1-3.5B",
      seed: 7,
      askedDurationSeconds: 60,
      format: "mp3",
      sampleRate: 44100,
      channels: 1,
      warnings: [],
    });
    const tags = NodeID3.read(bytes);
    expect(tags.artist).toBe("hf:ACE-Step/ACE-Step-v1-3.5B");
    expect(tags.title).toBe(written.title);
    expect(tags.unsynchronisedLyrics?.text).toBe(sent.lyrics);

    const info = await run(["info", songPath]);
    expect(info.code).toBe(0);
    expect(info.stdout).toMatch(/^container MPEG$/m);
    expect(info.stdout).toMatch(/^duration {2}(60\.0|59\.9)\d s$/m);
    expect(info.stdout).toMatch(/^style {5}upbeat c-pop, 110 bpm, female vocal$/m);
    expect(info.stdout).toMatch(/^seed {6}7$/m);
    expect(info.stdout).toMatch(/^what made .+\.json$/m);
  });
});

describe("song", () => {
  it("reads the style from the lyrics file, asks for the estimated length rounded up to 5 s, and prints one JSON object", async () => {
    const path = await lyricsFile("short.md", shortLyrics);
    const result = await run(["song", path, "--model", ACE_STEP, "--json"]);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    // 18 syllables / 3 + 2 sections × 2 s = 10 s, already a multiple of 5.
    expect(out).toMatchObject({ style: "c-pop, 110 bpm", askedDurationSeconds: 10, title: "小龙" });
    expect(Math.abs(out.durationSeconds - 10)).toBeLessThanOrEqual(mp3Frame);
    expect(existsSync(out.path)).toBe(true);
  });

  it("takes tagged lyrics typed on the command line, and a WAV when asked", async () => {
    const result = await run([
      "song",
      "[Verse] hello little dragon / dancing in the snow [Chorus] happy new year",
      "--style",
      "lofi",
      "--duration",
      "12",
      "--format",
      "wav",
      "--model",
      ACE_STEP,
      "--json",
    ]);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.lyrics).toBe(
      "[Verse]\nhello little dragon\ndancing in the snow\n\n[Chorus]\nhappy new year",
    );
    // fal's ACE-Step makes MP3 only: the format asked for is kept next to the one made, with a warning.
    expect(out).toMatchObject({ askedFormat: "wav" });
    expect(out.warnings.join(" ")).toMatch(/wav|WAV/);
  });

  it("with --split, makes one numbered song per group of sections that fits", async () => {
    const verse = "[Verse]\n一二三四五六七八九十\n一二三四五六七八九十\n一二三四五六七八九十\n";
    const path = await lyricsFile(
      "long.md",
      `${verse}\n${verse.replace("Verse", "Chorus")}\n${verse}`,
    );
    // Each section: 30 syllables → 12 s; --duration 20 fits one section a song.
    const refused = await run([
      "song",
      path,
      "--style",
      "pop",
      "--duration",
      "20",
      "--model",
      ACE_STEP,
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      "error: these lyrics take about 36 s to sing (90 syllables in 3 sections, at about 3 syllables a second plus 2 s of music per section), but --duration is 20 s: shorten the lyrics, give a longer --duration, or add --split for one song per group of sections\n",
    );
    expect(falSubmits()).toHaveLength(0);

    const split = await run([
      "song",
      path,
      "--style",
      "pop",
      "--duration",
      "20",
      "--split",
      "--model",
      ACE_STEP,
    ]);
    expect(split.code).toBe(0);
    const paths = split.stdout.trim().split("\n");
    expect(paths).toHaveLength(3);
    expect(paths.map((path) => path.replace(/.*-part/, "part"))).toEqual([
      "part1.mp3",
      "part2.mp3",
      "part3.mp3",
    ]);
    const sidecars = await Promise.all(
      paths.map(async (path) =>
        JSON.parse(await readFile(path.replace(/\.mp3$/, ".json"), "utf8")),
      ),
    );
    expect(sidecars.map((sidecar) => sidecar.part)).toEqual([
      { n: 1, of: 3 },
      { n: 2, of: 3 },
      { n: 3, of: 3 },
    ]);
    expect(sidecars[1].lyrics).toMatch(/^\[Chorus\]/);
  });
});

describe("song on MiniMax Music, which sets the length from the lyrics and takes no seed", () => {
  it("sings the lyrics, warns about the length and seed it could not use, and the sidecar keeps both lengths", async () => {
    const path = await lyricsFile("short.md", shortLyrics);
    const result = await run([
      "song",
      path,
      "--duration",
      "30",
      "--seed",
      "5",
      "--model",
      "minimax:music-1.5",
      "--json",
    ]);
    expect(result.code).toBe(0);
    const sent = minimax.api.requests.find((request) => request.path === "/v1/music_generation")
      ?.body as Record<string, unknown>;
    expect(sent).toMatchObject({ model: "music-1.5", prompt: "c-pop, 110 bpm" });
    expect(sent.lyrics).toBe("[Verse]\n春节里一条小龙\n摇着尾巴笑\n\n[Chorus]\n红灯笼高高挂");
    const out = JSON.parse(result.stdout);
    // The fake makes 4 s plus 2 s a lyric line: 3 lines (tags are not lines) → 10 s.
    expect(out).toMatchObject({ provider: "minimax", askedDurationSeconds: 30, seed: null });
    expect(out.durationSeconds).toBeGreaterThan(9);
    expect(out.durationSeconds).toBeLessThan(11);
    expect(out.warnings.join("\n")).toMatch(/sets the length from the lyrics[\s\S]*takes no seed/);
    expect(result.stderr).toMatch(/^warning: .*sets the length from the lyrics/m);
  });
});

describe("song: bad input is refused before anything is paid for", () => {
  it("lyrics with no sections: one line saying how to tag them", async () => {
    const path = await lyricsFile("plain.txt", "just some words\nwith no tags\n");
    const result = await run(["song", path, "--style", "pop", "--model", ACE_STEP]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `error: ${path} has no sections: put each section under a tag on its own line: [Verse], [Chorus], [Bridge], [Intro], [Outro]\n`,
    );
    expect(falSubmits()).toHaveLength(0);
  });

  it("an empty lyrics file", async () => {
    const path = await lyricsFile("empty.md", "\n \n");
    const result = await run(["song", path, "--style", "pop", "--model", ACE_STEP]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: .*empty\.md is empty: write the lyrics in it \(put each section under a tag/,
    );
  });

  it("a folder given as the lyrics file", async () => {
    await mkdir(join(folder, "lyrics.md"));
    const result = await run(["song", "lyrics.md", "--style", "pop", "--model", ACE_STEP]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("error: cannot read lyrics.md: it is a folder, not a file\n");
  });

  it("a duration over the model's limit, with the numbers", async () => {
    const path = await lyricsFile("short.md", shortLyrics);
    const result = await run(["song", path, "--duration", "300", "--model", ACE_STEP]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "error: hf:ACE-Step/ACE-Step-v1-3.5B makes at most 240 s in one song; --duration 300 asks for more: use --duration 240 or less\n",
    );
    expect(falSubmits()).toHaveLength(0);
  });

  it("no style anywhere", async () => {
    const result = await run(["song", "[Verse] la la", "--model", ACE_STEP]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'error: give a style: --style "upbeat c-pop, 110 bpm, female vocal"\n',
    );
  });
});

describe("song: failures mid-job", () => {
  it("keeps the song in the recovery folder when --out stops being writable during the job", async () => {
    const path = await lyricsFile("short.md", shortLyrics);
    const out = join(folder, "songs");
    const result = await run(["song", path, "--out", out, "--model", ACE_STEP], {
      onStderr: (stderr) => {
        // The folder is fine when checked; a file takes its place while the song is made.
        if (stderr.includes("generating with") && !existsSync(out))
          void writeFile(out, "in the way");
      },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /error: could not save into .*songs \(.+\); the song is kept at .*genai-path-recovered.*\.mp3/,
    );
    const recovered = join(folder, "genai-path-recovered");
    const files = (await readdir(recovered)).sort();
    expect(files.map((file) => file.replace(/.*\./, ""))).toEqual(["json", "mp3"]);
    const kept = await decodeAudio(await readFile(join(recovered, files[1]!)), "kept");
    expect(Math.abs(kept.durationSeconds - 10)).toBeLessThanOrEqual(mp3Frame);
  });

  it("Ctrl-C while the song is made cancels it: exit 130 and no file, half-written or whole", async () => {
    const slow = await startFakeHuggingFace({ token: HF_TOKEN, fal: { progressPolls: 1000 } });
    try {
      const path = await lyricsFile("short.md", shortLyrics);
      let pressed = false;
      const result = await runMusic(["song", path, "--model", ACE_STEP], {
        cwd: folder,
        env: { ...env(), HF_ROUTER_URL: slow.origin, HF_ENDPOINT: slow.origin },
        onStderr: (stderr, child) => {
          if (pressed || !stderr.includes("generating with")) return;
          pressed = true;
          child.kill("SIGINT");
        },
      });
      expect(result.code).toBe(130);
      expect(result.stderr).toMatch(/cancel/i);
      expect(existsSync(join(folder, "output"))).toBe(false);
      expect(existsSync(join(folder, "genai-path-recovered"))).toBe(false);
    } finally {
      await slow.close();
    }
  });
});
