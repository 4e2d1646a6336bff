import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeHub, startFakeHub } from "./fake-hub.js";

const data = Buffer.from("0123456789".repeat(1000));
let hub: FakeHub;

beforeAll(async () => {
  hub = await startFakeHub({
    files: { "owner/repo/model.gguf": data, "owner/repo/sub/other.gguf": data },
  });
});
afterAll(() => hub.close());

describe("startFakeHub", () => {
  it("serves byte ranges like the hub", async () => {
    const response = await fetch(hub.fileUrl("owner/repo/model.gguf"), {
      headers: { range: "bytes=9990-" },
    });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe("bytes 9990-9999/10000");
    expect(await response.text()).toBe("0123456789");
    const beyond = await fetch(hub.fileUrl("owner/repo/model.gguf"), {
      headers: { range: "bytes=10000-" },
    });
    expect(beyond.status).toBe(416);
  });

  it("lists a repository with LFS sha256 and size, folder by folder", async () => {
    const root = await (await fetch(`${hub.url}/api/models/owner/repo/tree/main`)).json();
    expect(root).toEqual([
      expect.objectContaining({
        type: "file",
        path: "model.gguf",
        size: 10000,
        lfs: expect.objectContaining({
          oid: createHash("sha256").update(data).digest("hex"),
          size: 10000,
        }),
      }),
      expect.objectContaining({ type: "directory", path: "sub" }),
    ]);
    const sub = await (await fetch(`${hub.url}/api/models/owner/repo/tree/main/sub`)).json();
    expect(sub).toEqual([expect.objectContaining({ path: "sub/other.gguf" })]);
  });

  it("answers HEAD with the x-linked headers and 404 with EntryNotFound", async () => {
    const head = await fetch(hub.fileUrl("owner/repo/model.gguf"), { method: "HEAD" });
    expect(head.headers.get("x-linked-size")).toBe("10000");
    expect(head.headers.get("x-linked-etag")).toMatch(/^"[0-9a-f]{64}"$/);
    const missing = await fetch(hub.fileUrl("owner/repo/nope.gguf"));
    expect(missing.status).toBe(404);
    expect(missing.headers.get("x-error-code")).toBe("EntryNotFound");
  });

  it("injects a status, then cut and corrupted bodies", async () => {
    hub.inject({ path: "model.gguf", status: 503 });
    expect((await fetch(hub.fileUrl("owner/repo/model.gguf"))).status).toBe(503);
    hub.inject({ corrupt: true });
    expect(await (await fetch(hub.fileUrl("owner/repo/model.gguf"))).text()).not.toBe(
      data.toString(),
    );
    hub.inject({ cutAtFraction: 0.5 });
    await expect(
      (await fetch(hub.fileUrl("owner/repo/model.gguf"))).arrayBuffer(),
    ).rejects.toThrow();
  });
});
