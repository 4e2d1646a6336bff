/**
 * The page in a real browser: Debian's chromium driven through playwright-core, against the real
 * web server (`npm run web`) talking to a fake OpenAI provider, with a temp output folder holding
 * a PNG that carries its `parameters`. Screenshots land in test/artifacts/ (git-ignored).
 */
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { addPngText } from "@path/core";
import { encodePng, type FakeOpenAI, runKitCli, startFakeOpenAI } from "@path/testing";
import { type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const kit = join(dirname(fileURLToPath(import.meta.url)), "..");
const artifacts = join(kit, "test", "artifacts");
// The server is written alongside the page; until src/server exists there is nothing to drive.
const serverLanded = existsSync(join(kit, "src", "server"));
const suite = serverLanded
  ? "the page in Chromium against npm run web"
  : "the page in Chromium — skipped: kits/web/src/server has not landed yet";
const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const xss =
  'Look: <script>window.hacked = 1</script> <img src=x onerror="window.hacked = 2"> [click me](javascript:window.hacked=3)';

let fake: FakeOpenAI;
let folder: string;
let server: ChildProcess | undefined;
let serverExit: Promise<unknown>;
let origin: string;
let context: BrowserContext;
let page: Page;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(),
      );
    });
  });
}

/** `npm run web` as a person runs it; resolves with the URL it prints. */
async function startWebServer(port: number): Promise<string> {
  const output = join(folder, "output");
  let printed: (url: string) => void = () => {};
  const url = new Promise<string>((resolve) => (printed = resolve));
  // The default model is the fake's: the embedded one would download weights.
  const args = ["--port", String(port), "--output", output, "--model", "openai:gpt-4o-mini"];
  serverExit = runKitCli(args, {
    entry: join(kit, "src", "cli.ts"),
    cwd: kit,
    initCwd: folder,
    env: {
      HOME: folder,
      GENAI_WEB_DIR: join(folder, "web"),
      OPENAI_API_KEY: "sk-test",
      OPENAI_BASE_URL: fake.url,
    },
    onStdout: (stdout, child) => {
      server = child;
      const match = stdout.match(/http:\/\/127\.0\.0\.1:\d+/);
      if (match) printed(match[0]);
    },
  }).then((result) => {
    printed(""); // exited before printing: fail fast with its stderr below
    return result;
  });
  const found = await url;
  if (!found) throw new Error(`npm run web exited: ${JSON.stringify(await serverExit)}`);
  return found;
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

/** axe-core injected into the page under test; only serious and critical violations fail. */
async function axeViolations(): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const result = (await page.evaluate(
    "axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'best-practice'] })",
  )) as { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
  return result.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(" ")}`);
}

const assistant = () => page.locator(".message.assistant").last();

async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? "").trim();
}

async function send(text: string): Promise<void> {
  await page.getByLabel(/^Message$/).fill(text);
  await page.getByLabel(/^Message$/).press("Enter");
}

describe.skipIf(!serverLanded)(suite, () => {
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "web-browser-"));
    await mkdir(artifacts, { recursive: true });
    await mkdir(join(folder, "output", "images"), { recursive: true });
    const pixels = new Uint8Array(64 * 64 * 3).map((_, index) => (index * 7) % 256);
    const parameters =
      "a red fox in the snow\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 4242, Size: 64x64, Model: tiny";
    await writeFile(
      join(folder, "output", "images", "red-fox.png"),
      addPngText(encodePng(64, 64, pixels), { parameters }),
    );
    fake = await startFakeOpenAI();
    origin = await startWebServer(await freePort());
    context = await chromium.launchPersistentContext(join(folder, "chromium-profile"), {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
      ],
      viewport: { width: 1200, height: 800 },
      locale: "en-US",
    });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(origin);
  });

  afterAll(async () => {
    await context?.close();
    server?.kill("SIGTERM");
    await serverExit;
    await fake?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  describe("chat in the browser", () => {
    it("streams an answer piece by piece, then shows usage", async () => {
      await expect.poll(() => page.getByLabel("Model").inputValue()).toBe("openai:gpt-4o-mini");
      fake.inject({ path: "/chat/completions", frameDelayMs: 60 });
      await send("Tell me about foxes, briefly please.");
      const seen = new Set<string>();
      await expect
        .poll(
          async () => {
            seen.add(await text(assistant().locator(".content")));
            return assistant().getAttribute("aria-busy");
          },
          { timeout: 15_000, interval: 20 },
        )
        .toBeNull();
      const final = await text(assistant().locator(".content"));
      expect(final).toBe("Echo: Tell me about foxes, briefly please.");
      // Several different partial texts were on screen before the end: it streamed.
      const partial = [...seen].filter(
        (shown) => shown && shown !== final && final.startsWith(shown),
      );
      expect(partial.length).toBeGreaterThanOrEqual(3);
      await expect.poll(() => text(assistant().locator(".meta"))).toMatch(/tokens/);
      await shot("chat-streamed");
    });

    it("stops an answer mid-stream and the model call is cancelled", async () => {
      fake.inject({ path: "/chat/completions", frameDelayMs: 400 });
      const aborted = fake.abortedRequests;
      await send(`Write a long story. ${"and then the fox ran on ".repeat(20)}`);
      await expect.poll(() => text(assistant().locator(".content"))).toMatch(/^Echo/);
      await page.getByRole("button", { name: "Stop" }).click();
      await expect.poll(() => assistant().getAttribute("aria-busy")).toBeNull();
      expect(await text(assistant().locator(".meta"))).toMatch(/stopped/);
      expect((await text(assistant().locator(".content"))).length).toBeLessThan(200);
      await fake.waitUntil(() => fake.abortedRequests > aborted, 10_000);
      expect(await page.getByRole("button", { name: "Send" }).isEnabled()).toBe(true);
      await shot("chat-stopped");
    });

    it("lists the models, says what to set for a provider without a key, and switches", async () => {
      const picker = page.getByLabel("Model");
      const options = await picker.locator("option").evaluateAll((nodes) =>
        nodes.map((node) => ({
          value: (node as unknown as { value: string }).value,
          disabled: (node as unknown as { disabled: boolean }).disabled,
          text: node.textContent ?? "",
        })),
      );
      const missing = options.filter((option) => option.disabled);
      expect(missing.length).toBeGreaterThan(0);
      expect(missing.every((option) => /set \w+/.test(option.text))).toBe(true);
      const ready = options.filter(
        (option) => !option.disabled && option.value.startsWith("openai:"),
      );
      expect(ready.length).toBeGreaterThan(0);
      const other = ready.find((option) => option.value !== "openai:gpt-4o-mini") ?? ready[0]!;
      await picker.selectOption(other.value);
      const before = fake.requests.length;
      await page.getByRole("button", { name: "New conversation" }).click();
      await send("Which model are you?");
      await expect.poll(() => assistant().getAttribute("aria-busy")).toBeNull();
      const chats = fake.requests
        .slice(before)
        .filter((request) => request.path.endsWith("/chat/completions"));
      expect(chats.map((request) => (request.body as { model: string }).model)).toContain(
        other.value.slice("openai:".length),
      );
      expect(await text(assistant().locator(".meta"))).toContain(other.value);
    });

    it("renders model output as safe text: no script runs, no handler, no javascript: link", async () => {
      await page.getByRole("button", { name: "New conversation" }).click();
      await send(xss);
      await expect.poll(() => assistant().getAttribute("aria-busy")).toBeNull();
      const content = assistant().locator(".content");
      expect(await text(content)).toContain("<script>window.hacked = 1</script>");
      expect(await text(content)).toContain('<img src=x onerror="window.hacked = 2">');
      expect(await content.locator("script, img").count()).toBe(0);
      const hrefs = await content
        .locator("a")
        .evaluateAll((links) => links.map((link) => link.getAttribute("href")));
      expect(hrefs.every((href) => href === null || !/^javascript:/i.test(href))).toBe(true);
      expect(await page.evaluate("window.hacked")).toBeUndefined();
      await shot("chat-xss-as-text");
    });

    it("finds the conversation again after a reload", async () => {
      await page.reload();
      const saved = page.getByRole("button", { name: /Tell me about foxes/ });
      await expect.poll(() => saved.count(), { timeout: 10_000 }).toBe(1);
      await saved.click();
      await expect
        .poll(() => text(page.locator(".message.assistant .content").first()))
        .toBe("Echo: Tell me about foxes, briefly please.");
      await shot("chat-after-reload");
    });

    it("has no serious or critical accessibility violations (axe-core)", async () => {
      expect(await axeViolations()).toEqual([]);
    });
  });

  describe("RAG chat and the language toggle", () => {
    it("says what to run first when there is no RAG index", async () => {
      await page.getByRole("button", { name: "RAG chat" }).click();
      await expect.poll(() => text(page.locator("#view-rag"))).toContain("npm run rag");
    });

    it("switches the whole page to 中文 and back", async () => {
      await page.getByRole("button", { name: /^中文/ }).click();
      expect(await text(page.locator("#tab-chat"))).toBe("聊天");
      expect(await page.evaluate("document.documentElement.lang")).toBe("zh-CN");
      await shot("rag-zh");
      expect(await axeViolations()).toEqual([]);
      await page.getByRole("button", { name: /^English/ }).click();
      expect(await text(page.locator("#tab-chat"))).toBe("Chat");
    });
  });

  describe("the gallery in the browser", () => {
    it("shows a picture and, opened, the parameters it was made with", async () => {
      await page.getByRole("button", { name: "Gallery" }).click();
      const tile = page.getByRole("button", { name: /red-fox\.png/ });
      await expect.poll(() => tile.count(), { timeout: 10_000 }).toBe(1);
      const loaded = page.locator(".tile img").first();
      await expect
        .poll(() =>
          loaded.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
        )
        .toBe(64);
      await tile.click();
      const dialog = page.getByRole("dialog");
      await expect.poll(() => text(dialog)).toContain("a red fox in the snow");
      expect(await text(dialog)).toContain("4242");
      await shot("gallery-details");
      expect(await axeViolations()).toEqual([]);
      await page.keyboard.press("Escape");
    });
  });
});
