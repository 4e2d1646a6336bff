/** Quest: resume — wired to core's generateVideo once it lands. */
import { UsageError } from "@path/kit-cli";

export async function main(_argv: string[]): Promise<number> {
  throw new UsageError("resume is not wired yet");
}
