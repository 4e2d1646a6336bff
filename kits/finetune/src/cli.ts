/**
 * The finetune kit's command line: `npm run finetune -- <quest> [args]`. Each quest is one short
 * file; this only picks the file and turns errors into exit codes.
 */
import { type Command, printEvents, reportError, runCommand } from "@path/kit-cli";

// npm runs workspace scripts inside kits/finetune; INIT_CWD is where the person typed the
// command. Going back there resolves their paths and lets core find their .env.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

const quests: Record<string, Command> = {
  compare: {
    summary:
      "base vs tuned on held-out examples: compare --base <m> --tuned <m> --on data/val.jsonl",
    load: () => import("./quests/compare.js"),
  },
};

const help = `GenAI Path — finetune kit (datasets, hosted fine-tuning jobs, LoRA adapters, SD LoRA data)

Usage: npm run finetune -- <quest> [options]

Quests:
${Object.entries(quests)
  .map(([name, quest]) => `  ${name.padEnd(12)}${quest.summary}`)
  .join("\n")}

Run \`npm run finetune -- <quest> --help\` for a quest's options.`;

const argv = process.argv.slice(2);
const stopPrinting = printEvents();
const code = await runCommand(argv, quests, { help }).catch((error: unknown) =>
  reportError(error, { debug: argv.includes("--debug") }),
);
stopPrinting();
// Exit once stdout is flushed: an idle keep-alive socket must not keep a finished command waiting.
process.stdout.write("", () => process.exit(code));
