// A plain Node project's first call: @path/core from its tarball against the fake OpenAI server
// from @path/testing's tarball, configured the way a user would (environment variables).
import assert from "node:assert/strict";
import { generateText } from "@path/core";
import { startFakeOpenAI } from "@path/testing";

const server = await startFakeOpenAI({ apiKey: "sk-pack-check" });
process.env.OPENAI_BASE_URL = server.url;
process.env.OPENAI_API_KEY = "sk-pack-check";
try {
  const answer = await generateText({ model: "openai:gpt-4o-mini", prompt: "你好, pack check" });
  assert.ok(answer.text.length > 0, "the answer has text");
  assert.equal(server.requests.length, 1, "one request reached the fake server");

  const schema = {
    type: "object",
    properties: { city: { type: "string" } },
    required: ["city"],
  };
  const structured = await generateText({ model: "openai:gpt-4o-mini", prompt: "A city?", schema });
  assert.equal(typeof structured.object?.city, "string", "the JSON Schema answer validates");
  console.log(
    `@path/core: ${JSON.stringify(answer.text.slice(0, 40))}, then ${JSON.stringify(structured.object)}`,
  );
} finally {
  await server.close();
}
