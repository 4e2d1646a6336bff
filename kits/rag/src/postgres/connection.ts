import { InvalidInputError } from "@path/core";

/** The Postgres URL: `--pg URL`, else `DATABASE_URL`. */
export function postgresUrl(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  const url = flag ?? env.DATABASE_URL;
  if (url === undefined || url.trim() === "") {
    throw new InvalidInputError(
      "No PostgreSQL database given: pass --pg postgres://user:password@host:5432/db or set DATABASE_URL.",
    );
  }
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new InvalidInputError(
      `"${url}" is not a PostgreSQL URL: it starts with postgres:// or postgresql://.`,
    );
  }
  return url;
}
