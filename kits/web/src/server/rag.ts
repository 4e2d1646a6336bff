import type { IncomingMessage, ServerResponse } from "node:http";
import { resolve } from "node:path";
import { readSetting } from "@path/core";
import { answerQuestion } from "@path/kit-rag/src/answer/answer-question.js";
import { contextTokensFor } from "@path/kit-rag/src/answer/context-window.js";
import { retrieve } from "@path/kit-rag/src/answer/retrieve.js";
import { RagIndex } from "@path/kit-rag/src/index/rag-index.js";
import type { Retriever } from "@path/kit-rag/src/index/search.js";
import { sourceJson } from "@path/kit-rag/src/quests/sources-text.js";
import { disconnectSignal, HttpError, startEvents } from "./http.js";

/** The rag kit's default index, where `npm run rag -- ingest` puts it, or `GENAI_RAG_INDEX`. */
const indexFolder = () => resolve(readSetting("GENAI_RAG_INDEX") ?? ".rag-index");

export async function ragStatus() {
  const folder = indexFolder();
  if (!RagIndex.exists(folder)) {
    return { ready: false, hint: "npm run rag -- ingest ./my-notes" };
  }
  const index = RagIndex.open(folder);
  try {
    return { ready: true, index: folder, stats: await index.stats() };
  } finally {
    await index.close();
  }
}

/** POST /api/rag/ask: the rag kit's answer, streamed: deltas, then the numbered sources. */
export async function ragAsk(
  body: { question?: string; model?: string; retriever?: Retriever },
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const question = body.question?.trim();
  if (!question) throw new HttpError(400, "Ask a question.");
  const folder = indexFolder();
  if (!RagIndex.exists(folder))
    throw new HttpError(
      409,
      "There is no RAG index yet: run npm run rag -- ingest ./my-notes first.",
    );
  const index = RagIndex.open(folder);
  const signal = disconnectSignal(request, response);
  const send = startEvents(response);
  try {
    const found = await retrieve(index, question, {
      retriever: body.retriever ?? "hybrid",
      k: 5,
      signal,
    });
    const model = body.model;
    const answer = await answerQuestion(question, found.passages, {
      model,
      contextTokens: contextTokensFor(model?.split(":").slice(1).join(":") ?? ""),
      weak: found.weak,
      signal,
      onText: (text) => send("delta", { text }),
    });
    send("sources", answer.sources.map(sourceJson));
    send("done", { cited: answer.cited, notes: answer.notes });
  } catch (error) {
    if (!signal.aborted)
      send("error", { message: error instanceof Error ? error.message : String(error) });
  } finally {
    response.end();
    await index.close();
  }
}
