import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * WeChat's message encryption ("安全模式", also used in compatibility mode), as WeChat documents it:
 * the 43-character EncodingAESKey is base64 of a 32-byte AES-256 key; the IV is the key's first 16 bytes;
 * the plaintext is 16 random bytes, the message length (4 bytes, big-endian), the message and the AppID,
 * padded PKCS#7-style to a multiple of 32 bytes. `msg_signature` is SHA-1 over the sorted, concatenated
 * token, timestamp, nonce and the base64 ciphertext, so it authenticates the body, not just the query.
 */
export interface WechatCipher {
  decrypt(encrypted: string): string;
  encrypt(message: string, random?: Buffer): string;
}

const BLOCK = 32;

export function wechatAesKey(encodingAesKey: string): Buffer {
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey)) throw new Error('the EncodingAESKey must be 43 characters of base64');
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) throw new Error('the EncodingAESKey must decode to 32 bytes');
  return key;
}

/** SHA-1 over the sorted parts, hex: the plain `signature` (token, timestamp, nonce) and `msg_signature` (plus Encrypt). */
export function wechatSha1(...parts: string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

export function createWechatCipher(encodingAesKey: string, appId: string): WechatCipher {
  const key = wechatAesKey(encodingAesKey);
  const iv = key.subarray(0, 16);
  return {
    decrypt(encrypted) {
      const data = Buffer.from(encrypted, 'base64');
      if (data.length === 0 || data.length % 16 !== 0) throw new Error('the encrypted message is not whole AES blocks');
      const decipher = createDecipheriv('aes-256-cbc', key, iv);
      decipher.setAutoPadding(false);
      const padded = Buffer.concat([decipher.update(data), decipher.final()]);
      const pad = padded[padded.length - 1] ?? 0;
      if (pad < 1 || pad > BLOCK || pad > padded.length) throw new Error('the encrypted message has bad padding');
      const plain = padded.subarray(0, padded.length - pad);
      if (plain.length < 20) throw new Error('the encrypted message is too short');
      const length = plain.readUInt32BE(16);
      if (20 + length > plain.length) throw new Error('the encrypted message has a bad length');
      const message = plain.subarray(20, 20 + length).toString('utf8');
      const from = plain.subarray(20 + length).toString('utf8');
      if (from !== appId) throw new Error('the encrypted message is for another AppID');
      return message;
    },
    encrypt(message, random = randomBytes(16)) {
      const body = Buffer.from(message, 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32BE(body.length, 0);
      const plain = Buffer.concat([random.subarray(0, 16), length, body, Buffer.from(appId, 'utf8')]);
      const pad = BLOCK - (plain.length % BLOCK);
      const cipher = createCipheriv('aes-256-cbc', key, iv);
      cipher.setAutoPadding(false);
      return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
    },
  };
}
