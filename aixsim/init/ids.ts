/**
 * Deterministic identifiers: the same seed always gives the same PVIDs, VG ids and
 * machine id, so tests can assert exact output and two hosts made with different seeds
 * still differ like two real machines.
 */

/** A small seeded PRNG (mulberry32 over an FNV-1a hash of the seed). */
export class Prng {
  private s: number;

  constructor(seed: string) {
    let h = 0x811c9dc5;
    for (let i = 0; i < seed.length; i++) {
      h ^= seed.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    this.s = h;
  }

  /** Next 32-bit unsigned integer. */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** n lower-case hex digits. */
  hex(n: number): string {
    let out = '';
    while (out.length < n) out += this.next().toString(16).padStart(8, '0');
    return out.slice(0, n);
  }

  /** Integer in [0, n). */
  below(n: number): number {
    return this.next() % n;
  }
}

export interface HostIds {
  /** 6 hex digits shared by the host's PVIDs and machine id, like a real system's serial. */
  serial: string;
  prng: Prng;
}

export function hostIds(seed: string): HostIds {
  const prng = new Prng(`aixsim:${seed}`);
  return { serial: prng.hex(6), prng };
}

/** PVID: 16 hex digits, "00" + serial + 8 random (real PVIDs begin with the CPU id of the machine that wrote them). */
export function newPvid(ids: HostIds): string {
  return `00${ids.serial}${ids.prng.hex(8)}`;
}

/** VG identifier: 32 hex digits, first PVID's leading 8 + 00004c00 + a 16-digit creation stamp, as on AIX 7. */
export function newVgid(firstPvid: string, createdMs: number, ids: HostIds): string {
  const stamp = (createdMs - ids.prng.below(86_400_000)).toString(16).padStart(16, '0').slice(-16);
  return `${firstPvid.slice(0, 8)}00004c00${stamp}`;
}

/** uname -m: 00 + serial + 4C00, upper case. */
export function machineId(ids: HostIds): string {
  return `00${ids.serial}4C00`.toUpperCase();
}
