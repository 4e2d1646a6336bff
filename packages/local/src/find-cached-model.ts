import { stat } from "node:fs/promises";
import { findCachedQuantisation, hubCachePath } from "./model-cache.js";
import { type ModelReference, parseModelReference } from "./model-reference.js";

export interface CachedModel {
  reference: ModelReference;
  /** The finished file, when there is one. */
  path: string | undefined;
  /** Where the file is or would be: in the cache, or the file the id names. */
  expectedPath: string | undefined;
}

/** Where a model id's file is on disk, without any network request. */
export async function findCachedModel(id: string, cacheDir: string): Promise<CachedModel> {
  const reference = parseModelReference(id);
  let expectedPath: string | undefined;
  if (reference.kind === "file") expectedPath = reference.path;
  else if (reference.kind === "catalog") {
    expectedPath = hubCachePath(cacheDir, reference.model.repo, reference.model.file);
  } else if (reference.kind === "hub")
    expectedPath = hubCachePath(cacheDir, reference.repo, reference.file);
  else
    expectedPath = await findCachedQuantisation(cacheDir, reference.repo, reference.quantisation);
  const exists =
    expectedPath !== undefined &&
    ((await stat(expectedPath).catch(() => undefined))?.isFile() ?? false);
  return { reference, path: exists ? expectedPath : undefined, expectedPath };
}
