import { relative, resolve } from "node:path";
import { InvalidInputError } from "@path/core";
import { RagIndex } from "../index/rag-index.js";
import type { RagStore } from "../index/rag-store.js";
import { postgresUrl } from "../postgres/connection.js";
import { PgRagStore } from "../postgres/pg-store.js";

/** The index folder when `--index` is not given, under the folder the command is run from. */
export const defaultIndexFolder = ".rag-index";

/** The flags every quest takes besides the common ones. */
export const indexFlags = {
  index: { type: "string" },
  pg: { type: "string" },
} as const;

/** Help lines for the flags every quest shares. */
export const sharedHelp = `      --index <dir>                 the index folder (default: ./${defaultIndexFolder} in the current folder)
      --pg <postgres://…>           use the index in PostgreSQL + pgvector instead (see docs/rag-scale-out.md)
      --json                        print one JSON object instead of text
      --debug                       show stack traces on errors
  -h, --help                        this help`;

export function indexFolder(flag: string | undefined): string {
  return resolve(flag ?? defaultIndexFolder);
}

/** Opens an index that exists; a missing one says to run ingest first (never creates it). */
export function openExistingIndex(flag: string | undefined): RagIndex {
  const folder = indexFolder(flag);
  if (!RagIndex.exists(folder)) {
    const shown = relative(process.cwd(), folder) || ".";
    throw new InvalidInputError(
      `There is no index in ${shown}: run \`npm run rag -- ingest <folder>\` first${flag ? "" : ", or pass --index <dir> for one elsewhere"}.`,
    );
  }
  return RagIndex.open(folder);
}

/**
 * The store a quest reads: the embedded index in `--index` (which must exist), or with `--pg`
 * the one in PostgreSQL. Both are a RagStore, so the quests do not care which.
 */
export async function openStore(values: { index?: string; pg?: string }): Promise<RagStore> {
  if (values.pg !== undefined) return PgRagStore.open({ url: postgresUrl(values.pg) });
  return openExistingIndex(values.index);
}
