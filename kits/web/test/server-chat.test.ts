/** /api/chat over server-sent events, and what is kept when the model fails part-way. */
import { startFakeOpenAI } from "@path/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWeb } from "./web-fixture.js";

let fake: Awaited<ReturnType<typeof startFakeOpenAI>>;
let web: Awaited<ReturnType<typeof startWeb>>;
beforeAll(async () => {
  fake = await startFakeOpenAI();
  process.env.OPENAI_API_KEY = "sk-chat";
  process.env.OPENAI_BASE_URL = fake.url;
  web = await startWeb();
});
afterAll(async () => {
  await web.close();
  await fake.close();
  delete process.env.OPENAI_API_KEY;
  delete process.env.OPENAI_BASE_URL;
});

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${web.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return (path === "/api/chat" ? await response.text() : await response.json()) as T;
}

describe("/api/chat", () => {
  it("streams start, deltas and done, and saves both messages with usage", async () => {
    const chat = await post<{ id: string }>("/api/conversations", { model: "openai:gpt-4o-mini" });
    const events = await post<string>("/api/chat", {
      conversationId: chat.id,
      model: "openai:gpt-4o-mini",
      content: "你好，网页",
    });
    expect(events).toMatch(/^event: start\n/);
    expect(events.match(/event: delta/g)?.length).toBeGreaterThan(1);
    expect(events).toMatch(/event: done\ndata: \{"usage":\{"inputTokens":\d+/);
    const saved = (await (await fetch(`${web.url}/api/conversations/${chat.id}`)).json()) as {
      title: string;
      messages: Array<{ role: string; content: string; usage?: unknown }>;
    };
    expect(saved.title).toBe("你好，网页");
    expect(saved.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(saved.messages[1]?.content).toBe("Echo: 你好，网页");
    expect(saved.messages[1]?.usage).toBeDefined();
  });

  it("keeps what arrived when the model fails mid-stream, with the error, and says so", async () => {
    const chat = await post<{ id: string }>("/api/conversations", {});
    fake.inject({ path: "/chat/completions", cutStreamAfter: 3, times: 3 });
    const events = await post<string>("/api/chat", {
      conversationId: chat.id,
      model: "openai:gpt-4o-mini",
      content: "a long answer please, one that will be cut",
    });
    expect(events).toMatch(/event: error\ndata: \{"message":"[^"]+"\}/);
    const saved = (await (await fetch(`${web.url}/api/conversations/${chat.id}`)).json()) as {
      messages: Array<{ content: string; error?: string }>;
    };
    const answer = saved.messages[1];
    expect(answer?.error).toBeTruthy();
    expect(answer?.content.length).toBeGreaterThan(0);
    expect(
      "Echo: a long answer please, one that will be cut".startsWith(answer?.content ?? "x"),
    ).toBe(true);
  });

  it("exports a conversation as Markdown and imports its JSON export as a new one", async () => {
    const [first] = (await (await fetch(`${web.url}/api/conversations`)).json()) as Array<{
      id: string;
    }>;
    const markdown = await (
      await fetch(`${web.url}/api/conversations/${first?.id}/export?format=md`)
    ).text();
    expect(markdown).toMatch(/^# /);
    const exported = await (
      await fetch(`${web.url}/api/conversations/${first?.id}/export?format=json`)
    ).json();
    const imported = await post<{ id: string; messages: unknown[] }>(
      "/api/conversations/import",
      exported,
    );
    expect(imported.id).not.toBe(first?.id);
    expect(imported.messages.length).toBe((exported as { messages: unknown[] }).messages.length);
  });
});
