import { UsageError } from "./usage-error.js";

/**
 * A flag's value as a number from `min` to `max` (whole numbers only with `integer`), or
 * undefined when the flag was not given. Anything else is a UsageError saying what it takes.
 */
export function parseNumberFlag(
  name: string,
  value: string | undefined,
  min: number,
  max: number,
  options: { integer?: boolean } = {},
): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  const whole = options.integer === true;
  const valid =
    value.trim() !== "" &&
    Number.isFinite(number) &&
    (!whole || Number.isInteger(number)) &&
    number >= min &&
    number <= max;
  if (!valid) {
    const kind = whole ? "a whole number" : "a number";
    throw new UsageError(`--${name} takes ${kind} from ${min} to ${max}, not "${value}"`);
  }
  return number;
}

/** A flag's value as a whole number from `min` to `max` (see parseNumberFlag). */
export function parseIntegerFlag(
  name: string,
  value: string | undefined,
  min: number,
  max: number,
): number | undefined {
  return parseNumberFlag(name, value, min, max, { integer: true });
}
