/**
 * Every whole second from `shortest` to `longest`, `first` leading: core takes a model's first
 * duration as the length of a request that names none.
 */
export function secondsWithDefault(first: number, shortest: number, longest: number): number[] {
  const rest = Array.from({ length: longest - shortest + 1 }, (_, index) => shortest + index);
  return [first, ...rest.filter((seconds) => seconds !== first)];
}
