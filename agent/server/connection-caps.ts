/** How many connections may be open at once. */
export interface ConnectionCapSettings {
  /** All peers together. */
  maxConnections: number;
  /** From one address. */
  maxConnectionsPerPeer: number;
}

export type CapName = keyof ConnectionCapSettings;

export type Admission = { ok: true } | { ok: false; cap: CapName; limit: number };

/**
 * Counts open connections, in all and per peer address, and says whether one more may
 * open. The per-peer cap keeps one busy or hostile address from using up the total cap,
 * and the total cap keeps the agent below its descriptor limit.
 */
export class ConnectionCaps {
  private total = 0;
  private readonly perPeer = new Map<string, number>();

  constructor(private readonly settings: ConnectionCapSettings) {}

  get open(): number {
    return this.total;
  }

  /** Counts the connection in when it may open; release(peer) when it closes. */
  admit(peer: string): Admission {
    const fromPeer = this.perPeer.get(peer) ?? 0;
    if (this.total >= this.settings.maxConnections)
      return { ok: false, cap: 'maxConnections', limit: this.settings.maxConnections };
    if (fromPeer >= this.settings.maxConnectionsPerPeer)
      return { ok: false, cap: 'maxConnectionsPerPeer', limit: this.settings.maxConnectionsPerPeer };
    this.total += 1;
    this.perPeer.set(peer, fromPeer + 1);
    return { ok: true };
  }

  release(peer: string): void {
    const fromPeer = this.perPeer.get(peer) ?? 0;
    if (fromPeer === 0) return;
    this.total -= 1;
    if (fromPeer === 1) this.perPeer.delete(peer);
    else this.perPeer.set(peer, fromPeer - 1);
  }
}

/** The address a peer is counted under: an IPv4 peer of a dual-stack listener (::ffff:a.b.c.d) as a.b.c.d. */
export function peerAddress(remoteAddress: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(remoteAddress);
  return mapped?.[1] ?? remoteAddress;
}
