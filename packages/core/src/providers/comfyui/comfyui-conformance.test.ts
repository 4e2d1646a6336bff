import { describeImageConformance, startFakeComfyUI } from "@path/testing";
import { createComfyUI } from "./comfyui-provider.js";

describeImageConformance("comfyui", async () => {
  const server = await startFakeComfyUI();
  const provider = createComfyUI({ baseURL: server.url, pollIntervalMs: 10 });
  return {
    server,
    imageModel: provider.imageModel("default"),
    supports: { exactSize: true, seed: true, imageToImage: true, negativePrompt: true },
    generationPath: "/prompt",
    close: () => server.close(),
  };
});

describeImageConformance("comfyui without its WebSocket (history polling)", async () => {
  const server = await startFakeComfyUI({ webSocket: false });
  const provider = createComfyUI({ baseURL: server.url, pollIntervalMs: 10 });
  return {
    server,
    imageModel: provider.imageModel("default"),
    supports: { exactSize: true, seed: true, imageToImage: true, negativePrompt: true },
    generationPath: "/prompt",
    close: () => server.close(),
  };
});
