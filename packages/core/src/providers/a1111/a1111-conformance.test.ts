import { describeImageConformance, startFakeA1111 } from "@path/testing";
import { createA1111 } from "./a1111-provider.js";

describeImageConformance(
  "a1111",
  {
    exactSize: true,
    seed: true,
    imageToImage: true,
    negativePrompt: true,
    steps: true,
    guidance: true,
  },
  async () => {
    const server = await startFakeA1111();
    const provider = createA1111({ baseURL: server.url });
    return {
      server,
      imageModel: provider.imageModel("default"),
      generationPath: /\/sdapi\/v1\/(txt|img)2img$/,
      close: () => server.close(),
    };
  },
);
