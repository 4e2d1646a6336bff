/**
 * Quest 1 — your first LLM call.
 *
 *   npm start -- "用三句话解释什么是生成式 AI"
 *   echo "Explain tokens in one paragraph" | npm start
 *
 * One prompt goes to a model; the answer streams back piece by piece. The dim line after it
 * says which model answered, how many tokens went in and out, how long it took, how soon the
 * first words arrived, and roughly what it cost.
 */
import { cancelOnCtrlC, printJson, readStdin, stdinIsPiped, UsageError } from "@path/kit-cli";
import { answerJson } from "./shared/answer-json.js";
import { callSettingsFrom, commonHelp, parseQuestArgs } from "./shared/args.js";
import { streamAnswer } from "./shared/stream-answer.js";

export const help = `Usage: npm start -- "<prompt>"    or    npm run text -- ask "<prompt>" [options]

Sends one prompt to a model and streams the answer. With no prompt, reads it from stdin:
  cat question.txt | npm start

Options:
  -s, --system <text>           instructions that come before the prompt ("answer in English")
${commonHelp}`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseQuestArgs(argv, {
    system: { type: "string", short: "s" },
  });
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }

  // The prompt: the words after `ask`, else whatever is piped in.
  let prompt: string;
  if (positionals.length > 0) prompt = positionals.join(" ");
  else if (stdinIsPiped()) prompt = await readStdin();
  else throw new UsageError('give a prompt: npm start -- "your question"');

  const cancel = cancelOnCtrlC();
  try {
    const answer = await streamAnswer(
      {
        model: values.model,
        system: values.system,
        prompt,
        ...callSettingsFrom(values),
        signal: cancel.signal,
      },
      { json: values.json },
    );
    if (values.json) printJson(answerJson(answer));
    return 0;
  } finally {
    cancel.dispose();
  }
}
