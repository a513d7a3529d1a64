import type { BootImage } from './model';

/** The boot image bosboot writes for a system at serviceLevel (alt_disk_copy phase 3, alt_rootvg_op -S -t, init). */
export function bootImageRecord(serviceLevel: string, createdAt: string, blv = 'hd5'): BootImage {
  return { blv, blocks: bootImageBlocks(serviceLevel), createdAt, serviceLevel };
}

/**
 * Size in 512-byte blocks that bosboot reports for a service level. The three real
 * samples (49180, 53276, 69660) differ by multiples of 4096; we step by TL.
 */
export function bootImageBlocks(serviceLevel: string): number {
  const tl = Number(serviceLevel.slice(5, 7));
  return 49180 + 4096 * (tl % 6);
}
