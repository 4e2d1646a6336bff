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
  /** No fake server stands between the test and the model, so no HTTP faults can be injected. */
  noFakeServer?: boolean;
}

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
      const result = await generateImage({
        ...base(),
        size: "512x512",
        negativePrompt: "blurry",
        seed: 5,
        steps: 20,
        guidance: 7,
      });
      const warned = result.warnings.map((warning) => warning.setting);
      if (!supports.negativePrompt) expect(warned).toContain("negativePrompt");
      if (!supports.seed) expect(warned).toContain("seed");
    });

    itWhen(supports.imageToImage, "it has no image-to-image")(
      "draws from an init image",
      async () => {
        const init = fakeImage({ prompt: "init", width: 256, height: 256 });
        const result = await generateImage({
          ...base(),
          image: init,
          strength: 0.6,
          size: "256x256",
        });
        expect(result.images[0]!.mediaType).toMatch(/^image\//);
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
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 100);
        await expect(
          generateImage({ ...base(), size: "256x256", signal: controller.signal }),
        ).rejects.toBeInstanceOf(AbortedError);
      });
    });
  });
}
