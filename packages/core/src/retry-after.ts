/** Reads `retry-after-ms` (ms) or `retry-after` (seconds or an HTTP date). */
export function retryAfterFrom(headers: unknown): number | undefined {
  const get = (name: string): string | null | undefined => {
    if (!headers || typeof headers !== "object") return undefined;
    if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name);
    return (headers as Record<string, string>)[name];
  };
  const milliseconds = Number.parseFloat(get("retry-after-ms") ?? "");
  if (Number.isFinite(milliseconds)) return Math.max(0, milliseconds);
  const value = get("retry-after");
  if (!value) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}
