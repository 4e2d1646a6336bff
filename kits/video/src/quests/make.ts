/** Quest: make — wired to core's generateVideo once it lands. */
import { UsageError } from "@path/kit-cli";

export async function main(_argv: string[]): Promise<number> {
  throw new UsageError("make is not wired yet");
}
