import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { InvalidInputError } from "@path/core";
import { writeDurably } from "./durable-files.js";

const format = "genai-path.rag-index";
const version = 2;
const currentFile = "CURRENT";
const lockFile = "lock";

/** The generation `CURRENT` names; undefined for a folder that has no index yet. */
export function readCurrent(folder: string): number | undefined {
  const path = join(folder, currentFile);
  if (!existsSync(path)) return undefined;
  const current = JSON.parse(readFileSync(path, "utf8")) as {
    format?: string;
    version?: number;
    generation?: number;
  };
  if (current.format !== format) throw new SyntaxError(`CURRENT is not a ${format} pointer`);
  if (current.version !== version) {
    throw new SyntaxError(`its format version is ${current.version}, this code reads ${version}`);
  }
  if (!Number.isInteger(current.generation)) throw new SyntaxError("CURRENT names no generation");
  return current.generation as number;
}

/** Points the index at a written generation: the one atomic step that publishes it. */
export async function writeCurrent(folder: string, generation: number): Promise<void> {
  await writeDurably(
    join(folder, currentFile),
    `${JSON.stringify({ format, version, generation })}\n`,
  );
}

export const hasIndex = (folder: string) => existsSync(join(folder, currentFile));

/** An index from before the file store (one SQLite file), which this code does not read. */
export const hasOlderIndex = (folder: string) => existsSync(join(folder, "index.sqlite"));

/**
 * Moves the index's files (never anything else in the folder) into `damaged-<time>/` inside
 * it, so a fresh index can start while the old bytes stay for a person to look at.
 */
export function keepAside(folder: string): string {
  const aside = join(folder, `damaged-${new Date().toISOString().replace(/[:.]/g, "-")}`);
  mkdirSync(aside, { recursive: true });
  for (const name of readdirSync(folder)) {
    if (name === currentFile || name.startsWith("gen-") || name.startsWith("index.sqlite")) {
      renameSync(join(folder, name), join(aside, name));
    }
  }
  return aside;
}

/**
 * One writer at a time: a `lock` file holding the writer's process id. A lock whose process
 * is gone (killed mid-ingest) is taken over.
 */
export function takeLock(folder: string): void {
  const path = join(folder, lockFile);
  try {
    writeFileSync(path, String(process.pid), { flag: "wx" });
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const holder = Number(readFileSync(path, "utf8"));
  if (holder !== process.pid && isAlive(holder)) {
    throw new InvalidInputError(
      `Another process (pid ${holder}) is writing the index in ${folder}: wait for its ingest to finish, or stop it.`,
    );
  }
  writeFileSync(path, String(process.pid));
}

export function releaseLock(folder: string): void {
  const path = join(folder, lockFile);
  if (existsSync(path) && Number(readFileSync(path, "utf8")) === process.pid) unlinkSync(path);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
