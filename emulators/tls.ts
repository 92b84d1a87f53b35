// A throw-away test CA and a loopback server certificate for the HTTPS emulators.
// Clients trust the CA through NODE_EXTRA_CA_CERTS, which Node reads only at start-up, so the files are
// generated once into a stable directory (default .emulators/) and reused while valid.
import { X509Certificate, createPrivateKey, randomBytes, type webcrypto } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { resolve, join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import tls from 'node:tls'
import { pathToFileURL } from 'node:url'

export interface TestCa {
  /** Absolute path of ca.pem: the value for NODE_EXTRA_CA_CERTS. */
  caFile: string
  /** Server certificate (PEM) for 127.0.0.1, ::1 and localhost. */
  cert: string
  /** Server private key (PKCS#8 PEM). */
  key: string
  /** CA certificate (PEM). */
  ca: string
}

const DAY = 24 * 60 * 60 * 1000
const VALIDITY_DAYS = 30
const MIN_REMAINING_MS = DAY
const LOCK_STALE_MS = 30_000

/** Creates (or reuses, when present and valid for more than a day) the test CA and server certificate in `dir`. */
export async function ensureTestCa(dir = '.emulators'): Promise<TestCa> {
  const root = resolve(dir)
  mkdirSync(root, { recursive: true })
  const existing = readValid(root)
  if (existing) return existing
  await withLock(root, async () => {
    if (readValid(root)) return // another process made it while we waited
    const files = await generate()
    for (const [name, text] of Object.entries(files)) {
      const tmp = join(root, `.${name}.${process.pid}.tmp`)
      writeFileSync(tmp, text, { mode: name === 'server-key.pem' ? 0o600 : 0o644 })
      renameSync(tmp, join(root, name))
    }
  })
  const made = readValid(root)
  if (!made) throw new Error(`ensureTestCa: could not create a valid test CA in ${root}`)
  return made
}

/**
 * For a wrapper script that must create the CA before starting Node with NODE_EXTRA_CA_CERTS:
 * ensures the CA and returns the absolute path of ca.pem.
 */
export async function prepareTestCa(dir = '.emulators'): Promise<string> {
  return (await ensureTestCa(dir)).caFile
}

/**
 * Trusts the test CA in this process without NODE_EXTRA_CA_CERTS (Node >= 24.5: tls.setDefaultCACertificates).
 * Affects TLS clients created afterwards that use the default CA store (https, fetch, the Azure SDKs).
 * Child processes still need NODE_EXTRA_CA_CERTS.
 */
export function trustTestCa(caPem: string): void {
  const current = tls.getCACertificates('default')
  const normalize = (pem: string) => pem.replace(/\s+/g, '')
  if (current.some((c) => normalize(c) === normalize(caPem))) return
  tls.setDefaultCACertificates([...current, caPem])
}

function readValid(root: string): TestCa | undefined {
  const caFile = join(root, 'ca.pem')
  const certFile = join(root, 'server.pem')
  const keyFile = join(root, 'server-key.pem')
  if (!existsSync(caFile) || !existsSync(certFile) || !existsSync(keyFile)) return undefined
  try {
    const ca = readFileSync(caFile, 'utf8')
    const cert = readFileSync(certFile, 'utf8')
    const key = readFileSync(keyFile, 'utf8')
    const caCert = new X509Certificate(ca)
    const leaf = new X509Certificate(cert)
    const minValid = Date.now() + MIN_REMAINING_MS
    if (!caCert.ca || leaf.ca) return undefined
    if (Date.parse(caCert.validTo) < minValid || Date.parse(leaf.validTo) < minValid) return undefined
    if (Date.parse(leaf.validFrom) > Date.now() + 60_000) return undefined
    if (!leaf.checkIssued(caCert) || !leaf.verify(caCert.publicKey)) return undefined
    if (!leaf.checkPrivateKey(createPrivateKey(key))) return undefined
    if (!leaf.checkIP('127.0.0.1') || !leaf.checkIP('::1') || !leaf.checkHost('localhost')) return undefined
    return { caFile, cert, key, ca }
  } catch {
    return undefined
  }
}

async function withLock(root: string, fn: () => Promise<void>): Promise<void> {
  const lock = join(root, '.lock')
  const deadline = Date.now() + 20_000
  for (;;) {
    try {
      mkdirSync(lock)
      break
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      try {
        if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true })
      } catch {
        // lock vanished meanwhile: retry
      }
      if (Date.now() > deadline) throw new Error(`ensureTestCa: timed out waiting for ${lock}`, { cause: e })
      await sleep(50)
    }
  }
  try {
    await fn()
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}

/** @peculiar/x509 needs the Reflect metadata API; loaded lazily: reusing the CA needs no x509 code. */
async function loadX509(): Promise<typeof import('@peculiar/x509')> {
  await import('reflect-metadata')
  return import('@peculiar/x509')
}

async function generate(): Promise<Record<'ca.pem' | 'server.pem' | 'server-key.pem', string>> {
  const x509 = await loadX509()
  const crypto = globalThis.crypto
  x509.cryptoProvider.set(crypto)
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' }
  const signingAlgorithm = { name: 'ECDSA', hash: 'SHA-256' }
  const notBefore = new Date(Date.now() - 60 * 60 * 1000)
  const notAfter = new Date(Date.now() + VALIDITY_DAYS * DAY)
  const serial = () => '01' + randomBytes(15).toString('hex')

  const caKeys = (await crypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: 'CN=entra-databricks-sync emulator test CA, O=entra-databricks-sync tests',
    notBefore,
    notAfter,
    signingAlgorithm,
    keys: caKeys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey)
    ]
  })

  const leafKeys = (await crypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: 'CN=localhost',
    issuer: caCert.subject,
    notBefore,
    notAfter,
    signingAlgorithm,
    publicKey: leafKeys.publicKey,
    signingKey: caKeys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyAgreement, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: 'dns', value: 'localhost' },
        { type: 'ip', value: '127.0.0.1' },
        { type: 'ip', value: '::1' }
      ]),
      await x509.SubjectKeyIdentifierExtension.create(leafKeys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCert)
    ]
  })
  const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', leafKeys.privateKey))
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trimEnd()}\n-----END PRIVATE KEY-----\n`
  return {
    'ca.pem': caCert.toString('pem') + '\n',
    'server.pem': leaf.toString('pem') + '\n',
    'server-key.pem': keyPem
  }
}

// `node build/emulators/tls.js [dir]` prints the CA file path (creating the CA when needed).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  prepareTestCa(process.argv[2]).then(
    (caFile) => console.log(caFile),
    (e: unknown) => {
      console.error(e)
      process.exitCode = 1
    }
  )
}
