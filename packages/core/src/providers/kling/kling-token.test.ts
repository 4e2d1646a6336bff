import { createHmac } from "node:crypto";
import { checkKlingToken } from "@path/testing";
import { describe, expect, it } from "vitest";
import { KlingTokenSource, signKlingToken } from "./kling-token.js";

const keys = { accessKey: "ak-test", secretKey: "sk-test" };

function decode(part: string) {
  return JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
}

describe("kling token", () => {
  it("is an HS256 JWT from the access key, signed with the secret key, valid 30 minutes", () => {
    const now = 1_800_000_000;
    const token = signKlingToken(keys, now);
    const [header, payload, signature] = token.split(".");
    expect(decode(header!)).toEqual({ alg: "HS256", typ: "JWT" });
    expect(decode(payload!)).toEqual({ iss: "ak-test", exp: now + 1800, nbf: now - 5 });
    const expected = createHmac("sha256", "sk-test")
      .update(`${header}.${payload}`)
      .digest("base64url");
    expect(signature).toBe(expected);
    // The fake service's check accepts it inside its window and refuses it outside.
    expect(checkKlingToken(`Bearer ${token}`, keys, now)).toBeUndefined();
    expect(checkKlingToken(`Bearer ${token}`, keys, now - 10)?.code).toBe(1003);
    expect(checkKlingToken(`Bearer ${token}`, keys, now + 1800)?.code).toBe(1004);
    expect(checkKlingToken(`Bearer ${token}`, { ...keys, secretKey: "other" }, now)?.code).toBe(
      1000,
    );
  });

  it("is kept while it has more than five minutes left, then signed anew", () => {
    let clock = 1_800_000_000_000;
    const source = new KlingTokenSource(
      () => keys,
      () => clock,
    );
    const first = source.token();
    clock += 1000 * 1000;
    expect(source.token()).toBe(first);
    clock += 501 * 1000; // 1501 s in: 299 s left
    const second = source.token();
    expect(second).not.toBe(first);
    expect(decode(second.split(".")[1]!).exp).toBe(Math.floor(clock / 1000) + 1800);
    expect(source.token()).toBe(second);
  });

  it("is signed anew when the keys change", () => {
    let current = keys;
    const source = new KlingTokenSource(() => current);
    const first = source.token();
    current = { accessKey: "ak-other", secretKey: "sk-other" };
    const second = source.token();
    expect(decode(second.split(".")[1]!).iss).toBe("ak-other");
    expect(second).not.toBe(first);
  });
});
