import { connect } from "node:net";
import { readSetting } from "@path/core";
import { withScheme } from "./check-providers.js";
import { type Finding, notOk, ok, oneLine } from "./finding.js";

/** Local servers people run next to the project: reachable at their configured URLs? */
const servers = [
  { name: "Ollama", variable: "OLLAMA_HOST", path: "/api/version", start: "run `ollama serve`" },
  {
    name: "Stable Diffusion WebUI",
    variable: "A1111_URL",
    path: "/sdapi/v1/options",
    start: "start the WebUI with --api",
  },
  {
    name: "ComfyUI",
    variable: "COMFYUI_URL",
    path: "/system_stats",
    start: "start ComfyUI (python main.py)",
  },
] as const;

export async function checkServers(timeoutMs = 3000): Promise<Finding[]> {
  return Promise.all(
    servers.map(async ({ name, variable, path, start }) => {
      const value = readSetting(variable);
      if (value === undefined) {
        return notOk(
          "servers",
          name,
          "missing",
          `${variable} is not set`,
          `${start}, then set ${variable} (see .env.example)`,
        );
      }
      const url = new URL(path, withScheme(value));
      const began = performance.now();
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
        const ms = Math.round(performance.now() - began);
        if (!response.ok) {
          return notOk(
            "servers",
            name,
            "broken",
            `${url.origin} answered ${response.status}`,
            `check that ${variable} points at ${name}, not another program`,
          );
        }
        return ok("servers", name, `${url.origin} answers (${ms} ms)`);
      } catch (error) {
        return notOk(
          "servers",
          name,
          "broken",
          `${url.origin} did not answer: ${oneLine(error)}`,
          `${start}, or correct ${variable}`,
        );
      }
    }),
  );
}

/** A proxy that refuses connections breaks every cloud call: try to open one to it. */
export async function checkProxyReachable(timeoutMs = 3000): Promise<Finding[]> {
  const value =
    readSetting("HTTPS_PROXY") ??
    readSetting("https_proxy") ??
    readSetting("HTTP_PROXY") ??
    readSetting("http_proxy") ??
    readSetting("ALL_PROXY");
  if (value === undefined) return [];
  let url: URL;
  try {
    url = new URL(withScheme(value));
  } catch {
    return []; // already reported as not a URL
  }
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  const problem = await new Promise<string | undefined>((resolve) => {
    const socket = connect({ host: url.hostname, port });
    const done = (why?: string) => {
      socket.destroy();
      resolve(why);
    };
    socket.setTimeout(timeoutMs, () => done(`no answer in ${timeoutMs / 1000} s`));
    socket.once("connect", () => done());
    socket.once("error", (error) => done(oneLine(error)));
  });
  return [
    problem === undefined
      ? ok("settings", "proxy", `${url.hostname}:${port} accepts connections`)
      : notOk(
          "settings",
          "proxy",
          "broken",
          `${url.hostname}:${port}: ${problem}`,
          "start the proxy, or unset HTTPS_PROXY / HTTP_PROXY",
        ),
  ];
}
