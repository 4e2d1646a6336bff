/**
 * The provider conformance suite for images: the same checks on every image provider.
 *
 *   describeImageConformance("a1111", { exactSize: true, seed: true, … }, async () => ({ imageModel, server }));
 */
import {
  AbortedError,
  ApiCallError,
  generateImage,
  type ImageModel,
  imageSize,
  MediaError,
  PathError,
} from "@path/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeImage } from "../fake-png.js";
import type { FakeServer } from "../fake-server.js";
import { itWhen } from "./register-when.js";

export interface ImageConformanceSubject {
  imageModel: ImageModel;
  /** The fake the provider talks to; absent for in-process providers (no fault checks). */
  server?: FakeServer;
  /** The path of the generation route, so faults hit it and not e.g. an upload. */
  generationPath?: string | RegExp;
  close?: () => Promise<void>;
}

/** What a provider honours, known before it starts: which checks apply to it. */
export interface ImageSupport {
  /** Exact pixel sizes (else it must warn or pick the nearest one it has). */
  exactSize: boolean;
  /** The same seed gives the same picture. */
  seed: boolean;
  imageToImage: boolean;
  negativePrompt: boolean;
  /** Sampling steps reach the model (else a warning). */
  steps: boolean;
  /** The guidance (CFG) scale reaches the model (else a warning). */
  guidance: boolean;
  /** No fake server stands between the test and the model, so no HTTP faults can be injected. */
  noFakeServer?: boolean;
}

/** Every request body the fake received, as text, to find the values a client sent. */
function sentText(server: FakeServer): string {
  return server.requests
    .map(({ body }) => (Buffer.isBuffer(body) ? body.toString("latin1") : JSON.stringify(body)))
    .join("\n");
}

/** A number as a whole token in sent text: `23` matches `"steps":23`, not `123` or `2.35`. */
const sentNumber = (value: number) => new RegExp(`(?<![\\d.])${value}(?![\\d.])`);

export function describeImageConformance(
  name: string,
  supports: ImageSupport,
  setup: () => Promise<ImageConformanceSubject>,
) {
  const withFaults = itWhen(!supports.noFakeServer, "no fake server to inject HTTP faults into");
  describe(`${name}: image conformance`, () => {
    let subject: ImageConformanceSubject;
    beforeAll(async () => {
      subject = await setup();
    });
    afterAll(async () => {
      await subject?.close?.();
    });
    const base = () => ({
      model: subject.imageModel,
      prompt: "a red lantern, spring festival",
      maxRetries: 0,
    });

    it("returns decodable images of the requested size", async () => {
      const result = await generateImage({ ...base(), size: "512x768", n: 2, seed: 1 });
      expect(result.images).toHaveLength(2);
      for (const image of result.images) {
        const size = imageSize(image.bytes)!;
        expect(image.mediaType).toMatch(/^image\//);
        if (supports.exactSize) expect(size).toEqual({ width: 512, height: 768 });
        expect(size.height).toBeGreaterThan(size.width);
        expect({ width: image.width, height: image.height }).toEqual(size);
      }
    });

    it("turns an aspect ratio into a matching picture", async () => {
      const result = await generateImage({ ...base(), aspectRatio: "16:9" });
      const { width, height } = result.images[0]!;
      expect(width / height).toBeGreaterThan(1.3);
    });

    itWhen(supports.seed, "it takes no seed")("reproduces a picture from its seed", async () => {
      const first = await generateImage({ ...base(), size: "256x256", seed: 42 });
      const second = await generateImage({ ...base(), size: "256x256", seed: 42 });
      const other = await generateImage({ ...base(), size: "256x256", seed: 43 });
      expect(Buffer.from(second.images[0]!.bytes).equals(Buffer.from(first.images[0]!.bytes))).toBe(
        true,
      );
      expect(Buffer.from(other.images[0]!.bytes).equals(Buffer.from(first.images[0]!.bytes))).toBe(
        false,
      );
    });

    it("warns about what it cannot honour instead of dropping it", async () => {
      subject.server?.reset();
      const passed = { negativePrompt: "blurry ink smudges", seed: 5151, steps: 23, guidance: 6.5 };
      const result = await generateImage({ ...base(), size: "512x512", ...passed });
      const warned = result.warnings.map((warning) => warning.setting);
      const honours: Record<keyof typeof passed | "size", boolean> = {
        size: supports.exactSize,
        negativePrompt: supports.negativePrompt,
        seed: supports.seed,
        steps: supports.steps,
        guidance: supports.guidance,
      };
      for (const [setting, honoured] of Object.entries(honours)) {
        expect({ setting, warned: warned.includes(setting) }).toEqual({
          setting,
          warned: !honoured,
        });
      }
      const image = result.images[0]!;
      if (supports.exactSize) expect([image.width, image.height]).toEqual([512, 512]);
      if (!subject.server) return;
      // Honoured means the value reached the server, not only that no warning came back.
      const sent = sentText(subject.server);
      for (const [setting, value] of Object.entries(passed)) {
        const matcher = typeof value === "number" ? sentNumber(value) : value;
        const reached = typeof matcher === "string" ? sent.includes(matcher) : matcher.test(sent);
        if (honours[setting as keyof typeof passed])
          expect({ setting, reached }).toEqual({ setting, reached: true });
      }
    });

    itWhen(supports.imageToImage, "it has no image-to-image")(
      "draws from an init image",
      async () => {
        const init = (prompt: string) => fakeImage({ prompt, width: 256, height: 256 });
        const draw = async (image: Buffer) => {
          const result = await generateImage({
            ...base(),
            image,
            strength: 0.6,
            size: "256x256",
            seed: 11,
          });
          const [picture] = result.images;
          expect(picture!.mediaType).toMatch(/^image\//);
          expect(imageSize(picture!.bytes)).toEqual({
            width: picture!.width,
            height: picture!.height,
          });
          return Buffer.from(picture!.bytes);
        };
        const first = await draw(init("a sketch of a lantern"));
        const again = await draw(init("a sketch of a lantern"));
        const other = await draw(init("a sketch of a dragon"));
        // All else equal, the same init image gives the same picture and another one another.
        expect(again.equals(first)).toBe(true);
        expect(other.equals(first)).toBe(false);
      },
    );

    describe("faults (needs a fake server)", () => {
      const fault = (extra: object) => {
        subject.server!.reset();
        subject.server!.inject({ path: subject.generationPath, ...extra } as never);
      };

      withFaults("retries a 503 and then succeeds", async () => {
        fault({ status: 503, headers: { "retry-after-ms": "5", "retry-after": "0" } });
        const result = await generateImage({ ...base(), size: "256x256", maxRetries: 2 });
        expect(result.images).toHaveLength(1);
      });

      withFaults("refuses a truncated image with a clear error", async () => {
        fault({ truncateImages: true });
        await expect(generateImage({ ...base(), size: "256x256" })).rejects.toBeInstanceOf(
          MediaError,
        );
      });

      withFaults("explains an HTML error page", async () => {
        fault({
          status: 502,
          body: "<html><body>Bad gateway</body></html>",
          contentType: "text/html",
        });
        const error = await generateImage({ ...base(), size: "256x256" }).catch((caught) => caught);
        expect(PathError.isInstance(error)).toBe(true);
        expect(error).toBeInstanceOf(ApiCallError);
        expect(error.message).toMatch(/HTML/);
      });

      withFaults("stops when the caller aborts", async () => {
        fault({ hang: true });
        const server = subject.server!;
        const controller = new AbortController();
        const generation = generateImage({ ...base(), size: "256x256", signal: controller.signal });
        const isGeneration = (path: string) =>
          typeof subject.generationPath === "string"
            ? path === subject.generationPath
            : (subject.generationPath?.test(path) ?? true);
        // Abort once the request hangs on the server, not after a guessed delay.
        await server.waitUntil(() => server.requests.some((request) => isGeneration(request.path)));
        controller.abort();
        await expect(generation).rejects.toBeInstanceOf(AbortedError);
      });
    });
  });
}
