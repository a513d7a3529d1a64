import { ResourceExhaustedError } from '../../shared/errors';

export interface WatchLimits {
  maxWatchesPerConnection: number;
  maxWatchesPerIdentity: number;
}

/**
 * Caps on open WatchJob streams, per connection and per identity. A stream whose
 * client stops reading waits on its own flow control and holds no descriptor, but it
 * still holds a little memory; without a cap, one caller could open thousands.
 */
export class WatchQuota {
  private readonly byConnection = new Map<string, number>();
  private readonly byIdentity = new Map<string, number>();

  constructor(private readonly limits: WatchLimits) {}

  /** Counts a new stream, or refuses it (RESOURCE_EXHAUSTED naming the limit); the function returned ends it, once. */
  open(connection: string, identity: string): () => void {
    const onConnection = this.byConnection.get(connection) ?? 0;
    if (onConnection >= this.limits.maxWatchesPerConnection) {
      throw new ResourceExhaustedError(
        'maxWatchesPerConnection',
        `this connection already has ${onConnection} job watch streams open, the most the agent allows (maxWatchesPerConnection ${this.limits.maxWatchesPerConnection})`,
        'read or close the others first',
      );
    }
    const ofIdentity = this.byIdentity.get(identity) ?? 0;
    if (ofIdentity >= this.limits.maxWatchesPerIdentity) {
      throw new ResourceExhaustedError(
        'maxWatchesPerIdentity',
        `${identity} already has ${ofIdentity} job watch streams open, the most the agent allows one identity (maxWatchesPerIdentity ${this.limits.maxWatchesPerIdentity})`,
        'read or close the others first',
      );
    }
    this.byConnection.set(connection, onConnection + 1);
    this.byIdentity.set(identity, ofIdentity + 1);
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      decrement(this.byConnection, connection);
      decrement(this.byIdentity, identity);
    };
  }
}

function decrement(counts: Map<string, number>, key: string): void {
  const left = (counts.get(key) ?? 1) - 1;
  if (left <= 0) counts.delete(key);
  else counts.set(key, left);
}
