/**
 * A fake Civitai on 127.0.0.1: the public REST API (`/api/v1/models` search with its filters,
 * `/api/v1/model-versions/{id}`) and the download flow — `/api/download/models/{id}` answers
 * 307 to a pre-signed URL on a second origin (the "storage" host, like Civitai's R2 bucket),
 * which serves the file with Range support. Login-required versions answer 401 without the
 * token (`Authorization: Bearer` or `?token=`). Like S3, storage refuses a request that brings
 * an `Authorization` header of its own next to the URL signature.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import {
  defaultCivitaiModels,
  type FakeCivitaiFile,
  type FakeCivitaiModel,
  type FakeCivitaiVersion,
  modelJson,
  modelVersionJson,
  primaryFakeFile,
} from "./civitai-catalog.js";
import { searchCivitaiModels } from "./civitai-search.js";
import type { FakeExchange } from "./fake-exchange.js";
import { type FakeServer, startFakeServer } from "./fake-server.js";
import type { Fault } from "./fault.js";
import { sendRangedBytes } from "./ranged-bytes.js";

export interface FakeCivitaiOptions {
  /** Default: {@link defaultCivitaiModels}. */
  models?: FakeCivitaiModel[];
  /** The one API token the fake accepts. Default `"civitai-test-token-0123456789"`. */
  token?: string;
  /** Slow file bodies down to roughly this rate (progress bars, Ctrl-C tests). */
  bytesPerSecond?: number;
}

export interface FakeCivitai {
  /** Use as `CIVITAI_BASE_URL` (no trailing slash). */
  readonly url: string;
  /** The token login-required downloads need. */
  readonly token: string;
  /** civitai.com: the REST API and the download endpoint. Inject API faults here. */
  readonly api: FakeServer;
  /** The storage host files are redirected to. Inject body faults (`cutBodyAtFraction`, `corruptBody`) here. */
  readonly storage: FakeServer;
  readonly models: FakeCivitaiModel[];
  /** Looks a version up by id. */
  version(id: number): { model: FakeCivitaiModel; version: FakeCivitaiVersion } | undefined;
  /** Queues a fault on the storage host (a shortcut for `storage.inject`). */
  injectStorage(...faults: Fault[]): void;
  reset(): void;
  close(): Promise<void>;
}

const unauthorizedBody = {
  error: "Unauthorized",
  message: "The creator of this asset requires you to be logged in to download it",
};

/** Starts the API origin and the storage origin on random ports. */
export async function startFakeCivitai(options: FakeCivitaiOptions = {}): Promise<FakeCivitai> {
  const models = options.models ?? defaultCivitaiModels();
  const token = options.token ?? "civitai-test-token-0123456789";
  const signingKey = randomBytes(32);
  const sign = (path: string, expires: string) =>
    createHmac("sha256", signingKey).update(`${path}\n${expires}`).digest("hex");
  const findVersion = (id: number) => {
    for (const model of models) {
      const version = model.versions.find((candidate) => candidate.id === id);
      if (version) return { model, version };
    }
    return undefined;
  };

  const storage = await startFakeServer(
    async (exchange) => {
      const { request } = exchange;
      const signature = String(request.query["X-Amz-Signature"] ?? "");
      if (request.headers.authorization) {
        return s3Error(
          exchange,
          400,
          "InvalidArgument",
          "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified",
        );
      }
      const expected = sign(request.path, String(request.query["X-Amz-Expires"] ?? ""));
      if (!safeEqual(signature, expected)) {
        return s3Error(
          exchange,
          403,
          "SignatureDoesNotMatch",
          "The request signature we calculated does not match the signature you provided.",
        );
      }
      const match = /^\/(\d+)\/model\/([^/]+)$/.exec(request.path);
      const found = match ? findVersion(Number(match[1])) : undefined;
      const file = found?.version.files.find(
        (candidate) => candidate.name === decodeURIComponent(match![2]!),
      );
      if (!file) return s3Error(exchange, 404, "NoSuchKey", "The specified key does not exist.");
      const disposition = request.query["response-content-disposition"];
      const { fault } = exchange;
      await sendRangedBytes(exchange, file.data, {
        headers: typeof disposition === "string" ? { "content-disposition": disposition } : {},
        bytesPerSecond: options.bytesPerSecond,
        cutAtFraction: fault && "cutBodyAtFraction" in fault ? fault.cutBodyAtFraction : undefined,
        corrupt: fault !== undefined && "corruptBody" in fault,
      });
    },
    {
      errorBody: (status) =>
        `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${status}</Code></Error>`,
    },
  );

  const api = await startFakeServer(
    async (exchange) => {
      const { request } = exchange;
      if (request.method !== "GET" && request.method !== "HEAD") {
        return exchange.json({ error: "Method not allowed" }, 405);
      }
      if (request.path === "/api/v1/models") {
        const result = searchCivitaiModels(models, request.query, api.origin);
        if ("error" in result) return exchange.json({ error: result.error }, 400);
        return exchange.json(
          {
            items: result.models.map((model) => modelJson(api.origin, model)),
            metadata: result.metadata,
          },
          200,
          { "cache-control": "public, s-maxage=300, stale-while-revalidate=600" },
        );
      }
      const versionMatch = /^\/api\/v1\/model-versions\/([^/]+)$/.exec(request.path);
      if (versionMatch) {
        const found = /^\d+$/.test(versionMatch[1]!)
          ? findVersion(Number(versionMatch[1]))
          : undefined;
        if (!found) return exchange.json({ error: `No version with id ${versionMatch[1]}` }, 404);
        return exchange.json(modelVersionJson(api.origin, found.model, found.version));
      }
      const downloadMatch = /^\/api\/download\/models\/(\d+)$/.exec(request.path);
      if (downloadMatch) {
        const found = findVersion(Number(downloadMatch[1]));
        if (!found) return exchange.json({ error: "Model not found" }, 404);
        if (found.version.loginRequired && !presentsToken(exchange, token)) {
          return exchange.json(unauthorizedBody, 401);
        }
        const file = chooseFile(found.version, exchange.request.query);
        if (!file) return exchange.json({ error: "Model file not found" }, 404);
        const path = `/${found.version.id}/model/${encodeURIComponent(file.name)}`;
        const expires = "86400";
        const signed = new URLSearchParams({
          "X-Amz-Expires": expires,
          "response-content-disposition": `attachment; filename="${file.name}"`,
          "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
          "X-Amz-SignedHeaders": "host",
          "X-Amz-Signature": sign(path, expires),
        });
        exchange.response.writeHead(307, { location: `${storage.origin}${path}?${signed}` });
        return void exchange.response.end();
      }
      exchange.json({ error: "Not found" }, 404);
    },
    {
      errorBody: (status) =>
        status === 429
          ? { error: "Too Many Requests" }
          : status === 401
            ? unauthorizedBody
            : { error: `HTTP ${status}` },
    },
  );

  return {
    url: api.origin,
    token,
    api,
    storage,
    models,
    version: findVersion,
    injectStorage: (...faults) => storage.inject(...faults),
    reset() {
      api.reset();
      storage.reset();
    },
    async close() {
      await Promise.all([api.close(), storage.close()]);
    },
  };
}

function presentsToken(exchange: FakeExchange, token: string): boolean {
  const header = exchange.request.headers.authorization;
  if (header === `Bearer ${token}`) return true;
  return exchange.request.query.token === token;
}

/** `?type=Model&format=SafeTensor&size=pruned&fp=fp16` narrow the choice; default: the primary file. */
function chooseFile(
  version: FakeCivitaiVersion,
  query: Record<string, string | string[]>,
): FakeCivitaiFile | undefined {
  const wanted = (key: string) =>
    typeof query[key] === "string" ? (query[key] as string) : undefined;
  const type = wanted("type");
  const format = wanted("format");
  const size = wanted("size");
  const fp = wanted("fp");
  if (!type && !format && !size && !fp) return primaryFakeFile(version);
  return version.files.find(
    (file) =>
      (!type || (file.type ?? "Model") === type) &&
      (!format || file.metadata?.format === format) &&
      (!size || file.metadata?.size === size) &&
      (!fp || file.metadata?.fp === fp),
  );
}

function safeEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function s3Error(exchange: FakeExchange, status: number, code: string, message: string): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  exchange.response.writeHead(status, { "content-type": "application/xml" });
  exchange.response.end(body);
}
