/** Patterns of things that must never reach a log, an error or a saved file. */
const secretPatterns: RegExp[] = [
  /\b(sk|hf|pk|rk|ak|xai|gsk|csk)[-_][A-Za-z0-9_-]{8,}/g,
  /(authorization["']?\s*[:=]\s*["']?)(bearer\s+)?[^\s"',}]+/gi,
  /([?&](api[_-]?key|key|token|access_token)=)[^&\s"']+/gi,
];

const knownSecrets = new Set<string>();

/** Remember a secret (an API key core loaded) so it is masked wherever it appears. */
export function registerSecret(value: string): void {
  if (value.length >= 6) knownSecrets.add(value);
}

/** Mask API keys, bearer tokens and key query parameters in a string. */
export function redactSecrets(text: string): string {
  let result = text;
  for (const secret of knownSecrets) result = result.split(secret).join("[redacted]");
  result = result.replace(secretPatterns[0]!, "[redacted]");
  result = result.replace(secretPatterns[1]!, "$1[redacted]");
  result = result.replace(secretPatterns[2]!, "$1[redacted]");
  return result;
}
