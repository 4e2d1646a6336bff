import { readSetting } from "../../config.js";
import { providerFetch } from "../../proxy-fetch.js";
import { registerSecret } from "../../redact.js";
import { readJson, type ServerConnection, serverFetch } from "../server-http.js";

export interface A1111Settings {
  /** Defaults to `A1111_URL`, then `http://127.0.0.1:7860`. */
  baseURL?: string;
  /** `user:pass` for a WebUI started with `--api-auth`; defaults to `A1111_AUTH`. */
  auth?: string;
  headers?: Record<string, string>;
  fetch?: typeof globalThis.fetch;
  /** How often to ask `/sdapi/v1/progress` while a picture is made. Default 1000 ms. */
  progressIntervalMs?: number;
}

const startHint =
  "start the WebUI with the API on: ./webui.sh --api (Windows: add --api to COMMANDLINE_ARGS in webui-user.bat), or set A1111_URL";

/** The WebUI's `/sdapi/v1` API: base URL, Basic auth and errors in WebUI's own terms. */
export class A1111Client {
  readonly baseURL: string;
  readonly progressIntervalMs: number;
  private readonly server: ServerConnection;
  private readonly authorization: string | undefined;

  constructor(private readonly settings: A1111Settings = {}) {
    this.baseURL = (settings.baseURL ?? readSetting("A1111_URL") ?? "http://127.0.0.1:7860")
      .trim()
      .replace(/\/+$/, "");
    this.progressIntervalMs = settings.progressIntervalMs ?? 1000;
    const auth = settings.auth ?? readSetting("A1111_AUTH");
    if (auth) {
      const encoded = Buffer.from(auth).toString("base64");
      registerSecret(auth);
      registerSecret(encoded);
      const password = auth.slice(auth.indexOf(":") + 1);
      if (password) registerSecret(password);
      this.authorization = `Basic ${encoded}`;
    }
    this.server = {
      provider: "a1111",
      fetch: providerFetch(settings.fetch),
      unreachableHint: `nothing answers at ${this.baseURL}; ${startHint}`,
      explainStatus: (status, message) => {
        if (status === 401) return "the WebUI wants a login (--api-auth): set A1111_AUTH=user:pass";
        if (status === 404 && /^not found$/i.test(message))
          return `${this.baseURL} has no /sdapi API: ${startHint}`;
        return undefined;
      },
    };
  }

  async get<T>(path: string, signal?: AbortSignal): Promise<T> {
    const response = await serverFetch(this.server, this.baseURL + path, {
      headers: this.headers(),
      signal,
    });
    return readJson<T>(this.server, response);
  }

  async post<T>(
    path: string,
    body: unknown,
    options: { signal?: AbortSignal; headers?: Record<string, string> } = {},
  ): Promise<T> {
    const response = await serverFetch(this.server, this.baseURL + path, {
      method: "POST",
      headers: { ...this.headers(options.headers), "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: options.signal,
    });
    return readJson<T>(this.server, response);
  }

  private headers(extra?: Record<string, string>): Record<string, string> {
    return {
      accept: "application/json",
      ...this.settings.headers,
      ...extra,
      ...(this.authorization ? { authorization: this.authorization } : {}),
    };
  }
}
