import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { afterAll, beforeAll } from "vitest";

/** Connections the socket server accepts; pools in tests stay at or below it. */
export const serverConnections = 4;

/**
 * A real PostgreSQL wire-protocol server with pgvector for one test file: PGlite (Postgres in
 * WASM) behind its socket server, so `pg` talks to it over TCP. One backend: a SET is seen by
 * every connection and a transaction makes the others wait.
 */
export function usePostgres(): () => { url: string; db: PGlite } {
  let db: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  let url = "";
  beforeAll(async () => {
    db = await PGlite.create({ extensions: { vector } });
    server = new PGLiteSocketServer({ db, port: 0, maxConnections: serverConnections });
    await server.start();
    url = `postgres://postgres@${server.getServerConn()}/postgres`;
  });
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });
  return () => {
    if (!db) throw new Error("the Postgres server runs inside tests only");
    return { url, db };
  };
}

/** Drops the rag tables so the next store starts empty. */
export async function dropRagTables(db: PGlite): Promise<void> {
  await db.exec(
    "DROP TABLE IF EXISTS rag_postings, rag_vectors, rag_chunks, rag_files, rag_meta, rag_field_stats CASCADE",
  );
}
