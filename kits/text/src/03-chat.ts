/**
 * Quest 3 — a chat in the terminal.
 *
 *   npm run text -- chat
 *   npm run text -- chat --model deepseek:deepseek-chat --system "你是一位耐心的老师"
 *
 * A chat is a list of messages sent again in full every turn: that is all "memory" is.
 * Ctrl-C stops the answer being written (the part already written is kept); Ctrl-C on an
 * empty line or Ctrl-D leaves.
 */

import { extname, relative } from "node:path";
import { createInterface } from "node:readline";
import { closestMatch, getProviderEntry, type Message, parseModelString } from "@path/core";
import { dateTimeStamp, dim, outputDirectory, reportError, saveUnderFreeName } from "@path/kit-cli";
import { answerJson } from "./shared/answer-json.js";
import { callSettingsFrom, commonHelp, parseQuestArgs } from "./shared/args.js";
import { streamAnswer } from "./shared/stream-answer.js";
import { textHint } from "./shared/text-hint.js";

export const help = `Usage: npm run text -- chat [--system <text>] [options]

Commands inside the chat:
  /model <provider:model>   switch model, e.g. /model ollama:qwen2.5:0.5b
  /system <text>            set the system prompt (/system alone clears it)
  /save [file]              write the conversation to output/ as Markdown
  /clear                    forget the conversation
  /help, /exit

Options:
  -s, --system <text>       the system prompt to start with
${commonHelp}`;

interface Turn extends Message {
  content: string;
  /** Which model wrote an answer. */
  model?: string;
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseQuestArgs(argv, { system: { type: "string", short: "s" } });
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const settings = callSettingsFrom(values); // a wrong value stops here, before the chat starts
  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
  const say = (text: string) => process.stderr.write(`${dim(text)}\n`);
  let model = values.model;
  let system = values.system;
  let turns: Turn[] = [];
  let answering: AbortController | undefined;
  // Piped in (a script): the exit code says whether every answer arrived, as ask's would.
  let exitCode = 0;

  const lines = createInterface({
    input: process.stdin,
    output: interactive ? process.stdout : undefined,
    terminal: interactive,
    prompt: "you> ",
  });
  // Ctrl-C: stop the answer being written; on an empty line, leave; otherwise clear the line.
  // In a terminal readline reports it as a key press, otherwise it arrives as a signal.
  const interrupt = () => {
    if (answering) answering.abort();
    else if (lines.line === "") lines.close();
    else lines.write(null, { ctrl: true, name: "u" });
  };
  lines.on("SIGINT", interrupt);
  process.on("SIGINT", interrupt);

  async function reply(text: string) {
    turns.push({ role: "user", content: text });
    answering = new AbortController();
    try {
      const answer = await streamAnswer(
        {
          model,
          system,
          messages: turns.map(({ role, content }) => ({ role, content })),
          ...settings,
          signal: answering.signal,
        },
        { json: values.json },
      );
      turns.push({
        role: "assistant",
        content: answer.text,
        model: `${answer.provider}:${answer.modelId}`,
      });
      if (values.json) process.stdout.write(`${JSON.stringify(answerJson(answer))}\n`);
    } catch (error) {
      // A cut or cancelled answer keeps what was written, marked, so the model sees it too.
      const partial = (error as { partialText?: string }).partialText;
      if (partial)
        turns.push({ role: "assistant", content: `${partial}\n\n[answer cut off]`, model });
      else turns.pop(); // no answer at all: forget the question too
      const code = reportError(error, { debug: values.debug, hint: textHint });
      if (code !== 130) exitCode = Math.max(exitCode, code);
    } finally {
      answering = undefined;
    }
  }

  async function command(line: string): Promise<"exit" | undefined> {
    const name = line.split(/\s+/)[0]!;
    const rest = line.slice(name.length).trim();
    if (name === "/exit" || name === "/quit") return "exit";
    if (name === "/help") say(help.split("\n\nOptions:")[0]!);
    else if (name === "/clear") {
      turns = [];
      say("history cleared");
    } else if (name === "/system") {
      system = rest || undefined;
      say(system ? "system prompt set" : "system prompt cleared");
    } else if (name === "/model") {
      if (!rest)
        say(`model: ${model ?? "the default (GENAI_TEXT_MODEL or the first configured provider)"}`);
      else {
        getProviderEntry(parseModelString(rest).provider); // a typo fails here, with a suggestion
        model = rest;
        say(`model: ${model}`);
      }
    } else if (name === "/save") {
      const file = rest ? (extname(rest) ? rest : `${rest}.md`) : `chat-${dateTimeStamp()}.md`;
      const extension = extname(file);
      const [path] = await saveUnderFreeName(
        outputDirectory(),
        file.slice(0, -extension.length),
        [{ extension: extension.slice(1), data: toMarkdown(turns, system) }],
        { chosenByUser: !!rest },
      );
      say(`saved ${relative(process.cwd(), path!)}`);
    } else {
      const suggestion = closestMatch(name, chatCommands);
      say(
        `unknown command ${name}; ${suggestion ? `did you mean ${suggestion}? ` : ""}/help lists them`,
      );
    }
    return undefined;
  }

  if (interactive) {
    say("Chat started. /help for commands, Ctrl-D or /exit to leave.");
    lines.prompt();
  }
  for await (const line of lines) {
    const text = line.trim();
    if (text.startsWith("/")) {
      const outcome = await command(text).catch((error: unknown) => {
        reportError(error, { debug: values.debug, hint: textHint });
        return undefined;
      });
      if (outcome === "exit") break;
    } else if (text) await reply(text);
    if (interactive) lines.prompt();
  }
  lines.close();
  process.off("SIGINT", interrupt);
  // 2 when a message itself was wrong (too long, empty), else 1 when an answer failed.
  return interactive ? 0 : exitCode;
}

const chatCommands = ["/model", "/system", "/save", "/clear", "/help", "/exit", "/quit"];

function toMarkdown(turns: Turn[], system: string | undefined): string {
  const head = [`# Chat`, "", `- saved: ${new Date().toISOString()}`];
  if (system) head.push(`- system: ${system}`);
  const body = turns.map((turn) =>
    turn.role === "user"
      ? `## You\n\n${turn.content}`
      : `## Assistant${turn.model ? ` · ${turn.model}` : ""}\n\n${turn.content}`,
  );
  return `${[head.join("\n"), ...body].join("\n\n")}\n`;
}
