import type { Prng } from './ids';

/**
 * The spare disks of a new host. The first five are the standard set every test can
 * rely on; beyond that sizes vary deterministically and one in ten has no PVID, the way
 * freshly zoned LUNs show up.
 */
export interface SpareSpec {
  name: string;
  sizeMb: number;
  hasPvid: boolean;
  /** Holds datavg. */
  datavg: boolean;
}

const STANDARD: readonly Omit<SpareSpec, 'name'>[] = [
  { sizeMb: 20480, hasPvid: true, datavg: false },
  { sizeMb: 30720, hasPvid: true, datavg: true },
  { sizeMb: 10240, hasPvid: false, datavg: false },
  { sizeMb: 51200, hasPvid: true, datavg: false },
  { sizeMb: 4096, hasPvid: true, datavg: false },
];

const MORE_SIZES = [10240, 20480, 20480, 30720, 40960, 51200, 71680, 102400] as const;

export function spareDisks(count: number, prng: Prng): SpareSpec[] {
  const out: SpareSpec[] = [];
  for (let i = 1; i <= count; i++) {
    const std = STANDARD[i - 1];
    if (std) {
      out.push({ name: `hdisk${i}`, ...std });
      continue;
    }
    out.push({
      name: `hdisk${i}`,
      sizeMb: MORE_SIZES[prng.below(MORE_SIZES.length)] as number,
      hasPvid: prng.below(10) !== 0,
      datavg: false,
    });
  }
  return out;
}
