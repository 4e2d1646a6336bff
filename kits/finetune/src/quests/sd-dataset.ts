/**
 * Quest: a Stable Diffusion LoRA dataset from your photos. Each picture is checked, cropped to
 * an aspect-ratio bucket and captioned (by a vision model, trigger word first), laid out the
 * way kohya's sd-scripts reads it, with its config and the training command.
 *
 *   npm run finetune -- sd-dataset ./photos --trigger mydog --caption-model ollama:llava --out data/sd/
 */
import { join } from "node:path";
import { saveFileAtomically } from "@path/core";
import {
  cancelOnCtrlC,
  parseCommandArgs,
  parseIntegerFlag,
  printJson,
  progressLine,
  UsageError,
} from "@path/kit-cli";
import { writeNewFiles } from "../build/write-jsonl-files.js";
import { captionPicture } from "../sd-dataset/caption.js";
import { kohyaConfig, kohyaReadme } from "../sd-dataset/kohya-files.js";
import { preparePictures } from "../sd-dataset/prepare-pictures.js";

export const help = `Usage: npm run finetune -- sd-dataset <photos folder> --trigger <word> [options]

Reads the JPEG, PNG and WebP pictures in the folder; reports (and leaves out) those that cannot
be read, are smaller than their bucket, or repeat another (the same bytes or nearly the same
picture); centre-crops each to the nearest aspect-ratio bucket for the resolution; writes
<out>/img/<repeats>_<trigger>/<name>.png with <name>.txt captions that start with the trigger
word, <out>/dataset.toml for kohya's sd-scripts and <out>/README.md with the training command.

Options:
      --trigger <word>          the word the LoRA learns (a rare one: "mydog", "sks dog")
      --caption-model <p:model> a vision model for captions, e.g. ollama:llava, openai:gpt-4o-mini;
                                none (the default) writes the trigger word alone
      --resolution <n>          1024 (SDXL, the default), 768 or 512 (SD 1.5)
      --repeats <n>             how often each picture is seen per epoch (default 10)
      --base <model>            the checkpoint named in the command (default: SDXL base 1.0)
      --out <folder>            default data/sd
      --force                   replace files that exist
      --json                    print the report as one JSON object
  -h, --help                    this help`;

const flags = {
  trigger: { type: "string" },
  "caption-model": { type: "string" },
  resolution: { type: "string" },
  repeats: { type: "string" },
  base: { type: "string" },
  out: { type: "string" },
  force: { type: "boolean" },
} as const;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, flags);
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const folder = positionals[0];
  const trigger = values.trigger?.trim();
  if (!folder || !trigger)
    throw new UsageError("npm run finetune -- sd-dataset ./photos --trigger mydog");
  if (!/^[\p{L}\p{N}_-]+$/u.test(trigger))
    throw new UsageError(`--trigger is one word of letters, digits, _ or - (got "${trigger}")`);
  const resolution = parseIntegerFlag("resolution", values.resolution, 512, 1024) ?? 1024;
  if (![512, 768, 1024].includes(resolution))
    throw new UsageError("--resolution is 512, 768 or 1024");
  const repeats = parseIntegerFlag("repeats", values.repeats, 1, 1000) ?? 10;
  const captionModel = values["caption-model"] === "none" ? undefined : values["caption-model"];
  const out = values.out ?? join("data", "sd");
  const progress = progressLine({ dim: true });
  const cancel = cancelOnCtrlC();
  try {
    const { pictures, problems } = await preparePictures(folder, resolution, (done, total) =>
      progress.update("preparing", {
        fraction: total ? done / total : 1,
        message: `${done}/${total}`,
      }),
    ).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT" || error.code === "ENOTDIR")
        throw new UsageError(`no folder ${folder}: give the folder your photos are in`);
      throw error;
    });
    if (pictures.length === 0) {
      progress.end("erase");
      throw new UsageError(
        `no usable pictures in ${folder}${problems.length ? `: ${problems.map((p) => `${p.source} ${p.why}`).join("; ")}` : " (JPEG, PNG or WebP)"}`,
      );
    }
    const captions: string[] = [];
    let captionFailure: string | undefined;
    for (const [index, picture] of pictures.entries()) {
      let caption = trigger;
      if (captionModel && !captionFailure) {
        progress.update("captioning", {
          fraction: index / pictures.length,
          message: `${index}/${pictures.length} ${picture.source}`,
        });
        const answer = await captionPicture(captionModel, picture.png, cancel.signal);
        if ("failed" in answer) captionFailure = answer.failed;
        else caption = `${trigger}, ${answer.caption}`;
      }
      captions.push(caption);
    }
    progress.end("erase");
    const images = join(out, "img", `${repeats}_${trigger}`);
    const files: Record<string, string> = {
      [join(out, "dataset.toml")]: kohyaConfig({ resolution, trigger, repeats }),
      [join(out, "README.md")]: kohyaReadme({
        resolution,
        trigger,
        images: pictures.length,
        base:
          values.base ??
          (resolution >= 1024
            ? "stabilityai/stable-diffusion-xl-base-1.0"
            : "stable-diffusion-v1-5/stable-diffusion-v1-5"),
      }),
    };
    for (const [index, picture] of pictures.entries())
      files[join(images, `${picture.name}.txt`)] = `${captions[index]}\n`;
    await writeNewFiles(files, values.force === true);
    for (const picture of pictures)
      await saveFileAtomically(join(images, `${picture.name}.png`), picture.png, {
        overwrite: true,
      });
    const report = {
      folder: images,
      pictures: pictures.map((p, i) => ({
        source: p.source,
        size: `${p.width}x${p.height}`,
        caption: captions[i],
      })),
      leftOut: problems,
      ...(captionFailure ? { captionFailure } : {}),
    };
    if (values.json) {
      printJson(report);
      return 0;
    }
    for (const row of report.pictures)
      process.stdout.write(`${row.source.padEnd(20)} ${row.size.padEnd(10)} ${row.caption}\n`);
    for (const problem of problems)
      process.stderr.write(`left out ${problem.source}: ${problem.why}\n`);
    if (captionFailure) {
      process.stderr.write(
        `captions: ${captionModel} could not describe the pictures (${captionFailure}); the trigger word alone was written (a vision model such as ollama:llava or openai:gpt-4o-mini writes descriptions)\n`,
      );
    } else if (!captionModel) {
      process.stderr.write(
        "captions: the trigger word alone (add --caption-model ollama:llava for descriptions)\n",
      );
    }
    process.stderr.write(
      `${pictures.length} picture${pictures.length === 1 ? "" : "s"} in ${images}; next: read ${join(out, "README.md")}\n`,
    );
    return 0;
  } finally {
    cancel.dispose();
  }
}
