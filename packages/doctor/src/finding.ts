/** One line of the report: what was checked, how it stands, and what to do when not ok. */
export interface Finding {
  section: "machine" | "settings" | "providers" | "embedded" | "tools" | "servers" | "online";
  name: string;
  state: "ok" | "missing" | "broken";
  detail: string;
  /** The exact thing to do, when the state is not ok. */
  fix?: string;
}

export const ok = (section: Finding["section"], name: string, detail: string): Finding => ({
  section,
  name,
  state: "ok",
  detail,
});

export function notOk(
  section: Finding["section"],
  name: string,
  state: "missing" | "broken",
  detail: string,
  fix: string,
): Finding {
  return { section, name, state, detail, fix };
}

/** The message of anything thrown, on one line. */
export const oneLine = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split("\n")[0] as string;
