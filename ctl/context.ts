import { status } from '@grpc/grpc-js';
import { CliError, fromServiceError, isServiceError } from './errors';
import { connect, type AgentClients } from './client';
import { certificateAlert, probeClientCertificate, type HandshakeVerdict } from './handshake-probe';
import { createOutput, type Output } from './output/writer';
import { channelCredentials, loadSettings, type TlsSettings } from './settings';
import { resolveTarget } from './host';
import { EXIT, type ExitCode } from './exit-codes';
import { setDisplayHost, fillHost } from './output/host-placeholder';
import { withFlagNames } from './output/flag-names';
import type { Endpoint } from '../shared/endpoint';

/** Options every command takes. */
export interface GlobalArgs {
  json: boolean;
  timeout: number;
  /** Mutual TLS files; see settings.ts for the environment and config file. */
  tlsCa?: string | undefined;
  tlsCert?: string | undefined;
  tlsKey?: string | undefined;
}

export interface CommandContext {
  readonly clients: AgentClients;
  readonly out: Output;
  readonly target: string;
  /** HOST as the user gave it (or the default host as configured), for commands to run next. */
  readonly label: string;
  readonly timeout: number;
  /** The call goes over mutual TLS (which changes the advice when it fails). */
  readonly overTls: boolean;
}

/**
 * Runs one command against one agent: loads altctl's settings, resolves HOST, connects
 * (with mutual TLS when configured), runs, and turns any failure into a message. Returns
 * the exit status: the body's (nothing is EXIT.OK), or the failure's. Commands only
 * describe their call and their rendering.
 */
export async function runWithAgent(
  args: GlobalArgs,
  host: string | undefined,
  body: (ctx: CommandContext) => Promise<ExitCode | void>,
): Promise<ExitCode> {
  const out = createOutput(args.json);
  let clients: AgentClients | undefined;
  let target = host ?? '';
  let tls: TlsSettings | undefined;
  let endpoint: Endpoint | undefined;
  try {
    const settings = loadSettings(args);
    endpoint = resolveTarget(host, settings.defaultHost);
    // the local socket is the host's own, reachable by root only: no TLS there
    tls = endpoint.socket === undefined ? settings.tls : undefined;
    target = endpoint.target;
    const label = host ?? settings.defaultHost?.host ?? endpoint.target;
    setDisplayHost(label);
    clients = connect(endpoint, channelCredentials(tls));
    return (await body({ clients, out, target, label, timeout: args.timeout, overTls: tls !== undefined })) ?? EXIT.OK;
  } catch (err) {
    const handshake = tls && endpoint ? await probeIfUnreachable(err, endpoint, tls) : undefined;
    return reportError(toCliError(err, target, args.timeout, tls, handshake), args.json);
  } finally {
    clients?.close();
  }
}

/**
 * An agent that refuses a client certificate closes the connection right after the TLS
 * handshake, which grpc-js reports as UNAVAILABLE like any unreachable agent; one more
 * connection tells the two apart (unless the error already carries a certificate alert).
 */
async function probeIfUnreachable(
  err: unknown,
  endpoint: Endpoint,
  tls: TlsSettings,
): Promise<HandshakeVerdict | undefined> {
  if (!isServiceError(err) || err.code !== status.UNAVAILABLE || certificateAlert(err.details ?? '')) return undefined;
  return probeClientCertificate(endpoint, tls);
}

export function toCliError(
  err: unknown,
  target: string,
  timeout: number,
  tls?: TlsSettings,
  handshake?: HandshakeVerdict,
): CliError {
  if (err instanceof CliError) return err;
  if (isServiceError(err)) return fromServiceError(err, target, timeout, tls !== undefined, handshake);
  const message = err instanceof Error ? err.message : String(err);
  return new CliError(`unexpected failure: ${message}`, EXIT.FAILED, 'INTERNAL');
}

/** Prints the error (JSON on stderr with --json) and returns its exit status. */
export function reportError(err: CliError, json: boolean): ExitCode {
  if (json) {
    process.stderr.write(
      `${JSON.stringify({ error: { code: err.code, message: fillHost(err.message), exitCode: err.exitCode, ...err.details } })}\n`,
    );
  } else {
    // for people: the host as given, and altctl's flags where the agent names a request field
    process.stderr.write(`altctl: ${withFlagNames(fillHost(err.message))}\n`);
    const explanation = err.explanation ? fillHost(err.explanation) : '';
    if (explanation) process.stderr.write(explanation.endsWith('\n') ? explanation : `${explanation}\n`);
  }
  return err.exitCode;
}
