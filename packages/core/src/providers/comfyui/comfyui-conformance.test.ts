import { describeImageConformance, startFakeComfyUI } from "@path/testing";
import { createComfyUI } from "./comfyui-provider.js";

describeImageConformance(
  "comfyui",
  {
    exactSize: true,
    seed: true,
    imageToImage: true,
    negativePrompt: true,
    steps: true,
    guidance: true,
  },
  async () => {
    const server = await startFakeComfyUI();
    const provider = createComfyUI({ baseURL: server.url, pollIntervalMs: 10 });
    return {
      server,
      imageModel: provider.imageModel("default"),
      generationPath: "/prompt",
      close: () => server.close(),
    };
  },
);

describeImageConformance(
  "comfyui without its WebSocket (history polling)",
  {
    exactSize: true,
    seed: true,
    imageToImage: true,
    negativePrompt: true,
    steps: true,
    guidance: true,
  },
  async () => {
    const server = await startFakeComfyUI({ webSocket: false });
    const provider = createComfyUI({ baseURL: server.url, pollIntervalMs: 10 });
    return {
      server,
      imageModel: provider.imageModel("default"),
      generationPath: "/prompt",
      close: () => server.close(),
    };
  },
);
