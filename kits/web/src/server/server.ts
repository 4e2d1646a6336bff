/**
 * The web kit's server: plain `node:http`, no framework. A learner can read every route in this
 * one folder, and there is no middleware order to get wrong. It serves the page (src/page), the
 * page's JSON API (/api), the kits' outputs (/files) and an OpenAI-compatible API (/v1).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { resolve } from "node:path";
import { buildPage } from "../page/build-page.js";
import { chat } from "./chat.js";
import { ConversationStore, toMarkdown, webDataDir } from "./conversations.js";
import { listGallery, serveFile } from "./gallery.js";
import { checkRequest, same } from "./guard.js";
import { HttpError, readJson, sendError, sendJson } from "./http.js";
import { defaultTextModel, textModels } from "./models.js";
import { chatCompletions, embeddings, listModels } from "./openai-api.js";
import { ragAsk, ragStatus } from "./rag.js";
import { listTemplates } from "./templates.js";

export interface WebServerOptions {
  /** Where the kits wrote their pictures, audio and video. */
  outputDir: string;
  /** Where conversations are kept. Default `GENAI_WEB_DIR`, else ~/.genai-path/web. */
  dataDir?: string;
  /** The model the picker starts on, and that /v1 lists first. */
  model?: string;
  /** Bearer key required on every request (`GENAI_WEB_KEY`). */
  key?: string;
  /** Largest request body. Default 2 MB. */
  bodyLimitBytes?: number;
}

export function createWebServer(options: WebServerOptions): Server {
  const store = new ConversationStore(resolve(options.dataDir ?? webDataDir(), "conversations"));
  const limit = options.bodyLimitBytes ?? 2 * 2 ** 20;
  const route = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const path = url.pathname;
    const method = request.method ?? "GET";
    if (path === "/" && method === "GET" && options.key && url.searchParams.has("key")) {
      return rememberKey(response, url.searchParams.get("key") ?? "", options.key);
    }
    checkRequest(request, options.key);
    const body = <T>() => readJson<T>(request, limit);
    if (path === "/" && method === "GET") {
      const page = await buildPage();
      response.writeHead(200, {
        "content-type": "text/html; charset=utf-8",
        "content-security-policy":
          "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; media-src 'self'; connect-src 'self'",
        "x-content-type-options": "nosniff",
      });
      return response.end(page.html);
    }
    if (path === "/api/info") {
      const language = /^zh/i.test(request.headers["accept-language"] ?? "") ? "zh" : "en";
      return sendJson(response, 200, {
        version: "0.1.0",
        language,
        outputDir: options.outputDir,
        kits: { rag: true, music: true, video: true, image: true },
      });
    }
    if (path === "/api/models") {
      const models = textModels(options.model);
      return sendJson(response, 200, { default: defaultTextModel(models, options.model), models });
    }
    if (path === "/api/templates") return sendJson(response, 200, await listTemplates());
    if (path === "/api/conversations" && method === "GET")
      return sendJson(response, 200, await store.list());
    if (path === "/api/conversations" && method === "POST")
      return sendJson(response, 200, await store.create(await body()));
    if (path === "/api/conversations/import" && method === "POST")
      return sendJson(response, 200, await store.import(await body()));
    const one = /^\/api\/conversations\/([^/]+)(\/export)?$/.exec(path);
    if (one) {
      const id = decodeURIComponent(one[1] as string);
      if (one[2] && method === "GET")
        return exportConversation(response, await store.read(id), url.searchParams.get("format"));
      if (method === "GET") return sendJson(response, 200, await store.read(id));
      if (method === "PUT") {
        const fields = await body<{ title?: string; system?: string; model?: string }>();
        return sendJson(
          response,
          200,
          await store.update(id, (chat) => {
            if (typeof fields.title === "string" && fields.title.trim())
              chat.title = fields.title.trim();
            if (typeof fields.system === "string") chat.system = fields.system || undefined;
            if (typeof fields.model === "string") chat.model = fields.model;
          }),
        );
      }
      if (method === "DELETE") {
        await store.remove(id);
        response.writeHead(204);
        return response.end();
      }
    }
    if (path === "/api/chat" && method === "POST")
      return chat(await body(), request, response, store);
    if (path === "/api/gallery")
      return sendJson(response, 200, await listGallery(options.outputDir));
    if (path.startsWith("/files/") && method === "GET") {
      return serveFile(request, response, options.outputDir, decodeURIComponent(path.slice(7)));
    }
    if (path === "/api/rag") return sendJson(response, 200, await ragStatus());
    if (path === "/api/rag/ask" && method === "POST")
      return ragAsk(await body(), request, response);
    if (path === "/v1/models") return listModels(response, options.model);
    if (path === "/v1/chat/completions" && method === "POST")
      return chatCompletions(await body(), request, response);
    if (path === "/v1/embeddings" && method === "POST") return embeddings(await body(), response);
    throw new HttpError(404, `There is nothing at ${method} ${path}.`);
  };
  return createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      if (error instanceof HttpError) return sendError(response, error.status, error.message);
      const status = (error as { status?: number }).status;
      const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
      sendError(
        response,
        status && status >= 400 && status < 600 ? status : 502,
        message ?? "failed",
      );
    });
  });
}

function exportConversation(
  response: ServerResponse,
  chat: import("./conversations.js").Conversation,
  format: string | null,
): void {
  const markdown = format !== "json";
  const data = markdown ? toMarkdown(chat) : JSON.stringify(chat, null, 1);
  response.writeHead(200, {
    "content-type": markdown ? "text/markdown; charset=utf-8" : "application/json; charset=utf-8",
    "content-disposition": `attachment; filename="conversation-${chat.id}.${markdown ? "md" : "json"}"`,
  });
  response.end(data);
}

/** `/?key=…` once in the browser: the key becomes a same-site cookie, then the page loads. */
function rememberKey(response: ServerResponse, given: string, key: string): void {
  if (!same(given, key)) throw new HttpError(401, "That is not this server's GENAI_WEB_KEY.");
  response.writeHead(303, {
    location: "/",
    "set-cookie": `genai_web_key=${encodeURIComponent(key)}; HttpOnly; SameSite=Strict; Path=/`,
  });
  response.end();
}
