import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import type { PeerCertificate } from 'node:tls';

export type PeerCheck = { ok: true; identities: string[] } | { ok: false; reason: string };

/**
 * Who is calling, from the client certificate. The TLS handshake already refuses a
 * caller without a certificate the client CA signed (server/tls-handshake.ts); this
 * check stays as a second line of defence, and is where the identities come from.
 */
export class PeerVerifier {
  private cas: X509Certificate[] | undefined;
  private caReadAt = 0;

  constructor(private readonly caFile: string) {}

  check(peer: PeerCertificate | undefined, now: Date = new Date()): PeerCheck {
    // grpc-js shows a certificate only once TLS has verified it against the client CA, so
    // "none" covers both no certificate and one another CA signed (the handshake refuses both).
    if (!peer || !peer.raw || peer.raw.length === 0)
      return { ok: false, reason: "no client certificate signed by this agent's client CA was presented" };
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(peer.raw);
    } catch {
      return { ok: false, reason: 'the client certificate could not be read' };
    }
    // the file may bundle several CAs (old and new during a rotation), as TLS allows
    if (!this.caCertificates().some((ca) => cert.checkIssued(ca) && cert.verify(ca.publicKey))) {
      return {
        ok: false,
        reason: `the client certificate (${cert.subject.replace(/\n/g, ', ')}) is not signed by this agent's client CA`,
      };
    }
    if (now < new Date(cert.validFrom) || now > new Date(cert.validTo)) {
      return {
        ok: false,
        reason: `the client certificate is not valid now (valid ${cert.validFrom} to ${cert.validTo})`,
      };
    }
    const names = commonNames(peer);
    if (names.length > 1) {
      // Mapping by the first would make "CN=alice, CN=mallory" alice, whoever asked for the certificate.
      return {
        ok: false,
        reason: `the client certificate's subject holds ${names.length} common names (${names.map((n) => `CN=${n}`).join(', ')}); the agent maps a certificate by its one CN, so it refuses this one: issue a certificate with a single CN`,
      };
    }
    return { ok: true, identities: [...names.map((n) => `CN=${n}`), ...subjectAltNames(cert)] };
  }

  /** The CA file is re-read at most once a minute, so a rotated CA is picked up without a restart. */
  private caCertificates(): X509Certificate[] {
    if (!this.cas || Date.now() - this.caReadAt > 60_000) {
      const pem = fs.readFileSync(this.caFile, 'utf8');
      this.cas = (pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map(
        (block) => new X509Certificate(block),
      );
      this.caReadAt = Date.now();
    }
    return this.cas;
  }
}

/**
 * The subject's common names, from the structure TLS parsed (a repeated CN, in separate
 * RDNs or one multi-valued RDN, comes as an array), not from a printed subject line.
 */
export function commonNames(peer: PeerCertificate): string[] {
  const cn = (peer.subject as unknown as Record<string, string | string[] | undefined> | undefined)?.['CN'];
  if (cn === undefined) return [];
  return Array.isArray(cn) ? cn : [cn];
}

/** Each subjectAltName as "DNS:x", "IP:a.b.c.d", "URI:...", "email:...". */
export function subjectAltNames(cert: X509Certificate): string[] {
  const out: string[] = [];
  for (const entry of (cert.subjectAltName ?? '').split(/,\s*/)) {
    const m = /^(DNS|IP Address|URI|email):(.*)$/.exec(entry.trim());
    if (m?.[1] && m[2] !== undefined) out.push(`${m[1] === 'IP Address' ? 'IP' : m[1]}:${m[2]}`);
  }
  return out;
}
