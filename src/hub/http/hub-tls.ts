import { readFileSync } from 'node:fs';

/** The hub's own certificate for HTTPS and wss:// (HUB_TLS_CERT, HUB_TLS_KEY), read once at start. */
export interface HubTls {
  cert: Buffer;
  key: Buffer;
}

/** Reads the PEM files; one that cannot be read fails the start with a line naming the setting and the file. */
export function readHubTls(files: { certFile: string; keyFile: string }): HubTls {
  const read = (file: string, setting: string): Buffer => {
    try {
      return readFileSync(file);
    } catch (cause) {
      throw new Error(`${setting} ${file} could not be read: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
  };
  const cert = read(files.certFile, 'HUB_TLS_CERT');
  const key = read(files.keyFile, 'HUB_TLS_KEY');
  if (!cert.includes('-----BEGIN CERTIFICATE-----')) throw new Error(`HUB_TLS_CERT ${files.certFile} holds no PEM certificate`);
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key.toString('latin1'))) throw new Error(`HUB_TLS_KEY ${files.keyFile} holds no PEM private key`);
  return { cert, key };
}
