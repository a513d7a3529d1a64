import { randomBytes } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { InvalidArgumentError, PermissionDeniedError, UnauthenticatedError, type AltdiskError } from '../../shared/errors';
import type { Logger } from '../logger';
import { statusOf, toServiceError } from '../server/to-service-error';
import { allows, roleFor, type AccessPolicy, type Permission } from './access-policy';
import { AuditLog, summarizeArgs, type AuditStage } from './audit-log';
import { setCaller } from './caller';
import type { PeerVerifier } from './peer-identity';
import { REQUEST_NEEDS, type FieldNeed } from './request-permissions';
import { isMutating, RPC_PERMISSIONS } from './rpc-permissions';
import { isUndecodable } from './undecodable';

export interface GuardDeps {
  policy: AccessPolicy;
  /** Checks client certificates (mutual TLS); undefined where callers have no certificate. */
  verifier: PeerVerifier | undefined;
  /**
   * Who a caller without a certificate is (used when verifier is undefined): `local` with
   * policy.localRole on the agent's own socket, `loopback` with policy.loopbackRole over TCP.
   */
  anonymous: { identity: string; role: string };
  audit: AuditLog;
  logger: Logger;
}

/** What identify() and audit() need of a call, unary or streaming. */
type AnyCall = grpc.ServerUnaryCall<unknown, unknown> | grpc.ServerWritableStream<unknown, unknown>;

/** What the guard knows of one method, worked out once when the service is added. */
interface Rule {
  readonly rpc: string;
  readonly permission: Permission;
  readonly mutating: boolean;
  readonly needs: ((request: unknown) => FieldNeed[]) | undefined;
}

interface Who {
  identity: string;
  role: string;
}
type Checked = ({ ok: true } & Who) | ({ ok: false; error: AltdiskError } & Who);
type Caller = ({ ok: true } & Who) | ({ ok: false; error: Partial<grpc.StatusObject> } & Who);

/**
 * Wraps every handler of a service: who is calling (the client certificate), may
 * they (their role, for the RPC and for each field of the request that needs more),
 * and, for calls that change something, the audit log: an "attempt" line written
 * and fsynced before the handler acts, so a crash or a reboot in between still leaves
 * a trace, then the outcome; a refusal is one "refused" line. Handlers never see a
 * call that was not allowed, and can ask callerOf(call) who made it.
 */
export function guardService(service: string, definition: grpc.ServiceDefinition, handlers: grpc.UntypedServiceImplementation, deps: GuardDeps): grpc.UntypedServiceImplementation {
  const guarded: grpc.UntypedServiceImplementation = {};
  for (const [method, handler] of Object.entries(handlers)) {
    const rpc = `${service}.${method}`;
    const permission = RPC_PERMISSIONS[rpc];
    // at start-up, not per call: an RPC nobody classified must not ship refusing everyone
    if (!permission) throw new Error(`${rpc} has no permission in agent/security/rpc-permissions.ts; classify it before serving it`);
    const rule: Rule = { rpc, permission, mutating: isMutating(rpc), needs: REQUEST_NEEDS[rpc] };
    if (definition[method]?.responseStream) {
      if (rule.mutating) throw new Error(`${rpc} streams and changes the host; the guard audits only unary calls that do`);
      guarded[method] = ((call: grpc.ServerWritableStream<unknown, unknown>) => {
        const caller = identify(call, rule, deps);
        if (!caller.ok) {
          call.emit('error', caller.error);
          return;
        }
        (handler as grpc.handleServerStreamingCall<unknown, unknown>)(call);
      }) as grpc.UntypedHandleCall;
    } else {
      guarded[method] = ((call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
        const caller = identify(call, rule, deps);
        if (!caller.ok) {
          if (rule.mutating) audit(deps, call, rule, caller, 'refused', caller.error, '');
          callback(caller.error as grpc.ServiceError);
          return;
        }
        let callId = '';
        if (rule.mutating) {
          callId = randomBytes(6).toString('hex');
          try {
            recordOrThrow(deps, call, rule, caller, 'attempt', null, callId);
          } catch (err) {
            // Fail closed: what cannot be audited is not done (a full state dir says so).
            deps.logger.error('could not write the audit log; the call was refused', { rpc, identity: caller.identity, error: (err as Error).message });
            callback(toServiceError(err, rpc, deps.logger) as grpc.ServiceError);
            return;
          }
        }
        (handler as grpc.handleUnaryCall<unknown, unknown>)(call, (error, value, ...rest) => {
          if (rule.mutating) audit(deps, call, rule, caller, 'outcome', error ?? null, callId);
          callback(error, value, ...rest);
        });
      }) as grpc.UntypedHandleCall;
    }
  }
  return guarded;
}

/** Who calls and whether they may; a failure of the check itself (an unreadable CA file) refuses the call. */
function identify(call: AnyCall, rule: Rule, deps: GuardDeps): Caller {
  try {
    const checked = check(call, rule, deps);
    if (!checked.ok) return { ...checked, error: statusOf(checked.error) };
    const permissions = new Set(deps.policy.roles[checked.role] ?? []);
    setCaller(call, { identity: checked.identity, role: checked.role, permissions });
    return checked;
  } catch (err) {
    return { ok: false, identity: 'unknown', role: '', error: toServiceError(err, rule.rpc, deps.logger) };
  }
}

function check(call: AnyCall, { rpc, permission, needs }: Rule, deps: GuardDeps): Checked {
  if (isUndecodable(call.request)) {
    const error = new InvalidArgumentError('request', `the bytes are not a valid ${rpc} request (${call.request.undecodable.slice(0, 200)})`, 'build requests from the contract in proto/altdisk/v1');
    return { ok: false, identity: 'unknown', role: '', error };
  }
  let { identity, role } = deps.anonymous;
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
  if (!allows(deps.policy, role, permission)) {
    const details = { identity, role, rpc, permission };
    return { ok: false, identity, role, error: new PermissionDeniedError(`${identity} has role ${role}, which does not allow ${permission} (${rpc}); ask the host's admin for a role that does`, details) };
  }
  const missing = (needs?.(call.request) ?? []).find((need) => !allows(deps.policy, role, need.permission));
  if (missing) {
    const details = { identity, role, rpc, permission: missing.permission, field: missing.field };
    const message = `${identity} has role ${role}, which does not allow ${missing.permission}: ${missing.field} (${missing.flag}) ${missing.effect}; leave it out, or ask the host's admin for a role with ${missing.permission}`;
    return { ok: false, identity, role, error: new PermissionDeniedError(message, details) };
  }
  return { ok: true, identity, role };
}

/** One audit line; a line that cannot be written is said loudly in the operational log. */
function audit(deps: GuardDeps, call: AnyCall, rule: Rule, who: Who, stage: AuditStage, error: Partial<grpc.StatusObject> | null, callId: string): void {
  try {
    recordOrThrow(deps, call, rule, who, stage, error, callId);
  } catch (err) {
    deps.logger.error('could not write the audit log', { rpc: rule.rpc, identity: who.identity, stage, error: (err as Error).message });
  }
}

function recordOrThrow(deps: GuardDeps, call: AnyCall, { rpc }: Rule, who: Who, stage: AuditStage, error: Partial<grpc.StatusObject> | null, callId: string): void {
  deps.audit.record({
    time: new Date().toISOString(),
    stage,
    ...(callId !== '' ? { callId } : {}),
    peer: call.getPeer(),
    identity: who.identity,
    role: who.role,
    rpc,
    args: summarizeArgs(call.request),
    ...(stage === 'attempt' ? {} : { outcome: error ? grpc.status[error.code ?? grpc.status.UNKNOWN] ?? 'UNKNOWN' : 'OK' }),
    ...(error?.details ? { message: error.details } : {}),
  });
}
