/**
 * The image kit's command line: `npm run image -- <quest> [args]`. Each quest is one short file;
 * this only picks the file and turns errors into exit codes.
 */
import { type Command, runKit } from "@path/kit-cli";
import { imageHint } from "./shared/image-hint.js";

const quests: Record<string, Command> = {
  generate: {
    summary: 'text to image: generate "a red lantern --ar 3:4 --seed 42"',
    load: () => import("./quests/generate.js"),
  },
  img2img: {
    summary: 'image to image: img2img sketch.png "watercolor" --strength 0.6',
    load: () => import("./quests/img2img.js"),
  },
  prompt: {
    summary: "build a Stable Diffusion prompt: subject, style, lighting, camera, weights",
    load: () => import("./quests/prompt.js"),
  },
  grid: {
    summary: "one prompt, several seeds or models, one contact sheet",
    load: () => import("./quests/grid.js"),
  },
  info: {
    summary: "what made this picture: prompt, seed, model, settings",
    load: () => import("./quests/info.js"),
  },
  models: {
    summary: "find and download Stable Diffusion models on Civitai",
    load: async () => ({ main: (await import("./quests/models.js")).runModels }),
  },
};

const help = `GenAI Path — image kit

Usage: npm run image -- <quest> [options]

Quests, in learning order:
${Object.entries(quests)
  .map(([name, quest]) => `  ${name.padEnd(10)}${quest.summary}`)
  .join("\n")}

Run \`npm run image -- <quest> --help\` for a quest's options.`;

await runKit(quests, { help, hint: imageHint });
