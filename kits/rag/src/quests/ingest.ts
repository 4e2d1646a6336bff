import { relative, resolve } from "node:path";
import {
  cancelOnCtrlC,
  dim,
  parseCommandArgs,
  parseIntegerFlag,
  printJson,
  progressLine,
  UsageError,
} from "@path/kit-cli";
import { folderSource } from "../index/folder-source.js";
import { ingest } from "../index/ingest.js";
import { RagIndex } from "../index/rag-index.js";
import type { RagStore } from "../index/rag-store.js";
import { postgresUrl } from "../postgres/connection.js";
import { PgRagStore } from "../postgres/pg-store.js";
import { indexFlags, indexFolder, sharedHelp } from "./index-option.js";

export const help = `Usage: npm run rag -- ingest <folder> [options]

Reads every Markdown, text, HTML, PDF and DOCX file under the folder into the index: cut into
passages of about --chunk-size tokens, each embedded. Again later, it only reads what changed;
files gone from the folder leave the index. Files that cannot be read are listed at the end.

Options:
      --embed-model <provider:model> the embedding model (default: GENAI_EMBED_MODEL, else the
                                    default one; an index keeps the model it was built with)
      --chunk-size <tokens>         most tokens in one passage (default: 300)
      --overlap <tokens>            tokens repeated from the passage before (default: 50)
${sharedHelp}`;

const flags = {
  ...indexFlags,
  "embed-model": { type: "string" },
  "chunk-size": { type: "string" },
  overlap: { type: "string" },
} as const;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, flags);
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new UsageError("give one folder of notes: npm run rag -- ingest ./my-notes");
  }
  const folder = resolve(positionals[0] as string);
  const maxTokens = parseIntegerFlag("chunk-size", values["chunk-size"], 20, 8000);
  const overlapTokens = parseIntegerFlag("overlap", values.overlap, 0, 4000);
  const indexDir = indexFolder(values.index);
  const source = folderSource({
    exclude: [indexDir],
    ...(maxTokens === undefined ? {} : { maxTokens }),
    ...(overlapTokens === undefined ? {} : { overlapTokens }),
  });
  const onPostgres = values.pg !== undefined;
  const isNew = !onPostgres && !RagIndex.exists(indexDir);
  const index: RagStore = onPostgres
    ? await PgRagStore.open({ url: postgresUrl(values.pg) })
    : RagIndex.open(indexDir);
  const progress = progressLine();
  let closed = false;
  const cancel = cancelOnCtrlC();
  try {
    const report = await ingest({
      index,
      folder,
      source,
      signal: cancel.signal,
      ...(values["embed-model"] ? { model: values["embed-model"] } : {}),
      onProgress: (state) => {
        if (values.json) return;
        const label = `ingesting  files ${state.files}/${state.totalFiles} · chunks ${state.chunks} · embedded ${state.embedded}`;
        progress.update(label, { fraction: state.totalFiles ? state.files / state.totalFiles : 0 });
      },
    });
    progress.end();
    const stats = await index.stats();
    if (values.json) {
      printJson({
        ...report,
        index: onPostgres ? stats.location : indexDir,
        total: { files: stats.files, chunks: stats.chunks },
      });
      return report.failed.length > 0 ? 1 : 0;
    }
    const changed = report.added.length + report.changed.length;
    process.stdout.write(
      `${changed} files read (${report.added.length} new, ${report.changed.length} changed), ${report.unchanged} unchanged, ${report.removed.length} removed · ${report.chunks} passages, ${report.embedded} embedded, ${report.reused} reused · ${report.embedModel}\n`,
    );
    process.stdout.write(
      `${dim(`the index in ${onPostgres ? stats.location : relative(process.cwd(), indexDir) || "."} holds ${stats.files} files, ${stats.chunks} passages`)}\n`,
    );
    for (const { path, note } of report.notes)
      process.stderr.write(`${dim(`note: ${path}: ${note}`)}\n`);
    if (report.failed.length > 0) {
      process.stderr.write(
        `\n${report.failed.length} files could not be read (the rest were ingested):\n`,
      );
      for (const { path, reason } of report.failed) process.stderr.write(`  ${path}: ${reason}\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    // A first ingest that stored nothing leaves no empty index behind to be mistaken for one.
    if (isNew && (await index.stats()).files === 0) {
      await index.close();
      closed = true;
      await RagIndex.remove(indexDir);
    }
    throw error;
  } finally {
    progress.end();
    cancel.dispose();
    if (!closed) await index.close();
  }
}
