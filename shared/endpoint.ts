import * as net from 'node:net';

/** The agent's well-known port. */
export const DEFAULT_PORT = 7400;

export interface Endpoint {
  /** Host name or IP address, without brackets. */
  readonly host: string;
  readonly port: number;
  /** host:port as gRPC wants it ([v6]:port for IPv6), or unix:PATH. */
  readonly target: string;
  /** The path of a Unix socket (`unix:/var/altdisk/altdiskd.sock`); then host is localhost and port 0. */
  readonly socket?: string;
}

export class EndpointError extends Error {
  constructor(
    readonly field: string,
    readonly input: string,
    problem: string,
  ) {
    super(
      `${field}: ${JSON.stringify(input)} ${problem}; give a host name, an IPv4 address or [IPv6] address, optionally followed by :PORT (1-65535), e.g. host1, host1:7400, 10.0.0.5:7400, [::1]:7400, or a local socket as unix:/var/altdisk/altdiskd.sock`,
    );
    this.name = 'EndpointError';
  }
}

const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/** Parses `name`, `name:port`, `a.b.c.d[:port]`, `[v6][:port]`, a bare IPv6 address, or `unix:/absolute/path`. */
export function parseEndpoint(
  input: string,
  options: { defaultPort?: number; field?: string; allowPortZero?: boolean } = {},
): Endpoint {
  const field = options.field ?? 'HOST';
  const defaultPort = options.defaultPort ?? DEFAULT_PORT;
  const text = input.trim();
  if (text === '') throw new EndpointError(field, input, 'is empty');
  if (text.startsWith('unix:')) {
    const socket = text.slice('unix:'.length).replace(/^\/\/(?=\/)/, '');
    if (!socket.startsWith('/') || socket.startsWith('//') || socket.includes('\0'))
      throw new EndpointError(field, input, 'is not unix: followed by an absolute path');
    return { host: 'localhost', port: 0, target: `unix:${socket}`, socket };
  }
  let host: string;
  let portText: string | undefined;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) throw new EndpointError(field, input, 'has "[" without "]"');
    host = text.slice(1, close);
    const rest = text.slice(close + 1);
    if (rest !== '') {
      if (!rest.startsWith(':')) throw new EndpointError(field, input, 'has text after "]" that is not :PORT');
      portText = rest.slice(1);
    }
    if (!net.isIPv6(host)) throw new EndpointError(field, input, 'has no valid IPv6 address inside brackets');
  } else if ((text.match(/:/g) ?? []).length > 1) {
    host = text;
    if (!net.isIPv6(host))
      throw new EndpointError(
        field,
        input,
        'is not a valid IPv6 address (put an address with a port in brackets: [::1]:7400)',
      );
  } else {
    const colon = text.indexOf(':');
    host = colon < 0 ? text : text.slice(0, colon);
    portText = colon < 0 ? undefined : text.slice(colon + 1);
    if (!isValidHostName(host)) throw new EndpointError(field, input, 'is not a valid host name or IPv4 address');
  }
  const port = portText === undefined ? defaultPort : parsePort(portText, field, input, options.allowPortZero ?? false);
  const target = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  return { host, port, target };
}

function parsePort(text: string, field: string, input: string, allowZero: boolean): number {
  if (!/^\d{1,5}$/.test(text))
    throw new EndpointError(field, input, `has port ${JSON.stringify(text)}, which is not a number`);
  const port = Number(text);
  if (port > 65535 || (port === 0 && !allowZero))
    throw new EndpointError(field, input, `has port ${port}, outside 1-65535`);
  return port;
}

export function isValidHostName(host: string): boolean {
  if (net.isIPv4(host)) return true;
  if (/^[\d.]+$/.test(host)) return false; // looks like a broken IPv4 address
  if (host.length === 0 || host.length > 253) return false;
  const labels = host.endsWith('.') ? host.slice(0, -1).split('.') : host.split('.');
  return labels.every((label) => LABEL.test(label));
}

/** True for addresses only this machine can reach: 127.0.0.0/8, ::1, localhost. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  if (net.isIPv4(host)) return host.startsWith('127.');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(host);
  return mapped?.[1] !== undefined && mapped[1].startsWith('127.');
}
