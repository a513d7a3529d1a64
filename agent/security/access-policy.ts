/**
 * What a role may do:
 * - read: every call that only looks;
 * - operate: change disks and boot state with altdisk's own actions (clone, cancel, boot
 *   list, bosboot, rollback, cleanup, wake, sleep), with files the caller sends;
 * - execute: have code of the caller's choosing run as root (customization and first-boot
 *   scripts, hooks, software installs), name files on the host, read hook scripts;
 * - reboot: restart the host, by Reboot or by a clone's -r.
 * Each is granted by name: none implies another.
 */
export type Permission = 'read' | 'operate' | 'execute' | 'reboot';
export const PERMISSIONS: readonly Permission[] = ['read', 'operate', 'execute', 'reboot'];

export interface AccessPolicy {
  /** Role name -> what it may do. */
  roles: Record<string, Permission[]>;
  /** Client identity ("CN=alice", "DNS:ci.example.com", "IP:10.0.0.5", "email:ops@example.com") -> role. */
  identities: Record<string, string>;
  /**
   * Role of a caller on the agent's local socket (STATE_DIR/altdiskd.sock), which only
   * root (the agent's own user) can reach: the host's administrator.
   */
  localRole: string;
  /**
   * Role of a caller over plaintext TCP on loopback (no TLS configured): any user of the
   * host can connect there, so viewer unless the admin decides otherwise.
   */
  loopbackRole: string;
}

export const DEFAULT_ROLES: Readonly<Record<string, Permission[]>> = {
  viewer: ['read'],
  /** Clones and manages boot environments, but runs no code of its own and names no host files. */
  cloner: ['read', 'operate'],
  /** Also runs scripts as root (-s, -x, hooks, installs): close to root on the host. */
  operator: ['read', 'operate', 'execute'],
  admin: ['read', 'operate', 'execute', 'reboot'],
};

export class PolicyError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`);
    this.name = 'PolicyError';
  }
}

/** Checks the policy from the config file: every role known, every permission real. */
export function compilePolicy(raw: {
  roles?: unknown;
  identities?: unknown;
  localRole?: unknown;
  loopbackRole?: unknown;
}): AccessPolicy {
  const roles: Record<string, Permission[]> = { ...DEFAULT_ROLES };
  if (raw.roles !== undefined) {
    if (!isRecord(raw.roles)) throw new PolicyError('roles', 'must be an object such as {"auditor": ["read"]}');
    for (const [name, perms] of Object.entries(raw.roles)) {
      if (
        !Array.isArray(perms) ||
        !perms.every((p): p is Permission => (PERMISSIONS as readonly string[]).includes(String(p)))
      ) {
        throw new PolicyError(`roles.${name}`, `must be a list of ${PERMISSIONS.join(', ')}`);
      }
      roles[name] = [...new Set(perms)];
    }
  }
  const identities: Record<string, string> = {};
  if (raw.identities !== undefined) {
    if (!isRecord(raw.identities))
      throw new PolicyError('identities', 'must be an object such as {"CN=alice": "operator"}');
    for (const [identity, role] of Object.entries(raw.identities)) {
      if (typeof role !== 'string' || !Object.hasOwn(roles, role))
        throw new PolicyError(
          `identities.${identity}`,
          `names role ${JSON.stringify(role)}, which is not one of ${Object.keys(roles).join(', ')}`,
        );
      if (!/^(CN|DNS|IP|URI|email)[=:]/.test(identity))
        throw new PolicyError(`identities.${identity}`, 'must start with CN=, DNS:, IP:, URI: or email:');
      identities[identity] = role;
    }
  }
  const localRole = raw.localRole === undefined ? 'admin' : String(raw.localRole);
  if (!Object.hasOwn(roles, localRole))
    throw new PolicyError('localRole', `${JSON.stringify(localRole)} is not a role`);
  const loopbackRole = raw.loopbackRole === undefined ? 'viewer' : String(raw.loopbackRole);
  if (!Object.hasOwn(roles, loopbackRole))
    throw new PolicyError('loopbackRole', `${JSON.stringify(loopbackRole)} is not a role`);
  return { roles, identities, localRole, loopbackRole };
}

/** The first identity of the certificate that the policy maps to a role. */
export function roleFor(
  policy: AccessPolicy,
  identities: readonly string[],
): { identity: string; role: string } | undefined {
  for (const identity of identities) {
    const role = policy.identities[identity];
    if (role !== undefined) return { identity, role };
  }
  return undefined;
}

export function allows(policy: AccessPolicy, role: string, permission: Permission): boolean {
  // own keys only: a role named "constructor" must not find Object's
  return Object.hasOwn(policy.roles, role) && (policy.roles[role]?.includes(permission) ?? false);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
