/**
 * Runs the rag kit's CLI as a child process, the way `npm run rag -- …` does (from a temporary
 * folder given as INIT_CWD), against a fake OpenAI for embeddings and chat.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type FakeOpenAI, type KitCliResult, runKitCli, startFakeOpenAI } from "@path/testing";
import { afterAll, beforeAll } from "vitest";
import { writeFiles } from "./index-fixtures.js";

const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const kit = fileURLToPath(new URL("..", import.meta.url));
const apiKey = "sk-test-rag-cli";

/** A small folder of notes: English and 中文, with headings, so citations have lines to point to. */
export const notes: Record<string, string> = {
  "lora.md": [
    "# LoRA notes",
    "",
    "LoRA fine-tunes a model by training two low-rank matrices while the original weights stay frozen.",
    "",
    "## Rank",
    "",
    "The rank controls the adapter size; common values are 8, 16 and 32.",
  ].join("\n"),
  "search/bm25.md": [
    "# BM25",
    "",
    "BM25 ranks documents by term frequency and inverse document frequency, with k1 and b.",
  ].join("\n"),
  "zh/学习率.md": [
    "# 学习率",
    "",
    "学习率通常比全量微调高一些，例如 1e-4。训练步数不宜太多，否则会过拟合。",
  ].join("\n"),
};

export interface RagCli {
  readonly server: FakeOpenAI;
  /** The temporary folder the command is typed in (the index goes to ./.rag-index there). */
  readonly folder: string;
  run(args: string[], input?: string): Promise<KitCliResult>;
  /** Writes the notes into ./notes and ingests them. */
  ingestNotes(files?: Record<string, string>): Promise<KitCliResult>;
  chatBodies(): Array<{ messages: Array<{ role: string; content: string }> }>;
}

/** A fake OpenAI and a fresh folder for the tests of one file. */
export function useRagCli(): RagCli {
  let server: FakeOpenAI | undefined;
  let folder = "";
  beforeAll(async () => {
    server = await startFakeOpenAI({ apiKey, embeddingDimensions: 256 });
    folder = await mkdtemp(join(tmpdir(), "rag-cli-"));
  });
  afterAll(async () => {
    await server?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });
  const cliState: RagCli = {
    get server() {
      if (!server) throw new Error("the fake OpenAI runs inside tests only");
      return server;
    },
    get folder() {
      return folder;
    },
    run(args, input) {
      return runKitCli(args, {
        entry: cli,
        cwd: kit,
        initCwd: folder,
        env: {
          OPENAI_API_KEY: apiKey,
          OPENAI_BASE_URL: cliState.server.url,
          GENAI_TEXT_MODEL: "openai:gpt-4o-mini",
          GENAI_EMBED_MODEL: "openai:text-embedding-3-small",
        },
        ...(input === undefined ? {} : { input }),
      });
    },
    async ingestNotes(files = notes) {
      await writeFiles(join(folder, "notes"), files);
      return cliState.run(["ingest", "notes"]);
    },
    chatBodies() {
      return cliState.server.requests
        .filter((request) => request.path.endsWith("/chat/completions"))
        .map((request) => request.body as ReturnType<RagCli["chatBodies"]>[number]);
    },
  };
  return cliState;
}
