/** OpenAI's error envelope: `{"error":{"message","type","param","code"}}`. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/** Builds an OpenAI error envelope. */
export function openAIError(
  message: string,
  type: string,
  code: string | null = null,
  param: string | null = null,
): OpenAIErrorBody {
  return { error: { message, type, param, code } };
}

/** The envelope OpenAI sends for a status, used when an injected status fault has no body. */
export function openAIErrorForStatus(status: number): OpenAIErrorBody {
  if (status === 401) {
    return openAIError("Incorrect API key provided", "invalid_request_error", "invalid_api_key");
  }
  if (status === 404) return openAIError("Not found", "invalid_request_error", "not_found");
  if (status === 429) {
    return openAIError("Rate limit reached for requests", "requests", "rate_limit_exceeded");
  }
  if (status === 503) {
    return openAIError(
      "The engine is currently overloaded, please try again later.",
      "server_error",
    );
  }
  if (status >= 500) {
    return openAIError("The server had an error while processing your request.", "server_error");
  }
  return openAIError(`Request failed with status ${status}`, "invalid_request_error");
}
