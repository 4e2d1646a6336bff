/**
 * `npm run web`: the chat page, the kits' gallery and an OpenAI-compatible API on one local
 * server. Prints the address and opens nothing.
 */
import { isIP } from "node:net";
import { resolve } from "node:path";
import { readSetting } from "@path/core";
import { parseCommandArgs, parseIntegerFlag, reportError, UsageError } from "@path/kit-cli";
import { createWebServer } from "./server/server.js";

const help = `GenAI Path — web kit: chat in the browser, the kits' outputs, an OpenAI-compatible API

Usage: npm run web [-- options]

Options:
      --port <n>                 where to listen (default 3000)
      --host <address>           default 127.0.0.1 (this computer only); anything else needs GENAI_WEB_KEY
  -m, --model <provider:model>   the model the page starts on (default: the first configured provider, else the embedded model)
      --output <dir>             the kits' output folder the gallery shows (default ./output)
  -h, --help                     this help

Settings: GENAI_WEB_KEY (a key every request must carry), GENAI_WEB_DIR (where chats are kept,
default ~/.genai-path/web), GENAI_RAG_INDEX (the RAG index, default ./.rag-index).
The API: http://127.0.0.1:3000/v1 for Open WebUI or any OpenAI client (model names are provider:model).`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    port: { type: "string" },
    host: { type: "string" },
    model: { type: "string", short: "m" },
    output: { type: "string" },
  });
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const port = parseIntegerFlag("port", values.port, 0, 65_535) ?? 3000;
  const host = values.host ?? "127.0.0.1";
  const key = readSetting("GENAI_WEB_KEY");
  const loopback = host === "localhost" || host === "::1" || host.startsWith("127.");
  if (!loopback && !key) {
    throw new UsageError(
      `listening on ${host} lets other computers use your models and keys: set GENAI_WEB_KEY to a long random string first`,
    );
  }
  if (!loopback && host !== "0.0.0.0" && !isIP(host))
    throw new UsageError(`--host takes an IP address, not "${host}"`);
  const server = createWebServer({
    outputDir: resolve(values.output ?? "output"),
    ...(values.model ? { model: values.model } : {}),
    ...(key ? { key } : {}),
  });
  await new Promise<void>((done, fail) => {
    server.once("error", fail);
    server.listen(port, host, done);
  });
  const address = server.address();
  const actual = typeof address === "object" && address ? address.port : port;
  const shown = host === "0.0.0.0" ? "127.0.0.1" : host;
  process.stdout.write(`GenAI Path web: http://${shown}:${actual}  (Ctrl-C stops it)\n`);
  process.stdout.write(`OpenAI-compatible API: http://${shown}:${actual}/v1\n`);
  await new Promise<void>((done) => {
    process.once("SIGINT", done);
    process.once("SIGTERM", done);
  });
  server.closeAllConnections();
  server.close();
  return 0;
}

if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
const argv = process.argv.slice(2);
const code = await main(argv).catch((error: unknown) => {
  const inUse = (error as NodeJS.ErrnoException).code === "EADDRINUSE";
  return reportError(
    inUse ? new UsageError("that port is taken: pass --port with another number") : error,
    {
      debug: argv.includes("--debug"),
    },
  );
});
process.stdout.write("", () => process.exit(code));
