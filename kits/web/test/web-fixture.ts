import { mkdtemp, rm } from "node:fs/promises";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createWebServer, type WebServerOptions } from "../src/server/server.js";

/** The web server in this process on a free port, with its own data and output folders. */
export async function startWeb(options: Partial<WebServerOptions> = {}) {
  const folder = await mkdtemp(join(tmpdir(), "web-server-"));
  const server: Server = createWebServer({
    outputDir: join(folder, "output"),
    dataDir: join(folder, "web"),
    ...options,
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    folder,
    close: async () => {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
      await rm(folder, { recursive: true, force: true });
    },
  };
}
