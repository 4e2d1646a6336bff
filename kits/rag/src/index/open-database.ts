import { existsSync, mkdirSync, renameSync } from "node:fs";
import { join } from "node:path";
import { InvalidInputError } from "@path/core";
import Database from "better-sqlite3";
import { schema, schemaVersion } from "./schema.js";

/** The index's file inside the index folder. */
export const indexFileName = "index.sqlite";
const format = "genai-path.rag-index";

/**
 * Opens (or creates) the index database in `folder`, in WAL mode. A file that is not a readable
 * index of this version is moved aside (never deleted) and the error says where and how to
 * rebuild.
 */
export function openDatabase(folder: string): Database.Database {
  mkdirSync(folder, { recursive: true });
  const file = join(folder, indexFileName);
  let db: Database.Database | undefined;
  try {
    db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    const check = db.pragma("quick_check(1)", { simple: true });
    if (check !== "ok") throw new Damage(`SQLite's check says: ${String(check)}`);
    refuseForeign(db);
    db.exec(schema);
    checkFormat(db);
    return db;
  } catch (error) {
    db?.close();
    if (!isDamage(error)) throw error;
    const why = error.message;
    const aside = keepAside(file);
    throw new InvalidInputError(
      `The index ${file} is damaged (${why}); it was moved to ${aside}: ingest your folder again to rebuild the index.`,
    );
  }
}

/** Another program's SQLite file is never written into. */
function refuseForeign(db: Database.Database): void {
  const tables = db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
    .all()
    .map((row) => row.name);
  if (tables.length > 0 && !tables.includes("meta")) {
    throw new Damage(`it is a SQLite file with other tables (${tables.slice(0, 3).join(", ")})`);
  }
}

function checkFormat(db: Database.Database): void {
  const read = db.prepare<[string], { value: string }>("SELECT value FROM meta WHERE key = ?");
  const found = read.get("format")?.value;
  if (found === undefined) {
    const empty = db.prepare("SELECT count(*) AS n FROM files").get() as { n: number };
    if (empty.n > 0) throw new Damage("it has files but no format record");
    const write = db.prepare("INSERT INTO meta (key, value) VALUES (?, ?)");
    db.transaction(() => {
      write.run("format", format);
      write.run("schema", schemaVersion);
    })();
    return;
  }
  if (found !== format) throw new Damage(`it is a ${found}, not a ${format}`);
  const version = read.get("schema")?.value;
  if (version !== schemaVersion) {
    throw new Damage(`its schema version is ${version}, this code reads ${schemaVersion}`);
  }
}

/** Renames the file and its WAL companions to `<name>.damaged-<time>`; returns the new path. */
function keepAside(file: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const aside = `${file}.damaged-${stamp}`;
  for (const suffix of ["", "-wal", "-shm"]) {
    if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  }
  return aside;
}

/** What makes a file a damaged index rather than, say, an unwritable folder. */
class Damage extends Error {}

function isDamage(error: unknown): error is Error {
  if (error instanceof Damage) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === "string" && (code === "SQLITE_NOTADB" || code.startsWith("SQLITE_CORRUPT"))
  );
}
