import { createServer } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { startFakeOpenAI } from "@path/testing";
import { afterEach, describe, expect, it } from "vitest";
import { reloadSettings } from "./config.js";
import { createOpenAICompatible } from "./providers/openai/openai-provider.js";
import { openAICompatiblePresets } from "./providers/openai/presets.js";
import { generateText } from "./text/generate-text.js";

/**
 * A tunnelling proxy on 127.0.0.1 (undici opens a CONNECT tunnel, as real corporate and
 * desktop proxies expect): every tunnel goes to `target`; the requested hosts are recorded.
 */
async function startProxy(target: string) {
  const seen: string[] = [];
  const { hostname, port } = new URL(target);
  const server = createServer();
  server.on("connect", (request, client) => {
    seen.push(request.url ?? "");
    const upstream = connect(Number(port), hostname, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

afterEach(() => {
  delete process.env.HTTP_PROXY;
  delete process.env.NO_PROXY;
  reloadSettings();
});

describe("proxies", () => {
  const openai = openAICompatiblePresets.find((preset) => preset.id === "openai")!;

  it("sends provider traffic through HTTP_PROXY", async () => {
    const fake = await startFakeOpenAI();
    const proxy = await startProxy(fake.origin);
    process.env.HTTP_PROXY = proxy.url;
    // A host that does not resolve: only the proxy can reach it.
    const provider = createOpenAICompatible(openai, {
      apiKey: "sk-proxy-test",
      baseURL: "http://api.example.invalid/v1",
    });
    const result = await generateText({
      model: provider.textModel!("gpt-4o-mini"),
      prompt: "via proxy 代理",
    });
    expect(result.text).toContain("代理");
    expect(proxy.seen).toEqual(["api.example.invalid:80"]);
    proxy.close();
    await fake.close();
  });

  it("follows a proxy variable changed while the process runs", async () => {
    const fake = await startFakeOpenAI();
    const first = await startProxy(fake.origin);
    const second = await startProxy(fake.origin);
    const provider = createOpenAICompatible(openai, {
      apiKey: "sk-proxy-test",
      baseURL: "http://api.example.invalid/v1",
    });
    const model = provider.textModel!("gpt-4o-mini");
    process.env.HTTP_PROXY = first.url;
    await generateText({ model, prompt: "first" });
    process.env.HTTP_PROXY = second.url;
    await generateText({ model, prompt: "second" });
    expect(first.seen).toEqual(["api.example.invalid:80"]);
    expect(second.seen).toEqual(["api.example.invalid:80"]);
    first.close();
    second.close();
    await fake.close();
  });

  it("leaves NO_PROXY hosts and loopback alone", async () => {
    const fake = await startFakeOpenAI();
    const proxy = await startProxy(fake.origin);
    process.env.HTTP_PROXY = proxy.url;
    process.env.NO_PROXY = "example.invalid";
    const direct = createOpenAICompatible(openai, { apiKey: "sk-proxy-test", baseURL: fake.url });
    await generateText({ model: direct.textModel!("gpt-4o-mini"), prompt: "loopback" });
    const bypassed = createOpenAICompatible(openai, {
      apiKey: "sk-proxy-test",
      baseURL: "http://api.example.invalid/v1",
    });
    await expect(
      generateText({
        model: bypassed.textModel!("gpt-4o-mini"),
        prompt: "no proxy",
        maxRetries: 0,
      }),
    ).rejects.toMatchObject({ code: "connection-failed" });
    expect(proxy.seen).toEqual([]);
    proxy.close();
    await fake.close();
  });
});
