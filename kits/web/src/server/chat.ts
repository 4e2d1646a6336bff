import type { IncomingMessage, ServerResponse } from "node:http";
import { type Message, streamText } from "@path/core";
import { type ConversationStore, newId, type StoredMessage } from "./conversations.js";
import { disconnectSignal, HttpError, startEvents } from "./http.js";

export interface ChatRequest {
  conversationId?: string;
  model?: string;
  system?: string;
  content?: string;
}

/**
 * POST /api/chat: appends the question to the conversation, streams the answer as server-sent
 * events (start, delta…, done or error) and appends the answer — what arrived, with the error,
 * or marked stopped when the page closed the request (which cancels the model call).
 */
export async function chat(
  body: ChatRequest,
  request: IncomingMessage,
  response: ServerResponse,
  store: ConversationStore,
): Promise<void> {
  const content = body.content?.trim();
  if (!body.conversationId || !content || !body.model) {
    throw new HttpError(400, "Send conversationId, model and content.");
  }
  const user: StoredMessage = { id: newId(), role: "user", content, createdAt: now() };
  const chat = await store.update(body.conversationId, (stored) => {
    stored.messages.push(user);
    stored.model = body.model as string;
    if (body.system !== undefined) stored.system = body.system || undefined;
    if (stored.messages.length === 1 && stored.title === "New conversation")
      stored.title = content.slice(0, 60);
  });
  const signal = disconnectSignal(request, response);
  const send = startEvents(response);
  const answer: StoredMessage = {
    id: newId(),
    role: "assistant",
    content: "",
    model: body.model,
    createdAt: now(),
  };
  send("start", { messageId: answer.id });
  const messages: Message[] = chat.messages.map(({ role, content: text }) => ({
    role,
    content: text,
  }));
  try {
    const stream = streamText({
      model: body.model,
      ...(chat.system ? { system: chat.system } : {}),
      messages,
      signal,
    });
    for await (const text of stream.textStream) {
      answer.content += text;
      send("delta", { text });
    }
    const final = await stream.final;
    answer.usage = final.usage;
    answer.costUsd = final.cost?.currency === "USD" ? final.cost.amount : null;
    send("done", { usage: final.usage, costUsd: answer.costUsd });
  } catch (error) {
    if (signal.aborted) answer.stopped = true;
    else {
      answer.error = error instanceof Error ? error.message : String(error);
      send("error", { message: answer.error });
    }
  } finally {
    // Saved before the stream ends: whoever reads the conversation next sees the answer.
    await store
      .update(chat.id, (stored) => {
        stored.messages.push(answer);
      })
      .finally(() => response.end());
  }
}

const now = () => new Date().toISOString();
