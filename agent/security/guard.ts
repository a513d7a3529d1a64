import * as grpc from '@grpc/grpc-js';
import { InvalidArgumentError, PermissionDeniedError, UnauthenticatedError, type AltdiskError } from '../../shared/errors';
import type { Logger } from '../logger';
import { statusOf } from '../server/to-service-error';
import { allows, roleFor, type AccessPolicy } from './access-policy';
import { AuditLog, summarizeArgs } from './audit-log';
import type { PeerVerifier } from './peer-identity';
import { isMutating, RPC_PERMISSIONS } from './rpc-permissions';
import { isUndecodable } from './undecodable';

export interface GuardDeps {
  policy: AccessPolicy;
  /** undefined: plaintext on loopback, every caller is the local administrator (policy.localRole). */
  verifier: PeerVerifier | undefined;
  audit: AuditLog;
  logger: Logger;
}

/** What identify() and audit() need of a call, unary or streaming. */
type AnyCall = grpc.ServerUnaryCall<unknown, unknown> | grpc.ServerWritableStream<unknown, unknown>;

type Caller = { ok: true; identity: string; role: string } | { ok: false; identity: string; role: string; error: AltdiskError };

/**
 * Wraps every handler of a service: who is calling (the client certificate), may
 * they (their role), and, for calls that change something, a line in the audit log
 * whatever the outcome. Handlers never see a call that was not allowed.
 */
export function guardService(service: string, definition: grpc.ServiceDefinition, handlers: grpc.UntypedServiceImplementation, deps: GuardDeps): grpc.UntypedServiceImplementation {
  const guarded: grpc.UntypedServiceImplementation = {};
  for (const [method, handler] of Object.entries(handlers)) {
    const rpc = `${service}.${method}`;
    if (definition[method]?.responseStream) {
      guarded[method] = ((call: grpc.ServerWritableStream<unknown, unknown>) => {
        const caller = identify(call, rpc, deps);
        if (!caller.ok) {
          const status = statusOf(caller.error);
          audit(deps, call, rpc, caller, status);
          call.emit('error', status);
          return;
        }
        (handler as grpc.handleServerStreamingCall<unknown, unknown>)(call);
      }) as grpc.UntypedHandleCall;
    } else {
      guarded[method] = ((call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
        const caller = identify(call, rpc, deps);
        if (!caller.ok) {
          const status = statusOf(caller.error);
          audit(deps, call, rpc, caller, status);
          callback(status as grpc.ServiceError);
          return;
        }
        (handler as grpc.handleUnaryCall<unknown, unknown>)(call, (error, value, ...rest) => {
          audit(deps, call, rpc, caller, error ?? null);
          callback(error, value, ...rest);
        });
      }) as grpc.UntypedHandleCall;
    }
  }
  return guarded;
}

function identify(call: AnyCall, rpc: string, deps: GuardDeps): Caller {
  if (isUndecodable(call.request)) {
    const error = new InvalidArgumentError('request', `the bytes are not a valid ${rpc} request (${call.request.undecodable.slice(0, 200)})`, 'build requests from the contract in proto/altdisk/v1');
    return { ok: false, identity: 'unknown', role: '', error };
  }
  const permission = RPC_PERMISSIONS[rpc];
  let identity = 'local';
  let role = deps.policy.localRole;
  if (deps.verifier) {
    const check = deps.verifier.check(call.getAuthContext()?.sslPeerCertificate);
    if (!check.ok) {
      return { ok: false, identity: 'unknown', role: '', error: new UnauthenticatedError(`${check.reason}; present a client certificate signed by the agent's client CA (altctl --tls-cert and --tls-key)`) };
    }
    const match = roleFor(deps.policy, check.identities);
    if (!match) {
      const names = check.identities.join(', ') || 'no name';
      const unmapped = check.identities.join(' ') || 'unnamed';
      return { ok: false, identity: unmapped, role: '', error: new PermissionDeniedError(`your certificate (${names}) has no role on this agent; ask its admin to map one of those names under "identities" in the agent's config`, { identity: unmapped, rpc }) };
    }
    ({ identity, role } = match);
  }
  if (!permission || !allows(deps.policy, role, permission)) {
    const details = { identity, role, rpc, ...(permission ? { permission } : {}) };
    return { ok: false, identity, role, error: new PermissionDeniedError(`${identity} has role ${role}, which does not allow ${permission ?? 'this call'} (${rpc}); ask the host's admin for a role that does`, details) };
  }
  return { ok: true, identity, role };
}

function audit(deps: GuardDeps, call: AnyCall, rpc: string, caller: { identity: string; role: string }, error: Partial<grpc.StatusObject> | null): void {
  if (!isMutating(rpc)) return;
  const outcome = error ? grpc.status[error.code ?? grpc.status.UNKNOWN] ?? 'UNKNOWN' : 'OK';
  try {
    deps.audit.record({
      time: new Date().toISOString(),
      peer: call.getPeer(),
      identity: caller.identity,
      role: caller.role,
      rpc,
      args: summarizeArgs(call.request),
      outcome,
      ...(error?.details ? { message: error.details } : {}),
    });
  } catch (err) {
    // A call that cannot be audited has still happened: say so loudly, never silently.
    deps.logger.error('could not write the audit log', { rpc, identity: caller.identity, outcome, error: (err as Error).message });
  }
}
