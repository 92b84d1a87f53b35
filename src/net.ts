/** Loopback hosts: the only place the action relaxes checks meant for Microsoft's own hosts (emulators, demo). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)
}

/** A TLS failure to verify the server's certificate, as Node, undici and the SDKs word it. */
const UNTRUSTED_CERTIFICATE =
  /unable to verify the first certificate|self[- ]signed certificate|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_HAS_EXPIRED|certificate has expired|ERR_TLS_CERT_ALTNAME_INVALID/i

/**
 * The fix for a certificate the runner does not trust, or undefined when the error is not about one. The error's
 * messages and codes are read down its causes (MSAL, the SDKs and fetch wrap the TLS error).
 */
export function untrustedCertificateFix(error: unknown): string | undefined {
  const parts: string[] = []
  for (let e: unknown = error, i = 0; e && i < 5; i++) {
    if (typeof e === 'string') parts.push(e)
    else if (e instanceof Error) parts.push(e.message, String((e as { code?: unknown }).code ?? ''))
    e = (e as { cause?: unknown }).cause
  }
  if (!UNTRUSTED_CERTIFICATE.test(parts.join(' '))) return undefined
  return 'Behind a TLS-inspecting proxy, give Node its CA certificate with the NODE_EXTRA_CA_CERTS environment variable; otherwise check the host.'
}
