import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeCivitai, startFakeCivitai } from "./fake-civitai.js";

let civitai: FakeCivitai;

beforeAll(async () => {
  civitai = await startFakeCivitai();
});
afterAll(() => civitai.close());
beforeEach(() => civitai.reset());

interface SearchBody {
  items: { name: string; type: string; nsfw: boolean; modelVersions: { baseModel: string }[] }[];
  metadata: { nextCursor?: string; nextPage?: string };
}

async function search(query: string): Promise<SearchBody> {
  const response = await fetch(`${civitai.url}/api/v1/models?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as SearchBody;
}

describe("fake Civitai search", () => {
  it("honours types, baseModels, query and hides NSFW unless asked", async () => {
    const loras = await search("types=LORA&baseModels=SDXL%201.0");
    expect(loras.items.map((item) => item.name)).toEqual(["Pixel Art XL"]);
    const byText = await search("query=ink");
    expect(byText.items.map((item) => item.name)).toEqual(["Ink Wash Painting 水墨"]);
    const all = await search("types=Checkpoint");
    expect(all.items.some((item) => item.nsfw)).toBe(false);
    const withNsfw = await search("types=Checkpoint&nsfw=true");
    expect(withNsfw.items.some((item) => item.nsfw)).toBe(true);
  });

  it("sorts, limits and pages with a cursor", async () => {
    const first = await search("sort=Most%20Downloaded&limit=2");
    expect(first.items.map((item) => item.name)).toEqual(["EasyNegative", "DreamShaper"]);
    expect(first.metadata.nextCursor).toBe("2");
    const next = await fetch(first.metadata.nextPage!);
    const second = (await next.json()) as SearchBody;
    expect(second.items[0]?.name).toBe("Juggernaut XL");
  });

  it("rejects unknown enum values with 400", async () => {
    const response = await fetch(`${civitai.url}/api/v1/models?types=Lora`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/received 'Lora'/);
  });
});

describe("fake Civitai versions and downloads", () => {
  it("serves a version with uppercase SHA256 and a 404 for unknown ids", async () => {
    const response = await fetch(`${civitai.url}/api/v1/model-versions/128713`);
    const body = (await response.json()) as {
      files: { name: string; primary?: boolean; hashes: { SHA256: string } }[];
    };
    const primary = body.files.find((file) => file.primary)!;
    const data = civitai.version(128713)!.version.files[0]!.data;
    expect(primary.hashes.SHA256).toBe(
      createHash("sha256").update(data).digest("hex").toUpperCase(),
    );
    expect((await fetch(`${civitai.url}/api/v1/model-versions/1`)).status).toBe(404);
  });

  it("redirects to a signed URL on another origin that serves ranges", async () => {
    const redirect = await fetch(`${civitai.url}/api/download/models/135931`, {
      redirect: "manual",
    });
    expect(redirect.status).toBe(307);
    const location = new URL(redirect.headers.get("location")!);
    expect(location.origin).toBe(civitai.storage.origin);
    const ranged = await fetch(location, { headers: { range: "bytes=10-19" } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get("content-disposition")).toContain("pixel-art-xl.safetensors");
    expect(Buffer.from(await ranged.arrayBuffer())).toEqual(
      civitai.version(135931)!.version.files[0]!.data.subarray(10, 20),
    );
    const tampered = new URL(location);
    tampered.searchParams.set("X-Amz-Signature", "0".repeat(64));
    expect((await fetch(tampered)).status).toBe(403);
    const withAuthorization = await fetch(location, { headers: { authorization: "Bearer x" } });
    expect(withAuthorization.status).toBe(400);
  });

  it("asks for the token on login-required versions, by header or query", async () => {
    const denied = await fetch(`${civitai.url}/api/download/models/130580`, { redirect: "manual" });
    expect(denied.status).toBe(401);
    expect(await denied.json()).toMatchObject({ error: "Unauthorized" });
    const byHeader = await fetch(`${civitai.url}/api/download/models/130580`, {
      redirect: "manual",
      headers: { authorization: `Bearer ${civitai.token}` },
    });
    expect(byHeader.status).toBe(307);
    const byQuery = await fetch(
      `${civitai.url}/api/download/models/130580?token=${civitai.token}`,
      { redirect: "manual" },
    );
    expect(byQuery.status).toBe(307);
  });

  it("cuts or corrupts a body on demand", async () => {
    const data = civitai.version(135931)!.version.files[0]!.data;
    civitai.injectStorage({ corruptBody: true });
    const corrupt = await fetch(`${civitai.url}/api/download/models/135931`);
    const bytes = Buffer.from(await corrupt.arrayBuffer());
    expect(bytes.length).toBe(data.length);
    expect(bytes.equals(data)).toBe(false);

    civitai.injectStorage({ cutBodyAtFraction: 0.6 });
    const cut = await fetch(`${civitai.url}/api/download/models/135931`);
    await expect(cut.arrayBuffer()).rejects.toThrow();
  });
});
