/**
 * What the web server adds: time to first byte and time per streamed piece through /v1 and
 * /api/chat, against calling `streamText` directly, in the same run, on the same fake provider.
 *
 *   npm run bench -w @path/kit-web -- [--runs 40]
 */

import { mkdtemp, rm } from "node:fs/promises";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { streamText } from "@path/core";
import { startFakeOpenAI } from "@path/testing";
import OpenAI from "openai";
import { createWebServer } from "../src/server/server.js";

const { values } = parseArgs({ options: { runs: { type: "string", default: "40" } } });
const runs = Number(values.runs);
const prompt = `Say this back: ${"the quick brown fox ".repeat(40)}`;

const fake = await startFakeOpenAI();
process.env.OPENAI_API_KEY = "sk-bench";
process.env.OPENAI_BASE_URL = fake.url;
const folder = await mkdtemp(join(tmpdir(), "web-bench-"));
const server: Server = createWebServer({ outputDir: join(folder, "output"), dataDir: folder });
await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
const client = new OpenAI({ apiKey: "sk-x", baseURL: `${origin}/v1`, maxRetries: 0 });

interface Sample {
  firstMs: number;
  totalMs: number;
  pieces: number;
}

async function direct(): Promise<Sample> {
  const start = performance.now();
  let firstMs = 0;
  let pieces = 0;
  for await (const _ of streamText({ model: "openai:gpt-4o-mini", prompt }).textStream) {
    if (pieces++ === 0) firstMs = performance.now() - start;
  }
  return { firstMs, totalMs: performance.now() - start, pieces };
}

async function viaV1(): Promise<Sample> {
  const start = performance.now();
  let firstMs = 0;
  let pieces = 0;
  const stream = await client.chat.completions.create({
    model: "openai:gpt-4o-mini",
    messages: [{ role: "user", content: prompt }],
    stream: true,
  });
  for await (const chunk of stream) {
    if (!chunk.choices[0]?.delta.content) continue;
    if (pieces++ === 0) firstMs = performance.now() - start;
  }
  return { firstMs, totalMs: performance.now() - start, pieces };
}

async function viaPage(): Promise<Sample> {
  const chat = (await (
    await fetch(`${origin}/api/conversations`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    })
  ).json()) as { id: string };
  const start = performance.now();
  const response = await fetch(`${origin}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ conversationId: chat.id, model: "openai:gpt-4o-mini", content: prompt }),
  });
  let firstMs = 0;
  let pieces = 0;
  const decoder = new TextDecoder();
  for await (const bytes of response.body as unknown as AsyncIterable<Uint8Array>) {
    const found = decoder.decode(bytes).split("event: delta").length - 1;
    if (found > 0 && pieces === 0) firstMs = performance.now() - start;
    pieces += found;
  }
  return { firstMs, totalMs: performance.now() - start, pieces };
}

const median = (list: number[]) =>
  [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] as number;
const round = (n: number) => Math.round(n * 100) / 100;

const results: Record<string, Sample[]> = { direct: [], v1: [], page: [] };
for (let i = 0; i < runs + 5; i++) {
  // Interleaved, so a slow moment of the machine falls on every path alike; 5 warm-ups dropped.
  const round_ = { direct: await direct(), v1: await viaV1(), page: await viaPage() };
  if (i >= 5) for (const [name, sample] of Object.entries(round_)) results[name]?.push(sample);
}
const base = results.direct as Sample[];
for (const [name, samples] of Object.entries(results)) {
  const first = median(samples.map((s) => s.firstMs));
  const total = median(samples.map((s) => s.totalMs));
  const pieces = median(samples.map((s) => s.pieces));
  console.log(
    JSON.stringify({
      path: name,
      runs,
      pieces,
      firstPieceMsP50: round(first),
      totalMsP50: round(total),
      firstVsDirect: round(first / median(base.map((s) => s.firstMs))),
      perPieceOverheadMs: round((total - median(base.map((s) => s.totalMs))) / pieces),
    }),
  );
}
server.closeAllConnections();
server.close();
await fake.close();
await rm(folder, { recursive: true, force: true });
process.exit(0);
