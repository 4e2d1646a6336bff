// What a TypeScript project writes first; `tsc` with tsc --init's settings must report nothing.
import { generateText, PathError } from "@path/core";
import type { TextModel } from "@path/core/spec";
import { displayWidth } from "@path/kit-cli";
import { createLocalProvider } from "@path/local";
import { startFakeOpenAI } from "@path/testing";

const server = await startFakeOpenAI();
const answer = await generateText({ model: "openai:gpt-4o-mini", prompt: "你好" });
const width: number = displayWidth(answer.text);
const local = createLocalProvider({ threads: 1 });
const model: TextModel | undefined = local.textModel?.("default");
export const used = [PathError.isInstance(answer), width, model, server.url];
