/** The command line itself is wrong: an unknown flag, a missing argument, a missing variable. Exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
