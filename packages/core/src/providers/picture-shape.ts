/**
 * For image-to-video models whose video keeps the first frame's shape: whether a ratio asked
 * along with the picture differs from it enough (over 6%) to be worth a warning.
 */
export function ratioDiffersFromPicture(
  ratio: string,
  picture: { width: number; height: number },
): boolean {
  const [width, height] = ratio.split(":").map(Number);
  if (!width || !height) return true;
  const asked = width / height;
  return Math.abs(asked - picture.width / picture.height) / asked > 0.06;
}
