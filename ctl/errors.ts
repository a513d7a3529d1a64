import { status, type ServiceError } from '@grpc/grpc-js';
import { DETAIL_PREFIX, FINDINGS_DETAIL } from '../shared/errors';
import type { Finding__Output } from '../shared/generated/altdisk/v1/Finding';
import { EXIT, exitCodeForStatus, type ExitCode } from './exit-codes';
import { certificateAlert, type HandshakeVerdict } from './handshake-probe';
import { classifyTransportFailure, cleanDetails, type TransportFailure } from './transport-errors';
import { findingsJson, parseFindings, renderFindingsTable } from './output/findings';
import { lineWidth } from './output/wrap';

/** An error altctl reports and exits on: a message for a person, a code for scripts. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    /** Stable name for --json output: a gRPC status name or a local one. */
    readonly code: string,
    /** Extra fields of the --json error object (field, state, findings, ...). */
    readonly details: Record<string, unknown> = {},
    /** Printed after the message without --json, e.g. a table of the findings behind a refusal. */
    readonly explanation: string = '',
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The command line itself is wrong. */
export class UsageError extends CliError {
  constructor(message: string, details: Record<string, string> = {}) {
    super(message, EXIT.USAGE, 'USAGE', details);
    this.name = 'UsageError';
  }
}

export function isServiceError(err: unknown): err is ServiceError {
  return err instanceof Error && typeof (err as Partial<ServiceError>).code === 'number' && 'metadata' in err;
}

/** The --json code of a call the agent refused at the TLS handshake because of the client certificate. */
export const CERTIFICATE_REFUSED = 'CLIENT_CERTIFICATE_REFUSED';

/**
 * Turns a failed call into what the user needs: what went wrong, where, and what
 * to do. Transport failures get their own advice because the agent never saw them;
 * overTls says whether the call went over mutual TLS, which changes that advice, and
 * handshake what a second connection showed (see handshake-probe.ts).
 */
export function fromServiceError(
  err: ServiceError,
  target: string,
  timeoutSeconds: number,
  overTls = false,
  handshake?: HandshakeVerdict,
): CliError {
  const details: Record<string, unknown> = {};
  let findings: Finding__Output[] | undefined;
  for (const [key, value] of Object.entries(err.metadata?.getMap() ?? {})) {
    if (!key.startsWith(DETAIL_PREFIX)) continue;
    const name = key.slice(DETAIL_PREFIX.length);
    details[name] = String(value);
    if (name === FINDINGS_DETAIL) findings = parseFindings(String(value));
  }
  const name = status[err.code] ?? String(err.code);
  const exitCode = exitCodeForStatus(err.code);
  switch (err.code) {
    case status.UNAVAILABLE: {
      const alert = certificateAlert(err.details ?? '');
      if (alert || handshake === 'refused') {
        const evidence = alert ? `TLS ${alert}` : 'it closed the connection as soon as the TLS handshake ended';
        return new CliError(
          `the agent at ${target} refused the TLS handshake because of your client certificate (${evidence}); ` +
            `check that the agent's --tls-client-ca signed your --tls-cert and that the certificate has not expired (openssl x509 -in CERT -noout -issuer -enddate)`,
          EXIT.DENIED,
          CERTIFICATE_REFUSED,
          details,
        );
      }
      const transport = classifyTransportFailure(err);
      if (transport && transport.kind !== 'other')
        return transportError(transport, target, timeoutSeconds, overTls, details);
      const reason = transport?.kind === 'other' ? transport.text : cleanDetails(err.details ?? '');
      if (overTls) {
        return new CliError(
          `cannot reach the altdisk agent at ${target} over TLS (${reason || 'unavailable'}); check that altdiskd runs there with --tls-cert, --tls-key and --tls-client-ca, ` +
            `that --tls-ca is the CA that signed the agent's certificate, that the host name you gave matches a subjectAltName (DNS or IP) of the agent's certificate, ` +
            `and that the agent's --tls-client-ca signed your --tls-cert`,
          exitCode,
          name,
          details,
        );
      }
      return new CliError(
        `cannot reach the altdisk agent at ${target} (${reason || 'unavailable'}); check that altdiskd runs there and listens on that address, and that no firewall is in the way ` +
          `(if the agent serves TLS, give --tls-ca, --tls-cert and --tls-key)`,
        exitCode,
        name,
        details,
      );
    }
    case status.UNAUTHENTICATED:
      return new CliError(
        `the agent did not accept your client certificate: ${err.details || name}; ` +
          (overTls
            ? "check that the agent's --tls-client-ca signed your --tls-cert and that it has not expired"
            : 'give --tls-ca, --tls-cert and --tls-key (or ALTCTL_TLS_CA, ALTCTL_TLS_CERT, ALTCTL_TLS_KEY)'),
        exitCode,
        name,
        details,
      );
    case status.DEADLINE_EXCEEDED:
      // A host command the agent killed at its own timeout: the agent's words say it all.
      if (details['command'] !== undefined) return new CliError(err.details, exitCode, name, details);
      {
        const transport = classifyTransportFailure(err);
        if (transport && transport.kind !== 'other')
          return transportError(transport, target, timeoutSeconds, overTls, details);
      }
      return new CliError(
        `the agent at ${target} did not answer within ${timeoutSeconds} s; it may still be working: retry with a larger --timeout, or look at the agent's log`,
        exitCode,
        name,
        details,
      );
    default: {
      const transport = classifyTransportFailure(err);
      if (transport && transport.kind !== 'other')
        return transportError(transport, target, timeoutSeconds, overTls, details);
      const refusal = new CliError(err.details || name, exitCode, name, details);
      return findings ? withFindings(refusal, findings) : refusal;
    }
  }
}

/** The --json code of a call answered by something that is not an altdisk agent (a web server, SSH). */
export const NOT_AN_AGENT = 'NOT_AN_AGENT';

/** What happened on the way to the agent, and what to do: never grpc-js's own words. */
function transportError(
  failure: Exclude<TransportFailure, { kind: 'other' }>,
  target: string,
  timeoutSeconds: number,
  overTls: boolean,
  details: Record<string, unknown>,
): CliError {
  const unreachable = (message: string, code = 'UNAVAILABLE') => new CliError(message, EXIT.UNREACHABLE, code, details);
  const socketPath = target.replace(/^unix:/, '');
  switch (failure.kind) {
    case 'not-listening':
      if (failure.socket && failure.missing) {
        return unreachable(
          `there is no agent socket at ${socketPath}: the agent is not running, or its state directory is elsewhere (its socket is STATE_DIR/altdiskd.sock); start altdiskd, or give its socket`,
        );
      }
      if (failure.socket)
        return unreachable(
          `no agent listens on the socket ${socketPath} (an agent that stopped may have left it): start altdiskd`,
        );
      return unreachable(
        `nothing listens on ${target}: the altdisk agent is not running there, or listens on another port; ` +
          `start it there (altdiskd --listen ADDRESS:PORT), or give the port it listens on (NAME:PORT; the default is 7400)`,
      );
    case 'name-unknown':
      return unreachable(
        `the name ${target.replace(/:\d+$/, '')} does not resolve (no DNS or hosts entry): check its spelling, or give the agent's IP address`,
      );
    case 'not-an-agent':
      return unreachable(
        `something else answers at ${target}: ${failure.evidence}, so it is not an altdisk agent; check the port (the agent's default is 7400)`,
        NOT_AN_AGENT,
      );
    case 'no-connection':
      return unreachable(
        `no connection to ${target} within ${timeoutSeconds} s: nothing answered${overTls ? ' or the TLS handshake did not finish' : ''} ` +
          `(a firewall dropping packets, or a program there that accepts connections but is not an altdisk agent); check the host and port, and that altdiskd runs there`,
      );
    case 'no-route':
      return unreachable(
        `${target} cannot be reached (${failure.code}): check the network and any firewall between here and there`,
      );
    case 'socket-denied':
      return unreachable(
        `you may not open the agent's socket ${socketPath}: only the agent's own user (root on AIX) may; run altctl as that user, or reach the agent over TCP`,
      );
  }
}

/**
 * The same error, carrying the preflight findings behind it: the others after the message
 * (the one the message states is not said twice), and all of them as structured `findings`
 * in the --json error object (not the metadata's raw string).
 */
export function withFindings(err: CliError, findings: readonly Finding__Output[]): CliError {
  if (findings.length === 0) return err;
  const others = findings.filter((f) => f.message === '' || !err.message.includes(f.message));
  const table = others.length > 0 ? renderFindingsTable(others, lineWidth(process.stderr)) : '';
  const explanation =
    others.length < findings.length && table !== '' ? `Other findings of the preflight checks:\n${table}` : table;
  return new CliError(
    err.message,
    err.exitCode,
    err.code,
    { ...err.details, [FINDINGS_DETAIL]: findingsJson(findings) },
    explanation,
  );
}
