import { PathError } from "../errors.js";
import { finishedStates, type JobRecord, type JobState } from "./job-record.js";
import { FileJobStore, type JobStore } from "./job-store.js";
import { jobsDir } from "./jobs-dir.js";

/** A submit whose answer never reached the record: the provider may have made (and billed) it. */
export class InterruptedSubmitError extends PathError {
  constructor(readonly record: JobRecord) {
    super(
      "interrupted-submit",
      `A submit of this request to ${record.provider} was interrupted at ${record.updatedAt} before ${record.provider} answered, so it may have been created and charged. Look at your ${record.provider} dashboard; run again with --new to submit it anyway.`,
    );
  }
}

/** How long a `submitting` record may be another live process's submit in progress. */
const submitInProgressMs = 60_000;

export interface OpenJobOptions {
  /** Default: a {@link FileJobStore} in {@link jobsDir}. */
  store?: JobStore;
  /** From {@link requestKey}. */
  key: string;
  job: JobRecord["job"];
  provider: string;
  modelId: string;
  request: Record<string, unknown>;
  estimatedCostUsd?: number;
  /** Submit again even if this request has a job (`--new`); the old record is kept under another key. */
  fresh?: boolean;
  /**
   * True when the provider takes an idempotency key, so a submit interrupted before its
   * answer can safely be sent again with the same key.
   */
  idempotent?: boolean;
}

/**
 * A job that outlives a process. Its record is written before the provider is asked
 * (`submitting`), again the moment the provider names the job, and on every change after, so a
 * run killed at any point can be resumed without paying twice.
 */
export class DurableJob {
  private constructor(
    readonly store: JobStore,
    private current: JobRecord,
    /** True when this request already had a job and this run picks it up. */
    readonly resumed: boolean,
  ) {}

  get record(): JobRecord {
    return this.current;
  }

  /** True when the provider must still be asked to start the job. */
  get needsSubmit(): boolean {
    return this.current.providerJobId === undefined;
  }

  get finished(): boolean {
    return finishedStates.has(this.current.state);
  }

  /** Find this request's job, or record a new one in `submitting` state. */
  static async open(options: OpenJobOptions): Promise<DurableJob> {
    const store = options.store ?? new FileJobStore(jobsDir());
    const now = new Date().toISOString();
    const fresh: JobRecord = {
      version: 1,
      key: options.key,
      job: options.job,
      provider: options.provider,
      modelId: options.modelId,
      state: "submitting",
      request: options.request,
      createdAt: now,
      updatedAt: now,
      estimatedCostUsd: options.estimatedCostUsd,
    };
    for (;;) {
      const existing = await readOrSetAside(store, options.key, options.fresh === true);
      if (existing && !options.fresh) {
        return new DurableJob(store, checkResumable(existing, options), true);
      }
      if (existing) {
        // --new keeps the old record under a dated key, so its job can still be listed.
        const dated = existing.createdAt.replace(/[:.]/g, "-");
        await store.put({ ...existing, key: `${existing.key}@${dated}` });
        await store.put(fresh);
        return new DurableJob(store, fresh, false);
      }
      if (await store.create(fresh)) return new DurableJob(store, fresh, false);
      // Another process created it between our read and our create: resume theirs.
    }
  }

  /** Carry on with a record found in `store` (listed or looked up by key). */
  static of(store: JobStore, record: JobRecord): DurableJob {
    return new DurableJob(store, record, true);
  }

  /** The provider accepted the job and named it; recorded before anything else happens. */
  async submitted(providerJobId: string): Promise<void> {
    await this.update({ providerJobId, state: "queued" });
  }

  async update(
    change: Partial<Omit<JobRecord, "version" | "key">> & { state?: JobState },
  ): Promise<void> {
    const next = { ...this.current, ...change, updatedAt: new Date().toISOString() };
    await this.store.put(next);
    this.current = next;
  }
}

async function readOrSetAside(store: JobStore, key: string, fresh: boolean) {
  try {
    return await store.get(key);
  } catch (error) {
    if (!fresh || !(store instanceof FileJobStore) || !(error instanceof PathError)) throw error;
    await store.setAside(key);
    return undefined;
  }
}

function checkResumable(record: JobRecord, options: OpenJobOptions): JobRecord {
  if (record.state !== "submitting" || record.providerJobId !== undefined) return record;
  if (options.idempotent) return record;
  const age = Date.now() - Date.parse(record.updatedAt);
  // A recorded error means the submitting process got its (unclear) answer and is done with it.
  if (age < submitInProgressMs && record.error === undefined) {
    throw new PathError(
      "submit-in-progress",
      `This same request is being submitted to ${record.provider} by another process (since ${record.updatedAt}); wait for it, or see it with the jobs command.`,
    );
  }
  throw new InterruptedSubmitError(record);
}
