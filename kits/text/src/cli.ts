/**
 * The text kit's command line: `npm run text -- <quest> [args]`, `npm start -- "<prompt>"`.
 * Each quest is one short file; this only picks the file and turns errors into exit codes.
 */
import { type Command, runKit } from "@path/kit-cli";
import { textHint } from "./shared/text-hint.js";

const quests: Record<string, Command> = {
  ask: { summary: "one prompt, one streamed answer", load: () => import("./01-ask.js") },
  prompt: {
    summary: "structured prompt templates with {{variables}}",
    load: () => import("./02-prompt.js"),
  },
  chat: { summary: "a chat in the terminal, with history", load: () => import("./03-chat.js") },
  compare: {
    summary: "one prompt, several models, side by side",
    load: () => import("./04-compare.js"),
  },
  json: {
    summary: "text in, an object matching a JSON Schema out",
    load: () => import("./05-json.js"),
  },
};

const help = `GenAI Path — text kit

Usage: npm run text -- <quest> [options]     (npm start -- "<prompt>" runs ask)

Quests, in learning order:
${Object.entries(quests)
  .map(([name, quest]) => `  ${name.padEnd(9)}${quest.summary}`)
  .join("\n")}

Run \`npm run text -- <quest> --help\` for a quest's options.`;

await runKit(quests, { help, hint: textHint, showModel: (argv) => argv[0] === "compare" });
