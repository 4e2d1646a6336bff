/** A short description of a response that is not the JSON the API promises. */
export function describeUnexpected(response: unknown): string {
  if (typeof response === "string") {
    if (/<html|<!doctype/i.test(response)) {
      return "the server sent an HTML page instead of JSON (is the base URL right, ending in /v1? a proxy in the way?)";
    }
    return `expected JSON, got text starting "${response.slice(0, 80)}"`;
  }
  return `expected a JSON object with the usual fields, got ${JSON.stringify(response)?.slice(0, 120)}`;
}
