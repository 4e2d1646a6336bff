import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { type FakeOpenAI, startFakeOpenAI } from "@path/testing";
import { afterAll, beforeAll } from "vitest";

export const embedModel = "openai:text-embedding-3-small";

/**
 * A fake OpenAI for the tests of one file, with `OPENAI_API_KEY`/`OPENAI_BASE_URL` pointing at
 * it (what a child process inherits too). Embeddings are deterministic feature hashes.
 */
export function useFakeEmbeddings(dimensions = 64): () => FakeOpenAI {
  let server: FakeOpenAI | undefined;
  beforeAll(async () => {
    server = await startFakeOpenAI({
      embeddingDimensions: dimensions,
      models: ["text-embedding-3-small", "text-embedding-3-large"],
    });
    process.env.OPENAI_API_KEY = "sk-test-rag-index";
    process.env.OPENAI_BASE_URL = server.url;
  });
  afterAll(async () => {
    delete process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_BASE_URL;
    await server?.close();
  });
  return () => {
    if (!server) throw new Error("the fake OpenAI runs inside tests only");
    return server;
  };
}

/** Every text the fake was asked to embed since its last reset, in order. */
export function embeddedTexts(server: FakeOpenAI): string[] {
  return server.requests
    .filter((request) => request.path.endsWith("/embeddings"))
    .flatMap((request) => {
      const input = (request.body as { input: string | string[] }).input;
      return typeof input === "string" ? [input] : input;
    });
}

export function embeddingRequests(server: FakeOpenAI): number {
  return server.requests.filter((request) => request.path.endsWith("/embeddings")).length;
}

/** Writes files (relative path → content) under the folder. */
export async function writeFiles(
  folder: string,
  files: Record<string, string | Buffer>,
): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const file = join(folder, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, content);
  }
}

/** Markdown notes whose paragraphs are distinct and each short enough to be its own chunk. */
export function note(title: string, paragraphs: number): string {
  const body = Array.from(
    { length: paragraphs },
    (_, i) => `Paragraph ${i + 1} of ${title}: ${"notes about the topic ".repeat(8)}${title} ${i}.`,
  );
  return `# ${title}\n\n${body.join("\n\n")}\n`;
}
