import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type FakeServer, startFakeOpenAI } from "@path/testing";
import { afterAll, describe, expect, it } from "vitest";
import { makeTempDir, openAIEnv, processTimeout, runCli } from "./run-cli.js";

const fakes: FakeServer[] = [];
async function fake() {
  const server = await startFakeOpenAI();
  fakes.push(server);
  return server;
}
afterAll(() => Promise.all(fakes.map((server) => server.close())));

const model = ["--model", "openai:gpt-4o-mini"];
const card = "张伟，星河科技产品经理，zhangwei@example.com，电话 138-0000-0000";

describe.concurrent("json", { timeout: processTimeout }, () => {
  it("turns text into an object matching a built-in schema, sent to the provider as a JSON Schema", async () => {
    const server = await fake();
    const result = await runCli(["json", card, "--schema", "contact", ...model], {
      env: openAIEnv(server.url),
    });
    expect(result.code).toBe(0);
    const contact = JSON.parse(result.stdout);
    expect(typeof contact.name).toBe("string");
    expect(
      Object.keys(contact).every((key) =>
        ["name", "company", "title", "email", "phone", "city"].includes(key),
      ),
    ).toBe(true);
    expect(result.stderr).toMatch(/^openai:gpt-4o-mini · \d+ in \/ \d+ out tokens/);
    const body = server.requests[0]?.body as {
      response_format?: { type: string; json_schema: { schema: { title: string } } };
    };
    expect(body.response_format?.type).toBe("json_schema");
    expect(body.response_format?.json_schema.schema.title).toBe("contact");
  });

  it("takes your own schema file and text from stdin, and --json wraps the object", async () => {
    const server = await fake();
    const folder = await makeTempDir();
    const schema = {
      type: "object",
      properties: { city: { type: "string" }, days: { type: "integer", minimum: 1 } },
      required: ["city", "days"],
    };
    await writeFile(join(folder, "trip.json"), JSON.stringify(schema));
    const result = await runCli(["json", "--schema", "./trip.json", "--json", ...model], {
      cwd: folder,
      env: openAIEnv(server.url),
      input: "我想去成都玩三天",
    });
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.object).toEqual({ city: expect.any(String), days: expect.any(Number) });
    expect(output).toMatchObject({ provider: "openai", modelId: "gpt-4o-mini" });
  });

  it("shows the issues and the raw answer when the model's JSON never fits (exit 1)", async () => {
    const server = await fake();
    server.inject({ reply: '{"sentiment":"great","score":7}', times: 2 });
    const result = await runCli(["json", "I love it", "--schema", "sentiment", ...model], {
      env: openAIEnv(server.url),
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^error: The model's answer did not match the schema/);
    expect(result.stderr).toMatch(/issues:\n {2}- /);
    expect(result.stderr).toContain("/sentiment must be equal to one of the allowed values");
    expect(result.stderr).toContain('raw answer:\n{"sentiment":"great","score":7}');
    expect(server.requests).toHaveLength(2); // one try, one retry with the issues
  });

  it("names the built-in schemas when the one asked for does not exist (exit 2)", async () => {
    const [unknown, missing] = await Promise.all([
      runCli(["json", "hi", "--schema", "contacts"]),
      runCli(["json", "hi"]),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      'error: no built-in schema "contacts"; built-in: contact, sentiment, todo (or give a .json file)\n',
    );
    expect(missing.code).toBe(2);
  });
});
