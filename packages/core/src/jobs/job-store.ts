import { randomBytes } from "node:crypto";
import { link, mkdir, open, readdir, readFile, rename, unlink } from "node:fs/promises";
import { join } from "node:path";
import { PathError } from "../errors.js";
import type { JobRecord } from "./job-record.js";

/**
 * Where durable job records are kept. The default is {@link FileJobStore}; an app can keep
 * them in its own database by implementing these four calls.
 */
export interface JobStore {
  /** The record for a request key, if there is one. */
  get(key: string): Promise<JobRecord | undefined>;
  /** Add a record only if none has its key; false when one already does (another process won). */
  create(record: JobRecord): Promise<boolean>;
  /** Replace a record; durable once the promise resolves. */
  put(record: JobRecord): Promise<void>;
  /** Every record, newest first. */
  list(): Promise<JobRecord[]>;
}

/** A job record that cannot be read. It is never deleted: the message says where it is. */
export class JobStoreError extends PathError {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super("job-store", message);
  }
}

/**
 * One JSON file per job in a folder. Each write goes to a temporary file that is flushed to
 * disk and then renamed (or linked, to create without replacing) over the record, so a process
 * killed at any moment leaves either the old record or the new one, never half of one. Plain
 * files, no native module, and a learner can open them.
 */
export class FileJobStore implements JobStore {
  constructor(readonly directory: string) {}

  pathOf(key: string): string {
    if (!/^[\w.@-]+$/.test(key)) throw new JobStoreError(key, `"${key}" is not a job key.`);
    return join(this.directory, `${key}.json`);
  }

  async get(key: string): Promise<JobRecord | undefined> {
    const path = this.pathOf(key);
    const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    });
    return text === undefined ? undefined : parseRecord(text, path);
  }

  async create(record: JobRecord): Promise<boolean> {
    const temporary = await this.writeTemporary(record);
    try {
      await link(temporary, this.pathOf(record.key));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw error;
    } finally {
      await unlink(temporary).catch(() => {});
    }
  }

  async put(record: JobRecord): Promise<void> {
    const temporary = await this.writeTemporary(record);
    await rename(temporary, this.pathOf(record.key));
  }

  async list(): Promise<JobRecord[]> {
    const { records } = await this.readAll();
    return records;
  }

  /** Record files that do not parse, kept for a person to look at. */
  async unreadable(): Promise<string[]> {
    return (await this.readAll()).unreadable;
  }

  /** Move an unreadable record aside (never deleting it); returns where it went. */
  async setAside(key: string): Promise<string> {
    const path = this.pathOf(key);
    const aside = `${path}.unreadable-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    await rename(path, aside);
    return aside;
  }

  private async readAll(): Promise<{ records: JobRecord[]; unreadable: string[] }> {
    const names = await readdir(this.directory).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return [];
      throw error;
    });
    const records: JobRecord[] = [];
    const unreadable: string[] = [];
    for (const name of names.filter((name) => name.endsWith(".json"))) {
      const path = join(this.directory, name);
      try {
        records.push(parseRecord(await readFile(path, "utf8"), path));
      } catch (error) {
        if (!(error instanceof JobStoreError)) throw error;
        unreadable.push(path);
      }
    }
    records.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return { records, unreadable };
  }

  private async writeTemporary(record: JobRecord): Promise<string> {
    await mkdir(this.directory, { recursive: true });
    const temporary = join(this.directory, `.${record.key}.${randomBytes(4).toString("hex")}.tmp`);
    const handle = await open(temporary, "w");
    try {
      await handle.writeFile(`${JSON.stringify(record, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return temporary;
  }
}

function parseRecord(text: string, path: string): JobRecord {
  let record: Partial<JobRecord> | undefined;
  try {
    record = JSON.parse(text) as Partial<JobRecord>;
  } catch {
    // fall through to the error below
  }
  if (record?.version !== 1 || typeof record.key !== "string" || typeof record.state !== "string") {
    throw new JobStoreError(
      path,
      `The job record ${path} is damaged (not a version 1 record). It was left where it is; look at it, then run again with --new to start a fresh job.`,
    );
  }
  return record as JobRecord;
}
