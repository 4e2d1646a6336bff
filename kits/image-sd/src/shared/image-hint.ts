import { PathError } from "@path/core";

const localServers = [
  "a1111: run Stable Diffusion on your own GPU with AUTOMATIC1111 or Forge WebUI: start it with the API on (./webui.sh --api, or webui-user.bat with COMMANDLINE_ARGS=--api), then set A1111_URL=http://127.0.0.1:7860",
  "comfyui: or start ComfyUI (python main.py, it listens on 127.0.0.1:8188), then set COMFYUI_URL=http://127.0.0.1:8188",
];

/**
 * The image kit's advice after an error message (kit-cli's reportError adds it): what an image
 * beginner needs most, how to get any image provider at all, or how to start a local server.
 */
export function imageHint(error: unknown): string {
  if (!PathError.isInstance(error)) return "";
  if (error.code === "no-provider") {
    const missing = localServers.filter(
      (line) => !error.message.includes(`${line.split(":")[0]}:`),
    );
    return `${missing.map((line) => `\n  - ${line}`).join("")}
Put the setting in a .env file where you run the command (see kits/image-sd/.env.example); --model picks one, e.g. --model hf:black-forest-labs/FLUX.1-schnell.`;
  }
  const provider = (error as PathError & { provider?: string }).provider;
  const explained = /--api|main\.py/.test(error.message);
  if (
    error.code === "connection-failed" &&
    (provider === "a1111" || provider === "comfyui") &&
    !explained
  ) {
    const line = localServers.find((entry) => entry.startsWith(provider))!;
    return `\nhint: ${line.slice(provider.length + 2)}`;
  }
  return "";
}
