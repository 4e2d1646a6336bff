import { ApiCallError, ConnectionError } from "@path/core";
import { type FakeCivitai, startFakeCivitai } from "@path/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCivitaiClient } from "./civitai-client.js";

let civitai: FakeCivitai;

beforeAll(async () => {
  civitai = await startFakeCivitai();
});
afterAll(() => civitai.close());
beforeEach(() => civitai.reset());

const client = (token?: string) =>
  createCivitaiClient({ baseUrl: civitai.url, token, retry: { initialDelayMs: 1 } });

describe("createCivitaiClient", () => {
  it("searches with Civitai's parameter names, nsfw=false unless asked", async () => {
    const reply = await client().searchModels({
      query: "pixel",
      types: ["LORA", "LoCon"],
      baseModels: ["SDXL 1.0"],
      sort: "Most Downloaded",
      limit: 5,
    });
    expect(reply.items.map((model) => model.name)).toEqual(["Pixel Art XL"]);
    const [request] = civitai.api.requests;
    expect(request?.path).toBe("/api/v1/models");
    expect(request?.query).toEqual({
      query: "pixel",
      types: ["LORA", "LoCon"],
      baseModels: "SDXL 1.0",
      sort: "Most Downloaded",
      limit: "5",
      nsfw: "false",
    });
    expect(request?.headers.authorization).toBeUndefined();
  });

  it("sends the token to Civitai as a bearer token", async () => {
    await client("secret-token-123456").getModelVersion(128713);
    expect(civitai.api.requests[0]?.headers.authorization).toBe("Bearer secret-token-123456");
  });

  it("reads a model version with its files and uppercase SHA256", async () => {
    const version = await client().getModelVersion(128713);
    expect(version).toMatchObject({
      id: 128713,
      baseModel: "SD 1.5",
      model: { type: "Checkpoint" },
    });
    expect(version.files[0]?.hashes?.SHA256).toMatch(/^[0-9A-F]{64}$/);
  });

  it("retries a 429, honouring Retry-After", async () => {
    civitai.api.inject({ path: "/api/v1/models", status: 429, headers: { "retry-after": "0" } });
    const reply = await client().searchModels({ limit: 1 });
    expect(reply.items).toHaveLength(1);
    expect(civitai.api.requests).toHaveLength(2);
  });

  it("explains an unknown version id", async () => {
    const error = await client()
      .getModelVersion(999)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ status: 404, code: "not-found" });
    expect((error as Error).message).toMatch(/model version 999 does not exist.*modelVersionId=/);
  });

  it("passes Civitai's own message for a bad request", async () => {
    const error = await client()
      .searchModels({ baseModels: ["SD 9"] })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 400 });
    expect((error as Error).message).toContain("received 'SD 9'");
  });

  it("says so when Civitai cannot be reached", async () => {
    const offline = createCivitaiClient({
      baseUrl: "http://127.0.0.1:9",
      token: undefined,
      retry: { maxRetries: 0 },
    });
    await expect(offline.searchModels({})).rejects.toBeInstanceOf(ConnectionError);
  });
});
