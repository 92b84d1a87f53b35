/** Loopback hosts: the only place the action relaxes checks meant for Microsoft's own hosts (emulators, demo). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)
}

/** A TLS failure to verify the server's certificate, as Node, undici and the SDKs word it. */
const UNTRUSTED_CERTIFICATE =
  /unable to verify the first certificate|self[- ]signed certificate|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_HAS_EXPIRED|certificate has expired|ERR_TLS_CERT_ALTNAME_INVALID/i

/** The fix for a certificate the runner does not trust, or undefined when `text` is not about one. */
export function untrustedCertificateFix(text: string): string | undefined {
  if (!UNTRUSTED_CERTIFICATE.test(text)) return undefined
  return 'Behind a TLS-inspecting proxy, give Node its CA certificate with the NODE_EXTRA_CA_CERTS environment variable; otherwise check the host.'
}
