/** What the server refuses, and what it must not lose. */
import { mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runKitCli } from "@path/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConversationStore } from "../src/server/conversations.js";
import { startWeb } from "./web-fixture.js";

let web: Awaited<ReturnType<typeof startWeb>>;
beforeAll(async () => {
  web = await startWeb();
  await mkdir(join(web.folder, "output"), { recursive: true });
  await writeFile(join(web.folder, "output", "ok.wav"), "RIFF....WAVEfmt ");
  await writeFile(join(web.folder, "secret.png"), "not for the browser");
  await symlink(join(web.folder, "secret.png"), join(web.folder, "output", "escape.png"));
});
afterAll(() => web.close());

const json = { "content-type": "application/json" };

describe("the web server refuses", () => {
  it("a request from another origin", async () => {
    const response = await fetch(`${web.url}/api/conversations`, {
      headers: { origin: "https://evil.example" },
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
      "https://evil.example",
    );
  });

  it("a state change that is not JSON (what a cross-site form would send)", async () => {
    const response = await fetch(`${web.url}/api/conversations`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "title=x",
    });
    expect(response.status).toBe(415);
  });

  it("a 10 MB paste, naming the limit", async () => {
    const response = await fetch(`${web.url}/api/conversations`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ title: "x".repeat(10 * 2 ** 20) }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /larger than 2 MB/,
    );
  });

  it("paths out of the output folder, by .. or by a symlink; serves what is inside, with ranges", async () => {
    for (const path of [
      "/files/..%2Fsecret.png",
      "/files/%2E%2E/secret.png",
      "/files/escape.png",
    ]) {
      const response = await fetch(`${web.url}${path}`);
      expect([403, 404], path).toContain(response.status);
      expect(await response.text()).not.toContain("not for the browser");
    }
    const part = await fetch(`${web.url}/files/ok.wav`, { headers: { range: "bytes=0-3" } });
    expect(part.status).toBe(206);
    expect(await part.text()).toBe("RIFF");
  });
});

describe("two tabs writing one conversation", () => {
  it("keep every message: appends run one after another on the latest file", async () => {
    const store = new ConversationStore(join(web.folder, "tabs"));
    const chat = await store.create({ title: "shared", model: "local:default" });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.update(chat.id, (stored) => {
          stored.messages.push({
            id: `m${i}`,
            role: "user",
            content: `tab ${i % 2} says ${i}`,
            createdAt: "",
          });
        }),
      ),
    );
    expect((await store.read(chat.id)).messages).toHaveLength(20);
  });
});

describe("the key", () => {
  it("is required on every request when set; the page gets it once through /?key=", async () => {
    const locked = await startWeb({ key: "a-long-random-key-123" });
    try {
      expect((await fetch(`${locked.url}/api/models`)).status).toBe(401);
      const bearer = await fetch(`${locked.url}/v1/models`, {
        headers: { authorization: "Bearer a-long-random-key-123" },
      });
      expect(bearer.status).toBe(200);
      const visit = await fetch(`${locked.url}/?key=a-long-random-key-123`, { redirect: "manual" });
      expect(visit.status).toBe(303);
      const cookie = visit.headers.get("set-cookie")?.split(";")[0] ?? "";
      expect(cookie).toMatch(/^genai_web_key=/);
      expect((await fetch(`${locked.url}/api/models`, { headers: { cookie } })).status).toBe(200);
    } finally {
      await locked.close();
    }
  });

  it("must be set before listening on anything but this computer", async () => {
    const entry = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
    const result = await runKitCli(["--host", "0.0.0.0", "--port", "0"], {
      entry,
      cwd: web.folder,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/set GENAI_WEB_KEY/);
  });
});
