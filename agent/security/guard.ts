import { randomBytes } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import {
  InvalidArgumentError,
  PermissionDeniedError,
  UnauthenticatedError,
  type AltdiskError,
} from '../../shared/errors';
import type { Logger } from '../logger';
import { statusOf, toServiceError } from '../server/to-service-error';
import { allows, roleFor, type AccessPolicy, type Permission } from './access-policy';
import { type AuditLog, summarizeArgs, type AuditStage } from './audit-log';
import { setCaller } from './caller';
import type { PeerVerifier } from './peer-identity';
import { REQUEST_NEEDS, type FieldNeed } from './request-permissions';
import { isMutating, RPC_PERMISSIONS, rpcName } from './rpc-permissions';
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

/** What the guard needs of a call: where it came from and its TLS peer. */
type AnyCall = Pick<grpc.ServerInterceptingCallInterface, 'getPeer' | 'getAuthContext'>;
type Status = Parameters<grpc.ServerInterceptingCallInterface['sendStatus']>[0];

/** What the guard knows of one method, worked out once when the services are set up. */
interface Rule {
  readonly rpc: string;
  readonly permission: Permission;
  readonly mutating: boolean;
  readonly needs: ((request: unknown) => FieldNeed[]) | undefined;
}

/** Per method path: its rule, or null for a method no handler serves (grpc-js answers it UNIMPLEMENTED). */
export type GuardRules = ReadonlyMap<string, Rule | null>;

interface Who {
  identity: string;
  role: string;
}
type Checked = ({ ok: true } & Who) | ({ ok: false; error: AltdiskError } & Who);
type Caller = ({ ok: true } & Who) | ({ ok: false; error: Partial<grpc.StatusObject> } & Who);

/**
 * The rule of every method the services serve, from their definitions (the RPC's name
 * from its path). At start-up, not per call: an RPC nobody classified must not ship
 * refusing everyone, so one stops the agent here.
 */
export function guardRules(
  services: readonly { definition: grpc.ServiceDefinition; handlers: grpc.UntypedServiceImplementation }[],
): GuardRules {
  const rules = new Map<string, Rule | null>();
  for (const { definition, handlers } of services) {
    for (const [method, attrs] of Object.entries(definition)) {
      // grpc-js serves a method by its name or, failing that, its original lower-camel name
      const served = handlers[method] ?? (attrs.originalName ? handlers[attrs.originalName] : undefined);
      if (!served) {
        rules.set(attrs.path, null);
        continue;
      }
      const rpc = rpcName(attrs.path);
      const permission = RPC_PERMISSIONS[rpc];
      if (!permission) {
        throw new Error(`${rpc} has no permission in agent/security/rpc-permissions.ts; classify it before serving it`);
      }
      const rule: Rule = { rpc, permission, mutating: isMutating(rpc), needs: REQUEST_NEEDS[rpc] };
      if (attrs.responseStream && rule.mutating) {
        throw new Error(`${rpc} streams and changes the host; the guard audits only unary calls that do`);
      }
      rules.set(attrs.path, rule);
    }
  }
  return rules;
}

/**
 * The guard, as a grpc-js server interceptor in front of every handler: who is calling
 * (the client certificate), may they (their role, for the RPC and for each field of the
 * request that needs more), and, for calls that change something, the audit log: an
 * "attempt" line written and fsynced before the handler acts, so a crash or a reboot in
 * between still leaves a trace, then the outcome; a refusal is one "refused" line.
 * Handlers never see a call that was not allowed, and can ask callerOf(call) who made it.
 *
 * It decides where grpc-js would run the handler: at the half-close, holding the one
 * request message (a unary or server-streaming call has exactly one). A call without a
 * request, or with two, is answered by grpc-js as before, without the guard or its log.
 */
export function guardInterceptor(rules: GuardRules, deps: GuardDeps): grpc.ServerInterceptor {
  return (method, call) => {
    const rule = rules.get(method.path);
    if (rule === null) return new grpc.ServerInterceptingCall(call);
    let metadata: grpc.Metadata | undefined;
    let request: unknown;
    let received = false;
    /** An allowed mutating call whose attempt line is written and whose outcome is not yet. */
    let pending: { who: Who; callId: string } | undefined;
    const outcome = (error: Partial<grpc.StatusObject> | null): void => {
      if (!pending || !rule) return;
      audit(deps, call, rule, request, pending.who, 'outcome', error, pending.callId);
      pending = undefined;
    };
    const listener = new grpc.ServerListenerBuilder()
      .withOnReceiveMetadata((incoming, next) => {
        metadata = incoming;
        next(incoming);
      })
      .withOnReceiveMessage((message, next) => {
        if (!received) {
          received = true;
          request = message;
        }
        next(message);
      })
      .withOnReceiveHalfClose((next) => {
        if (!received) {
          next();
          return;
        }
        if (!rule || !metadata) {
          // fail closed: every served method has a rule (guardRules), and grpc-js always sends metadata first
          const details = `the agent has no guard for ${method.path}`;
          call.sendStatus({ code: grpc.status.INTERNAL, details, metadata: null });
          return;
        }
        const caller = identify(call, metadata, request, rule, deps);
        if (!caller.ok) {
          if (rule.mutating) audit(deps, call, rule, request, caller, 'refused', caller.error, '');
          call.sendStatus(asStatus(caller.error));
          return;
        }
        if (rule.mutating) {
          const callId = randomBytes(6).toString('hex');
          try {
            recordOrThrow(deps, call, rule, request, caller, 'attempt', null, callId);
          } catch (err) {
            // Fail closed: what cannot be audited is not done (a full state dir says so).
            const problem = { rpc: rule.rpc, identity: caller.identity, error: (err as Error).message };
            deps.logger.error('could not write the audit log; the call was refused', problem);
            call.sendStatus(asStatus(toServiceError(err, rule.rpc, deps.logger)));
            return;
          }
          pending = { who: caller, callId };
        }
        next(); // grpc-js runs the handler now
      })
      .build();
    const responder = new grpc.ResponderBuilder()
      .withStart((next) => next(listener))
      // the handler's answer: its outcome is written before the answer goes out
      .withSendMessage((message, next) => {
        outcome(null);
        next(message);
      })
      .withSendStatus((status, next) => {
        outcome(status.code === grpc.status.OK ? null : { code: status.code, details: status.details });
        next(status);
      })
      .build();
    return new grpc.ServerInterceptingCall(call, responder);
  };
}

/** A refusal as grpc-js sends a handler's error (its serverErrorToStatus): code, details, trailers. */
function asStatus(error: Partial<grpc.StatusObject>): Status {
  const code = error.code !== undefined && Number.isInteger(error.code) ? error.code : grpc.status.UNKNOWN;
  const details = code === error.code && typeof error.details === 'string' ? error.details : 'Unknown Error';
  return { code, details, metadata: error.metadata ?? null };
}

/** Who calls and whether they may; a failure of the check itself (an unreadable CA file) refuses the call. */
function identify(call: AnyCall, metadata: grpc.Metadata, request: unknown, rule: Rule, deps: GuardDeps): Caller {
  try {
    const checked = check(call, request, rule, deps);
    if (!checked.ok) return { ...checked, error: statusOf(checked.error) };
    const permissions = new Set(deps.policy.roles[checked.role] ?? []);
    setCaller(metadata, { identity: checked.identity, role: checked.role, permissions });
    return checked;
  } catch (err) {
    return { ok: false, identity: 'unknown', role: '', error: toServiceError(err, rule.rpc, deps.logger) };
  }
}

function check(call: AnyCall, request: unknown, { rpc, permission, needs }: Rule, deps: GuardDeps): Checked {
  if (isUndecodable(request)) {
    const error = new InvalidArgumentError(
      'request',
      `the bytes are not a valid ${rpc} request (${request.undecodable.slice(0, 200)})`,
      'build requests from the contract in proto/altdisk/v1',
    );
    return { ok: false, identity: 'unknown', role: '', error };
  }
  let { identity, role } = deps.anonymous;
  if (deps.verifier) {
    const verdict = deps.verifier.check(call.getAuthContext()?.sslPeerCertificate);
    if (!verdict.ok) {
      return {
        ok: false,
        identity: 'unknown',
        role: '',
        error: new UnauthenticatedError(
          `${verdict.reason}; present a client certificate signed by the agent's client CA (altctl --tls-cert and --tls-key)`,
        ),
      };
    }
    const match = roleFor(deps.policy, verdict.identities);
    if (!match) {
      const names = verdict.identities.join(', ') || 'no name';
      const unmapped = verdict.identities.join(' ') || 'unnamed';
      return {
        ok: false,
        identity: unmapped,
        role: '',
        error: new PermissionDeniedError(
          `your certificate (${names}) has no role on this agent; ask its admin to map one of those names under "identities" in the agent's config`,
          { identity: unmapped, rpc },
        ),
      };
    }
    ({ identity, role } = match);
  }
  if (!allows(deps.policy, role, permission)) {
    const details = { identity, role, rpc, permission };
    return {
      ok: false,
      identity,
      role,
      error: new PermissionDeniedError(
        `${identity} has role ${role}, which does not allow ${permission} (${rpc}); ask the host's admin for a role that does`,
        details,
      ),
    };
  }
  const missing = (needs?.(request) ?? []).find((need) => !allows(deps.policy, role, need.permission));
  if (missing) {
    const details = { identity, role, rpc, permission: missing.permission, field: missing.field };
    const message = `${identity} has role ${role}, which does not allow ${missing.permission}: ${missing.field} (${missing.flag}) ${missing.effect}; leave it out, or ask the host's admin for a role with ${missing.permission}`;
    return { ok: false, identity, role, error: new PermissionDeniedError(message, details) };
  }
  return { ok: true, identity, role };
}

/** One audit line; a line that cannot be written is said loudly in the operational log. */
function audit(
  deps: GuardDeps,
  call: AnyCall,
  rule: Rule,
  request: unknown,
  who: Who,
  stage: AuditStage,
  error: Partial<grpc.StatusObject> | null,
  callId: string,
): void {
  try {
    recordOrThrow(deps, call, rule, request, who, stage, error, callId);
  } catch (err) {
    deps.logger.error('could not write the audit log', {
      rpc: rule.rpc,
      identity: who.identity,
      stage,
      error: (err as Error).message,
    });
  }
}

function recordOrThrow(
  deps: GuardDeps,
  call: AnyCall,
  { rpc }: Rule,
  request: unknown,
  who: Who,
  stage: AuditStage,
  error: Partial<grpc.StatusObject> | null,
  callId: string,
): void {
  deps.audit.record({
    time: new Date().toISOString(),
    stage,
    ...(callId !== '' ? { callId } : {}),
    peer: call.getPeer(),
    identity: who.identity,
    role: who.role,
    rpc,
    args: summarizeArgs(request),
    ...(stage === 'attempt'
      ? {}
      : { outcome: error ? (grpc.status[error.code ?? grpc.status.UNKNOWN] ?? 'UNKNOWN') : 'OK' }),
    ...(error?.details ? { message: error.details } : {}),
  });
}
