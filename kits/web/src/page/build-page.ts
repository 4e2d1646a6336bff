/**
 * The page, built once per process: esbuild bundles `main.ts` (with marked and DOMPurify) and
 * `style.css` in memory. The HTML inlines both, so `/` is the only request the page needs and it
 * works offline: no CDN, no build step before `npm run web`.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export interface Page {
  html: string;
  js: string;
  css: string;
}

const here = dirname(fileURLToPath(import.meta.url));
let cached: Promise<Page> | undefined;

export function buildPage(): Promise<Page> {
  cached ??= bundle().catch((error: unknown) => {
    cached = undefined; // a failed build is retried on the next request
    throw error;
  });
  return cached;
}

async function bundle(): Promise<Page> {
  const result = await build({
    entryPoints: [join(here, "main.ts"), join(here, "style.css")],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: ["es2022"],
    outdir: "page",
    write: false,
    legalComments: "none",
    logLevel: "silent",
  });
  const js = result.outputFiles.find((file) => file.path.endsWith(".js"))?.text ?? "";
  const css = result.outputFiles.find((file) => file.path.endsWith(".css"))?.text ?? "";
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GenAI Path</title>
<link rel="icon" href="data:,">
<style>${css}</style>
</head>
<body>
<noscript>This page needs JavaScript. The OpenAI-compatible API is at /v1.</noscript>
<script type="module">${js.replaceAll("</script", "<\\/script")}</script>
</body>
</html>
`;
  return { html, js, css };
}
