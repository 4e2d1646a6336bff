import { describeVideoConformance, startFakeRunway } from "@path/testing";
import { createRunway } from "./runway-provider.js";

const apiKey = "key_runway_test";

// Runway hands out fresh output links on every task fetch, and a task it no longer keeps is a
// 404, which the adapter reports as expired.
const supports = { seed: true, renewsLinks: true, cancelled: true, expired: true };

describeVideoConformance("runway gen4.5 (text) and gen4_turbo (image)", supports, async () => {
  const fake = await startFakeRunway({ apiKey });
  const runway = createRunway({ apiKey, baseURL: fake.url });
  return {
    textModel: runway.videoModel!("gen4.5"),
    imageModel: runway.videoModel!("gen4_turbo"),
    server: fake.api,
    book: fake.book,
    startPath: /^\/v1\/(text|image)_to_video$/,
    statusPath: /^\/v1\/tasks\//,
    close: () => fake.close(),
  };
});

describeVideoConformance("runway veo3.1_fast", { ...supports, seed: false }, async () => {
  const fake = await startFakeRunway({ apiKey });
  return {
    textModel: createRunway({ apiKey, baseURL: fake.url }).videoModel!("veo3.1_fast"),
    server: fake.api,
    book: fake.book,
    startPath: "/v1/text_to_video",
    statusPath: /^\/v1\/tasks\//,
    close: () => fake.close(),
  };
});
