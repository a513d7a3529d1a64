import * as net from 'node:net';
import * as tls from 'node:tls';

export interface FloodOptions {
  port: number;
  /** Address the agent listens on. */
  host: string;
  /** Source address of every connection (any 127/8 address on Linux), so per-peer caps can tell the flood apart. */
  from: string;
  /** Open TCP and send nothing, or start TLS without a client certificate. */
  kind: 'silent' | 'tls-without-certificate';
  count: number;
}

export interface Flood {
  /** Resolves once every connection has been accepted or refused (connected or closed). */
  readonly settled: Promise<void>;
  /** Connections still open (the agent has not closed them). */
  open(): number;
  /** Connections the agent closed (or refused), without the flood closing them. */
  closedByAgent(): number;
  /** Ends the flood: closes whatever is still open. */
  stop(): void;
}

/** Opens connections from a hostile peer and holds them, as a flood of half-open clients would. */
export function openFlood(options: FloodOptions): Flood {
  const sockets: net.Socket[] = [];
  let open = 0;
  let closedByAgent = 0;
  let stopping = false;
  let pending = options.count;
  let settle: () => void = () => undefined;
  const settled = new Promise<void>((resolve) => (settle = resolve));
  const track = (socket: net.Socket): void => {
    let connected = false;
    socket.once('connect', () => {
      connected = true;
      open += 1;
      if (--pending === 0) settle();
    });
    socket.on('error', () => undefined);
    socket.once('close', () => {
      if (connected) open -= 1;
      else if (--pending === 0) settle();
      if (!stopping) closedByAgent += 1;
    });
    sockets.push(socket);
  };
  const target = { host: options.host, port: options.port, localAddress: options.from };
  for (let i = 0; i < options.count; i++) {
    // a TLS socket emits 'connect' too, when TCP is up and before its handshake
    track(
      options.kind === 'silent'
        ? net.connect(target)
        : tls.connect({ ...target, rejectUnauthorized: false, ALPNProtocols: ['h2'] }),
    );
  }
  return {
    settled,
    open: () => open,
    closedByAgent: () => closedByAgent,
    stop() {
      stopping = true;
      for (const socket of sockets) socket.destroy();
    },
  };
}
