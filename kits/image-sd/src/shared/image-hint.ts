import { PathError } from "@path/core";
import { reportError } from "../../../text/src/shared/report-error.js";

const localServers = [
  "a1111: run Stable Diffusion on your own GPU with AUTOMATIC1111 or Forge WebUI: start it with the API on (./webui.sh --api, or webui-user.bat with COMMANDLINE_ARGS=--api), then set A1111_URL=http://127.0.0.1:7860",
  "comfyui: or start ComfyUI (python main.py, it listens on 127.0.0.1:8188), then set COMFYUI_URL=http://127.0.0.1:8188",
];

/**
 * Prints an error like the text kit does (one `error: …` line, exit code), plus what an image
 * beginner needs most: how to get any image provider at all, or how to start a local server.
 */
export function reportImageError(error: unknown, options: { debug?: boolean } = {}): number {
  const code = reportError(error, options);
  if (!PathError.isInstance(error)) return code;
  if (error.code === "no-provider") {
    const missing = localServers.filter(
      (line) => !error.message.includes(`${line.split(":")[0]}:`),
    );
    if (missing.length > 0)
      process.stderr.write(`${missing.map((line) => `  - ${line}`).join("\n")}\n`);
    process.stderr.write(
      "Put the setting in a .env file where you run the command (see kits/image-sd/.env.example); --model picks one, e.g. --model hf:black-forest-labs/FLUX.1-schnell.\n",
    );
  }
  const provider = (error as PathError & { provider?: string }).provider;
  const explained = /--api|main\.py/.test(error.message);
  if (
    error.code === "connection-failed" &&
    (provider === "a1111" || provider === "comfyui") &&
    !explained
  ) {
    const line = localServers.find((entry) => entry.startsWith(provider))!;
    process.stderr.write(`hint: ${line.slice(provider.length + 2)}\n`);
  }
  return code;
}
