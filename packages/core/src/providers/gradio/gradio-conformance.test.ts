import { describeImageConformance, startFakeGradio } from "@path/testing";
import { createGradio } from "./gradio-provider.js";

describeImageConformance(
  "gradio (a text-to-image app through @gradio/client)",
  {
    exactSize: true,
    seed: true,
    imageToImage: false,
    negativePrompt: true,
    steps: true,
    guidance: true,
  },
  async () => {
    const server = await startFakeGradio({ kind: "text-to-image" });
    return {
      server,
      imageModel: createGradio().imageModel(server.url),
      generationPath: "/gradio_api/queue/join",
      close: () => server.close(),
    };
  },
);

describeImageConformance(
  "gradio (an image-to-image app)",
  {
    exactSize: true,
    seed: true,
    imageToImage: true,
    negativePrompt: false,
    steps: false,
    guidance: false,
  },
  async () => {
    const server = await startFakeGradio({
      endpoints: [
        {
          name: "/generate",
          parameters: [
            { name: "prompt", component: "Textbox" },
            { name: "image", label: "Init image", component: "Image", default: null },
            { name: "strength", component: "Slider", default: 0.7 },
            { name: "seed", component: "Number", default: 0 },
            { name: "width", component: "Slider", default: 512 },
            { name: "height", component: "Slider", default: 512 },
          ],
          returns: [{ label: "Result", component: "Image" }],
        },
      ],
    });
    return {
      server,
      imageModel: createGradio().imageModel(`${server.url}#/generate`),
      generationPath: "/gradio_api/queue/join",
      close: () => server.close(),
    };
  },
);
