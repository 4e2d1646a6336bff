/**
 * Quest: a structured Stable Diffusion prompt.
 *
 *   npm run image -- prompt "a chinese dragon" --style guofeng --lighting golden-hour \
 *       --camera wide --weight dragon:1.3 --negative anime
 *   npm run image -- prompt "a chinese dragon" --style anime --generate --model a1111:default
 *
 * Good SD prompts follow a pattern: quality tags, the subject, then style, lighting and camera,
 * with emphasis on the words that matter and a negative prompt for common defects. This quest
 * writes that pattern out so you can see it, copy it into WebUI or ComfyUI, or run it.
 */

import { printJson, UsageError } from "@path/kit-cli";
import {
  cameraPresets,
  lightingPresets,
  negativePresets,
  stylePresets,
} from "../prompt-builder/presets.js";
import { buildPrompt } from "../prompt-builder/sd-prompt.js";
import { generationHelp, generationSettings, parseImageArgs } from "../shared/image-args.js";
import { runGeneration } from "../shared/run-generation.js";

const names = (presets: Record<string, string>) => Object.keys(presets).join(", ");

export const help = `Usage: npm run image -- prompt "<subject>" [options]

Builds a Stable Diffusion prompt and prints it as WebUI shows it (prompt, then a
"Negative prompt:" line), ready to paste. Every option takes a preset name or your own words.

Options:
      --style <name|words>      ${names(stylePresets)}
      --lighting <name|words>   ${names(lightingPresets)}
      --camera <name|words>     ${names(cameraPresets)}
      --quality <name|words>    high (default), standard, none
      --weight <word:1.2>       emphasise a word, (word:1.2); repeat for more words
      --extra <tags>            more tags at the end
      --negative <name|words>   ${names(negativePresets)} (default: default)
      --generate                also make the picture(s), with the options below

Generation options (with --generate):
${generationHelp.replace(/ {6}--negative <text>.*\n/, "")}`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseImageArgs(argv, {
    style: { type: "string" },
    lighting: { type: "string" },
    camera: { type: "string" },
    quality: { type: "string" },
    weight: { type: "string", multiple: true },
    extra: { type: "string" },
    generate: { type: "boolean" },
  });
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const subject = positionals.join(" ").trim();
  if (!subject) throw new UsageError('give a subject: npm run image -- prompt "a chinese dragon"');
  const built = buildPrompt({
    subject,
    style: values.style,
    lighting: values.lighting,
    camera: values.camera,
    quality: values.quality,
    extra: values.extra,
    weights: values.weight,
    negative: values.negative,
  });
  if (!values.generate) {
    if (values.json) printJson(built);
    else {
      const negative = built.negativePrompt ? `\nNegative prompt: ${built.negativePrompt}` : "";
      process.stdout.write(`${built.prompt}${negative}\n`);
    }
    return 0;
  }
  if (!values.json) {
    process.stderr.write(`prompt: ${built.prompt}\nnegative prompt: ${built.negativePrompt}\n`);
  }
  const hasWeights = /\([^()]+:\d+(\.\d+)?\)/.test(built.prompt);
  const model = values.model ?? "";
  if (hasWeights && !/^(a1111|comfyui):/.test(model)) {
    process.stderr.write(
      "note: (word:1.2) emphasis is read by Stable Diffusion WebUI and ComfyUI; other providers see it as plain text.\n",
    );
  }
  return runGeneration(
    {
      ...generationSettings({ ...values, negative: undefined }),
      prompt: built.prompt,
      negativePrompt: built.negativePrompt || undefined,
    },
    // Named after the subject: every built prompt starts with the same quality tags.
    { ...values, nameAfter: subject },
  );
}
