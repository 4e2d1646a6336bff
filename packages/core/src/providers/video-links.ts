/** When an object-storage link stops working, from its `Expires=<seconds>` parameter, if any. */
export function expiresParamOf(url: string): string | undefined {
  const expires = Number(new URL(url).searchParams.get("Expires"));
  return Number.isFinite(expires) && expires > 0
    ? new Date(expires * 1000).toISOString()
    : undefined;
}
