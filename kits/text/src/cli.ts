/**
 * The text kit's command line: `npm run text -- <quest> [args]`, `npm start -- "<prompt>"`.
 * Each quest is one short file; this only picks the file and turns errors into exit codes.
 */
import { type Command, printEvents, reportError, runCommand } from "@path/kit-cli";
import { textHint } from "./shared/text-hint.js";

// npm runs workspace scripts inside kits/text; INIT_CWD is where the person typed the command.
// Going back there puts ./output/ beside them and lets core find their .env (read from the cwd).
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

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

const argv = process.argv.slice(2);
const stopPrinting = printEvents({ showModel: argv[0] === "compare" });
const code = await runCommand(argv, quests, { help }).catch((error: unknown) =>
  reportError(error, { debug: argv.includes("--debug"), hint: textHint }),
);
stopPrinting();
// Exit once stdout is flushed: an idle keep-alive socket or a loaded local model must not
// keep a finished command waiting.
process.stdout.write("", () => process.exit(code));
