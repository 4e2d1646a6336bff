import { describe, expect, it } from "vitest";
import { ApiCallError, MissingApiKeyError } from "./errors.js";
import { redactSecrets, registerSecret } from "./redact.js";

describe("redactSecrets", () => {
  it("masks keys, bearer headers and key query parameters", () => {
    const text =
      'key sk-abcdefghijklmnop1234 header "Authorization: Bearer abc.def.ghi" url https://x/y?key=secret123&a=1 hf_abcdefghijklmnopqrstu';
    const redacted = redactSecrets(text);
    expect(redacted).not.toContain("sk-abcdefghijklmnop1234");
    expect(redacted).not.toContain("abc.def.ghi");
    expect(redacted).not.toContain("secret123");
    expect(redacted).not.toContain("hf_abcdefghijklmnopqrstu");
    expect(redacted).toContain("a=1");
  });

  it("masks a registered key of any shape inside error messages and bodies", () => {
    registerSecret("plain-looking-key-42");
    const error = new ApiCallError({
      provider: "test",
      status: 401,
      message: "Incorrect API key provided: plain-looking-key-42",
      responseBody: '{"error":"bad key plain-looking-key-42"}',
    });
    expect(error.message).not.toContain("plain-looking-key-42");
    expect(error.responseBody).not.toContain("plain-looking-key-42");
  });

  it("names the variable to set when a key is missing", () => {
    const error = new MissingApiKeyError(
      "deepseek",
      "DEEPSEEK_API_KEY",
      "https://platform.deepseek.com/api_keys",
    );
    expect(error.message).toContain("DEEPSEEK_API_KEY");
    expect(error.message).toContain("https://platform.deepseek.com/api_keys");
  });
});
