import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeServer, startFakeServer } from "./fake-server.js";

let fake: FakeServer;

beforeAll(async () => {
  fake = await startFakeServer(
    async (exchange) => {
      if (exchange.request.path === "/stream") {
        await exchange.ndjson([{ n: 1 }, { n: 2 }, { n: 3, done: true }]);
        return;
      }
      if (exchange.request.path === "/events") {
        await exchange.sse([{ n: 1 }, { n: 2 }]);
        return;
      }
      exchange.json({ ok: true, echo: exchange.request.body ?? null });
    },
    { errorBody: (status) => ({ error: { status } }), basePath: "/base" },
  );
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

describe("startFakeServer", () => {
  it("binds 127.0.0.1, and logs method, path, query, headers and body", async () => {
    expect(fake.url).toBe(`${fake.origin}/base`);
    expect(fake.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await fetch(`${fake.origin}/a/b?x=1&tag=p&tag=q`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-custom": "yes" },
      body: JSON.stringify({ hello: "世界" }),
    });
    await fetch(`${fake.origin}/upload`, { method: "PUT", body: new Uint8Array([1, 2, 3]) });
    const [json, binary] = fake.requests;
    expect(json).toMatchObject({
      method: "POST",
      path: "/a/b",
      query: { x: "1", tag: ["p", "q"] },
      body: { hello: "世界" },
    });
    expect(json?.headers["x-custom"]).toBe("yes");
    expect(Buffer.isBuffer(binary?.body)).toBe(true);
    expect(binary?.body).toEqual(Buffer.from([1, 2, 3]));
  });

  it("consumes faults first in, first out, by path and count", async () => {
    fake.inject(
      { status: 500, path: "/only-here" },
      { status: 429, times: 2, headers: { "retry-after": "1" } },
    );
    const statuses: number[] = [];
    for (const path of ["/elsewhere", "/only-here", "/elsewhere", "/elsewhere"]) {
      statuses.push((await fetch(`${fake.origin}${path}`)).status);
    }
    expect(statuses).toEqual([429, 500, 429, 200]);
  });

  it("sends the provider's error body by default, or a given text body", async () => {
    fake.inject(
      { status: 503 },
      { status: 200, body: "<html>hi</html>", contentType: "text/html" },
    );
    const failed = await fetch(fake.origin);
    expect(failed.headers.get("content-type")).toBe("application/json");
    expect(await failed.json()).toEqual({ error: { status: 503 } });
    const html = await fetch(fake.origin);
    expect(html.headers.get("content-type")).toBe("text/html");
    expect(await html.text()).toBe("<html>hi</html>");
  });

  it("truncates JSON on malformedJson, keeping the JSON content type", async () => {
    fake.inject({ malformedJson: true });
    const response = await fetch(fake.origin);
    expect(response.headers.get("content-type")).toBe("application/json");
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });

  it("writes NDJSON and SSE, and cuts them before the terminator", async () => {
    expect(await (await fetch(`${fake.origin}/stream`)).text()).toBe(
      '{"n":1}\n{"n":2}\n{"n":3,"done":true}\n',
    );
    const events = await fetch(`${fake.origin}/events`);
    expect(events.headers.get("content-type")).toBe("text/event-stream");
    expect(await events.text()).toBe('data: {"n":1}\n\ndata: {"n":2}\n\ndata: [DONE]\n\n');

    fake.inject({ cutStreamAfter: 5 });
    const cut = await fetch(`${fake.origin}/stream`);
    const reader = cut.body!.getReader();
    let received = "";
    const read = async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        received += Buffer.from(value).toString();
      }
    };
    await expect(read()).rejects.toThrow("terminated");
    expect(received).toBe('{"n":1}\n{"n":2}\n');
    expect(fake.abortedRequests).toBe(0);
  });

  it("counts requests the client abandons while the server hangs or waits", async () => {
    fake.inject({ hang: true }, { latencyMs: 5_000 });
    for (const expected of [1, 2]) {
      const controller = new AbortController();
      const pending = fetch(fake.origin, { signal: controller.signal });
      await fake.waitUntil(() => fake.requests.length === expected);
      controller.abort();
      await expect(pending).rejects.toThrow(/abort/i);
      await fake.waitUntil(() => fake.abortedRequests === expected);
    }
  });

  it("waitUntil rejects when the condition never holds", async () => {
    await expect(fake.waitUntil(() => false, 20)).rejects.toThrow(/not met/);
  });
});
