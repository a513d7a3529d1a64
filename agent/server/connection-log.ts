import type { Logger } from '../logger';
import type { CapName, ConnectionCapSettings } from './connection-caps';
import { ThrottledSummary, type Tallies } from './throttled-summary';

/** Timing of the summary lines: the first a second after a quiet spell, then at most one per half minute. */
export const SUMMARY_TIMING = { settleMs: 1000, intervalMs: 30_000 } as const;

/**
 * What the agent says about connections it did not serve, as rate-limited summary lines
 * in the operational log. These never reach the guard, so they are not in the audit log.
 */
export class ConnectionLog {
  private readonly refused: ThrottledSummary;
  private readonly unfinished: ThrottledSummary;
  private readonly acceptErrors: ThrottledSummary;

  constructor(logger: Logger, caps: ConnectionCapSettings, handshakeTimeoutMs: number) {
    const summary = (write: (tallies: Tallies, seconds: number) => void): ThrottledSummary =>
      new ThrottledSummary({ ...SUMMARY_TIMING, write });
    this.refused = summary((tallies, seconds) =>
      logger.warn('refused connections over the connection caps', {
        ...tallies,
        maxConnections: caps.maxConnections,
        maxConnectionsPerPeer: caps.maxConnectionsPerPeer,
        seconds,
      }),
    );
    this.unfinished = summary((tallies, seconds) =>
      logger.warn('closed connections that did not finish the handshake', {
        ...tallies,
        handshakeTimeoutSeconds: handshakeTimeoutMs / 1000,
        seconds,
      }),
    );
    this.acceptErrors = summary((tallies, seconds) =>
      logger.error('could not accept connections', {
        ...tallies,
        seconds,
        advice:
          'EMFILE means the agent ran out of file descriptors: lower maxConnections or raise the limit (ulimit -n)',
      }),
    );
  }

  /** A connection closed at once because a cap was reached. */
  refusedOverCap(peer: string, cap: CapName): void {
    this.refused.note('peers', peer);
    this.refused.note('caps', cap);
  }

  /** A connection that closed before it was handed to gRPC, whatever the reason. */
  closedBeforeHandshake(peer: string): void {
    this.unfinished.note('peers', peer);
  }

  /** Why a handshake failed: a TLS error code, the client certificate's verification error, or a timeout. */
  handshakeFailed(reason: string): void {
    this.unfinished.note('reasons', reason);
  }

  acceptFailed(code: string): void {
    this.acceptErrors.note('errors', code);
  }

  close(): void {
    this.refused.close();
    this.unfinished.close();
    this.acceptErrors.close();
  }
}
