import { describe, expect, it } from "vitest";
import { ConnectionError, InvalidInputError, TimeoutError } from "./errors.js";
import { toPathError } from "./map-error.js";

describe("toPathError", () => {
  it("finds the reason of a connection failure however deep the client wrapped it", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), {
      code: "ECONNREFUSED",
    });
    const wrapped = new Error("Connection error.", {
      cause: new TypeError("fetch failed", { cause: refused }),
    });
    const error = toPathError(wrapped, { provider: "deepseek" });
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toContain("connection refused");
    const dns = Object.assign(new Error("getaddrinfo ENOTFOUND api.deepseek.com"), {
      code: "ENOTFOUND",
    });
    const offline = toPathError(new TypeError("fetch failed", { cause: dns }), {
      provider: "deepseek",
    });
    expect(offline.message).toMatch(/host not found.*HTTPS_PROXY/);
  });

  it("reports core's own timeout as a timeout even when the adapter called it an abort", () => {
    const error = toPathError(new InvalidInputError("aborted inside"), {
      provider: "local",
      timedOutAfterMs: 1500,
    });
    expect(error).toBeInstanceOf(TimeoutError);
  });
});
