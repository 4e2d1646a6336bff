import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { mediaBlock, mediaFolder } from "./media-block.js";
import { readBlock } from "./page-blocks.js";
import { normalise, repositoryRoot, runStep } from "./run-step.js";
import { englishComments, sourceExcerpt } from "./source-excerpt.js";
import { steps } from "./steps.js";

const folders = ["docs/path", "docs/zh/path"];
const fileDigest = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const page = (folder: string, id: string) =>
  readFileSync(join(repositoryRoot, folder, `${id}.md`), "utf8");

describe.concurrent("each path page shows what its commands print today", () => {
  for (const step of steps) {
    it(`${step.id}: the commands run and print what the English and 中文 pages show`, async () => {
      const run = await runStep(step);
      const output = normalise(run.text);
      for (const folder of folders) {
        const shown = readBlock(page(folder, step.id), "captured");
        expect(shown, `${folder}/${step.id}.md has no captured block`).toBeDefined();
        expect(
          normalise(shown as string),
          `${folder}/${step.id}.md: run npm run capture -w @path/path-docs`,
        ).toBe(output);
        for (const command of step.commands) expect(shown).toContain(`$ ${command.shown}`);
      }
      for (const { name, recordsItsRun } of step.media ?? []) {
        const made = run.media.get(name) as Uint8Array;
        const shownFile = join(repositoryRoot, mediaFolder, name);
        expect(existsSync(shownFile), `${mediaFolder}/${name}: run the capture`).toBe(true);
        const shown = readFileSync(shownFile);
        if (recordsItsRun) {
          expect(shown.subarray(0, 4), name).toEqual(Buffer.from(made.subarray(0, 4)));
          expect(Math.abs(shown.length - made.length) / made.length, name).toBeLessThan(0.05);
        } else {
          expect(fileDigest(shown), `${mediaFolder}/${name}: run the capture`).toBe(
            fileDigest(made),
          );
        }
      }
    }, 60_000);
  }
});

describe("the path pages", () => {
  it("quote the kit source as it is now, with its comments in Chinese on the 中文 pages", () => {
    for (const step of steps) {
      expect(readBlock(page("docs/path", step.id), "source"), step.id).toBe(sourceExcerpt(step));
      const zh = sourceExcerpt(step, "zh");
      expect(englishComments(zh), `${step.id}: translate these in zh-comments.ts`).toEqual([]);
      expect(readBlock(page("docs/zh/path", step.id), "source"), step.id).toBe(zh);
    }
  });

  it("show each step's media in both languages", () => {
    for (const step of steps.filter((step) => step.media)) {
      expect(readBlock(page("docs/path", step.id), "media"), step.id).toBe(mediaBlock(step, "en"));
      expect(readBlock(page("docs/zh/path", step.id), "media"), step.id).toBe(
        mediaBlock(step, "zh"),
      );
    }
  });

  it("link only to files that exist, in both languages", () => {
    const pages = [
      "README.md",
      "README.zh.md",
      "docs/README.md",
      "docs/zh/README.md",
      ...folders.flatMap((folder) =>
        readdirSync(join(repositoryRoot, folder))
          .filter((name) => name.endsWith(".md"))
          .map((name) => join(folder, name)),
      ),
    ].filter((file) => existsSync(join(repositoryRoot, file)));
    const broken: string[] = [];
    for (const file of pages) {
      const text = readFileSync(join(repositoryRoot, file), "utf8");
      for (const [, linked, source] of text.matchAll(/\]\(([^)\s]+)\)|src="([^"]+)"/g)) {
        const target = linked ?? source;
        if (/^(https?:|mailto:|#)/.test(target as string)) continue;
        const path = resolve(
          repositoryRoot,
          dirname(file),
          (target as string).split("#")[0] as string,
        );
        if (!existsSync(path)) broken.push(`${file} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("exist as a pair for every step, English and 中文", () => {
    for (const folder of folders) {
      const names = readdirSync(join(repositoryRoot, folder)).filter((name) => /^\d\d-/.test(name));
      expect(names.sort(), folder).toEqual(steps.map((step) => `${step.id}.md`).sort());
    }
  });
});
