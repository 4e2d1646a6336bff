import { type FakeServer, startFakeOpenAI } from "@path/testing";
import { afterAll, describe, expect, it } from "vitest";
import { openAIEnv, processTimeout, runCli } from "./run-cli.js";

const model = ["--model", "openai:gpt-4o-mini"];
const fakes: FakeServer[] = [];
/** A fake of its own for each test, so injected faults never meet another test's request. */
async function fake(options: Parameters<typeof startFakeOpenAI>[0] = {}) {
  const server = await startFakeOpenAI(options);
  fakes.push(server);
  return server;
}
afterAll(() => Promise.all(fakes.map((server) => server.close())));

/** An error is one `error: …` line, without a stack trace. */
function expectOneErrorLine(stderr: string) {
  expect(stderr.match(/^error: /gm)).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
}

describe.concurrent("ask, when things go wrong", { timeout: processTimeout }, () => {
  it("says how to configure a provider when none is (exit 1)", async () => {
    // The embedded local provider is the fallback; point it at a file that is not there and
    // the hub at a closed port, so nothing is ever downloaded.
    const result = await runCli(["ask", "hello"], {
      env: { GENAI_LOCAL_MODEL: "/nonexistent/model.gguf", HF_ENDPOINT: "http://127.0.0.1:9" },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expectOneErrorLine(result.stderr);
    expect(result.stderr).toMatch(/local|model\.gguf/);
  });

  it("names the variable to set when the key is missing (exit 1)", async () => {
    const result = await runCli(["ask", ...model, "hello"]);
    expect(result.code).toBe(1);
    expectOneErrorLine(result.stderr);
    expect(result.stderr).toContain("set OPENAI_API_KEY");
  });

  it("never prints a wrong key (exit 1)", async () => {
    const server = await fake({ apiKey: "sk-right-key-000000" });
    const wrongKey = "sk-wrong-key-1234567890abcdef";
    const result = await runCli(["ask", ...model, "hello", "--debug"], {
      env: openAIEnv(server.url, wrongKey),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: openai returned HTTP 401: .*\(check OPENAI_API_KEY\)$/m);
    expect(result.stdout + result.stderr).not.toContain(wrongKey);
    expect(result.stdout + result.stderr).not.toContain("wrong-key");
  });

  it("suggests the provider meant by a typo (exit 2)", async () => {
    const result = await runCli(["ask", "--model", "opnai:gpt-4o-mini", "hello"]);
    expect(result.code).toBe(2);
    expectOneErrorLine(result.stderr);
    expect(result.stderr).toContain('Did you mean "openai"?');
  });

  it("refuses an empty prompt, a 2 MB prompt and unknown flags (exit 2)", async () => {
    const env = openAIEnv("http://127.0.0.1:9/v1");
    const [empty, huge, flag] = await Promise.all([
      runCli(["ask", ...model, "  "], { env }),
      runCli(["ask", ...model], { env, input: "生成式 AI ".repeat((2 * 1024 * 1024) / 12) }),
      runCli(["ask", "--colour", "hello"], { env }),
    ]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^error: The prompt is empty/);
    expect(huge.code).toBe(2);
    expectOneErrorLine(huge.stderr);
    expect(huge.stderr).toMatch(/tokens .* the limit is 200,000/);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toBe("error: unknown option --colour (see --help)\n");
  });

  it("shows each retry of a 429 storm and then answers", async () => {
    const server = await fake();
    server.inject({ status: 429, headers: { "retry-after-ms": "50" }, times: 2 });
    const result = await runCli(["ask", ...model, "hello"], { env: openAIEnv(server.url) });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("Echo: hello\n");
    expect(result.stderr.match(/^retrying in 0\.05 s: rate limited$/gm)).toHaveLength(2);
  });

  it("keeps the partial text of a stream cut mid-answer and says it was cut (exit 1)", async () => {
    const server = await fake();
    server.inject({ cutStreamAfter: 3 });
    const result = await runCli(["ask", ...model, "tell me a long story about a dragon"], {
      env: openAIEnv(server.url),
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^Echo: te/);
    expect(result.stdout).not.toContain("dragon");
    expectOneErrorLine(result.stderr);
    expect(result.stderr).toMatch(/cut off after \d+ characters/);
  });

  it("gives up clearly on HTML pages instead of JSON, from a gateway or a wrong base URL (exit 1)", async () => {
    const [gateway, website, websiteStream] = await Promise.all([fake(), fake(), fake()]);
    const page = "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>";
    const retryAfter = { "retry-after-ms": "20" };
    gateway.inject({
      status: 502,
      body: page,
      contentType: "text/html",
      headers: retryAfter,
      times: 3,
    });
    // A wrong base URL: a web site answering 200 with its home page.
    const home = {
      status: 200,
      body: "<!doctype html><html>Welcome</html>",
      contentType: "text/html",
    };
    website.inject(home);
    websiteStream.inject(home);
    const [proxied, json, streamed] = await Promise.all([
      runCli(["ask", ...model, "hello"], { env: openAIEnv(gateway.url) }),
      runCli(["json", "hi", "--schema", "contact", ...model], { env: openAIEnv(website.url) }),
      runCli(["ask", ...model, "hello"], { env: openAIEnv(websiteStream.url) }),
    ]);
    for (const result of [proxied, json, streamed]) {
      expect(result.code).toBe(1);
      expectOneErrorLine(result.stderr);
      expect(result.stderr).not.toContain("<html");
    }
    // A gateway that keeps failing: two retries shown, then a clear failure.
    expect(proxied.stderr.match(/^retrying in 0\.02 s: HTTP 502$/gm)).toHaveLength(2);
    expect(proxied.stderr).toMatch(
      /^error: openai returned HTTP 502: the server sent an HTML page instead of JSON/m,
    );
    expect(json.stderr).toMatch(/HTML page instead of JSON \(is the base URL right/);
    expect(streamed.stderr).toMatch(/HTML page instead of JSON \(is the base URL right/);
  });

  it("stops a slow answer on Ctrl-C, keeping what was written (exit 130)", async () => {
    const server = await fake();
    server.inject({ frameDelayMs: 300 });
    let sent = false;
    const result = await runCli(["ask", ...model, "one two three four five six seven eight nine"], {
      env: openAIEnv(server.url),
      onStdout: (stdout, child) => {
        if (!sent && stdout.includes("Echo")) {
          sent = true;
          child.kill("SIGINT");
        }
      },
    });
    expect(result.code).toBe(130);
    expect(result.stdout).toMatch(/^Echo/);
    expect(result.stdout).not.toContain("nine");
    expect(result.stderr).toContain("cancelled");
    await server.waitUntil(() => server.abortedRequests === 1);
  });
});
