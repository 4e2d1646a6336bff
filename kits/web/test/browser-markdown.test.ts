/**
 * The page's Markdown renderer in a real browser, without the server: esbuild bundles
 * `src/page/markdown.ts` the way the page gets it, chromium runs it, and hostile model output
 * must come out as text. Also: the built page needs nothing from the network.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPage } from "../src/page/build-page.js";

const page_ = join(dirname(fileURLToPath(import.meta.url)), "..", "src", "page");
let folder: string;
let context: BrowserContext;
let page: Page;

/** Render `markdown` in the browser; returns the HTML and whether any injected code ran. */
async function render(markdown: string): Promise<{ html: string; text: string; ran: unknown }> {
  return (await page.evaluate(
    `(() => {
      const box = document.createElement("div");
      box.append(window.renderMarkdown(${JSON.stringify(markdown)}));
      document.body.replaceChildren(box);
      return new Promise((done) => setTimeout(() => done({ html: box.innerHTML, text: box.textContent, ran: window.ran }), 100));
    })()`,
  )) as { html: string; text: string; ran: unknown };
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "web-markdown-"));
  const bundle = await build({
    stdin: {
      contents:
        'import { renderMarkdown } from "./markdown.js"; window.renderMarkdown = renderMarkdown;',
      resolveDir: page_,
      loader: "ts",
    },
    bundle: true,
    format: "iife",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
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
  });
  page = context.pages()[0] ?? (await context.newPage());
  await page.setContent("<!doctype html><html><body></body></html>");
  await page.addScriptTag({ content: bundle.outputFiles[0]?.text ?? "" });
});

afterAll(async () => {
  await context?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe("model output rendered in the browser", () => {
  it("renders Markdown: emphasis, code, lists, safe links", async () => {
    const { html } = await render(
      "**bold** and `code`\n\n- one\n- two\n\n```js\nlet a = 1 < 2;\n```\n\n[docs](https://example.com)",
    );
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<code>code</code>");
    expect(html).toMatch(/<li>one<\/li>\s*<li>two<\/li>/);
    expect(html).toContain("let a = 1 &lt; 2;");
    expect(html).toContain('href="https://example.com"');
    expect(html).toContain('rel="noopener noreferrer"');
  });

  it("shows <script> as text and never runs it", async () => {
    const { html, text, ran } = await render(
      "Hi <script>window.ran = 1</script>\n\n<script>\nwindow.ran = 2\n</script>",
    );
    expect(text).toContain("<script>window.ran = 1</script>");
    expect(html).not.toMatch(/<script/i);
    expect(ran).toBeUndefined();
  });

  it("shows <img onerror> as text: no image, no handler", async () => {
    const { html, text, ran } = await render('Look <img src=x onerror="window.ran = 3"> here');
    expect(text).toContain('<img src=x onerror="window.ran = 3">');
    expect(html).not.toMatch(/<img/i);
    expect(ran).toBeUndefined();
  });

  it("keeps the words of a javascript: link but not the link", async () => {
    const { html, text } = await render(
      '[click me](javascript:window.ran=4) and <a href="javascript:window.ran=5">me</a>',
    );
    expect(text).toContain("click me");
    expect(html).toContain("&lt;a href="); // the raw HTML link is shown as text
    expect(await page.locator("a[href]").count()).toBe(0);
    await page.locator("a").first().click();
    expect(await page.evaluate("window.ran")).toBeUndefined();
  });
});

describe("the built page", () => {
  it("is one self-contained HTML document: script and style inlined, nothing from a CDN", async () => {
    const built = await buildPage();
    expect(built.js.length).toBeGreaterThan(10_000); // marked + DOMPurify are inside
    expect(built.html).toContain('<script type="module">');
    expect(built.html).toContain(built.css);
    expect(built.html).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/i);
    expect(await buildPage()).toBe(built); // built once per process
  });
});
