/**
 * Quest: copy the index to PostgreSQL + pgvector, vectors and all, for a corpus or a team that
 * outgrows one machine.
 *
 *   npm run rag -- push --pg postgres://user:password@host:5432/db
 */
import { parseCommandArgs, printJson, progressLine } from "@path/kit-cli";
import { copyStore } from "../index/copy-store.js";
import { postgresUrl } from "../postgres/connection.js";
import { PgRagStore } from "../postgres/pg-store.js";
import { indexFlags, openExistingIndex, sharedHelp } from "./index-option.js";

export const help = `Usage: npm run rag -- push --pg <postgres://…> [options]

Copies the index to a PostgreSQL database with the pgvector extension: each file in its own
transaction, with the vectors already computed (nothing is embedded again); files already
there with the same content are skipped. Then \`search --pg\` searches it there.
See docs/rag-scale-out.md for setting up a database.

Options:
      --pg <url>                    the database (default: DATABASE_URL)
${sharedHelp}`;

const flags = { ...indexFlags, pg: { type: "string" } } as const;

export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, flags);
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const url = postgresUrl(values.pg);
  const index = openExistingIndex(values.index);
  const progress = progressLine();
  try {
    const store = await PgRagStore.open({ url });
    try {
      const copied = await copyStore(index, store, (state) => {
        if (values.json) return;
        const label = `copying  files ${state.files}/${state.totalFiles} · chunks ${state.chunks}`;
        progress.update(label, { fraction: state.totalFiles ? state.files / state.totalFiles : 1 });
      });
      progress.end();
      if (values.json) printJson(copied);
      else {
        process.stdout.write(
          `${copied.files} files copied (${copied.chunks} passages), ${copied.skipped} already there\n`,
        );
      }
      return 0;
    } finally {
      await store.close();
    }
  } finally {
    progress.end();
    await index.close();
  }
}
