/**
 * The image kit's command line: `npm run image -- <quest> [args]`. Each quest is one short file;
 * this only picks the file and turns errors into exit codes.
 */
import { printEvents } from "../../text/src/shared/print-events.js";
import { UsageError } from "../../text/src/shared/usage-error.js";
import { reportImageError } from "./shared/image-hints.js";

// npm runs workspace scripts inside kits/image-sd; INIT_CWD is where the person typed the
// command. Going back there puts ./output/ beside them and lets core find their .env.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

interface Quest {
  summary: string;
  load(): Promise<{ main(argv: string[]): Promise<number> }>;
}

const quests: Record<string, Quest> = {
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

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  if (name === undefined) {
    process.stderr.write(`${help}\n`);
    return 2;
  }
  const quest = quests[name];
  if (!quest) {
    throw new UsageError(
      `unknown quest "${name}"; the quests are ${Object.keys(quests).join(", ")}`,
    );
  }
  return (await quest.load()).main(rest);
}

const argv = process.argv.slice(2);
const stopPrinting = printEvents();
const code = await main(argv).catch((error: unknown) =>
  reportImageError(error, { debug: argv.includes("--debug") }),
);
stopPrinting();
// Exit once stdout is flushed: an idle keep-alive socket must not keep a finished command waiting.
process.stdout.write("", () => process.exit(code));
