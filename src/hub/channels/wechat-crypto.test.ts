import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createWechatCipher, wechatAesKey, wechatSha1 } from './wechat-crypto';

// Vectors computed here independently of the module, straight from WeChat's description with node:crypto.
const ENCODING_AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const APP_ID = 'wx5823bf96d3bd56c7';

function referenceEncrypt(message: string, random: Buffer): string {
  const key = Buffer.from(`${ENCODING_AES_KEY}=`, 'base64');
  const body = Buffer.from(message, 'utf8');
  const len = Buffer.from([(body.length >>> 24) & 255, (body.length >>> 16) & 255, (body.length >>> 8) & 255, body.length & 255]);
  const plain = Buffer.concat([random, len, body, Buffer.from(APP_ID)]);
  const pad = 32 - (plain.length % 32);
  const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([c.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), c.final()]).toString('base64');
}

function referenceDecrypt(encrypted: string): { message: string; appId: string } {
  const key = Buffer.from(`${ENCODING_AES_KEY}=`, 'base64');
  const d = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  const padded = Buffer.concat([d.update(Buffer.from(encrypted, 'base64')), d.final()]);
  const plain = padded.subarray(0, padded.length - (padded.at(-1) ?? 0));
  const n = plain.readUInt32BE(16);
  return { message: plain.subarray(20, 20 + n).toString('utf8'), appId: plain.subarray(20 + n).toString('utf8') };
}

describe('WeChat message encryption', () => {
  const cipher = createWechatCipher(ENCODING_AES_KEY, APP_ID);
  const xml = '<xml><ToUserName><![CDATA[gh]]></ToUserName><Content><![CDATA[你好，我的订单]]></Content></xml>';

  it('decrypts what WeChat encrypts and encrypts what WeChat can decrypt', () => {
    const random = Buffer.from('0123456789abcdef');
    const encrypted = referenceEncrypt(xml, random);
    expect(cipher.decrypt(encrypted)).toBe(xml);
    expect(cipher.encrypt(xml, random)).toBe(encrypted);
    expect(referenceDecrypt(cipher.encrypt(xml))).toEqual({ message: xml, appId: APP_ID });
  });

  it('pads to 32-byte blocks, a whole block when the plaintext already fills them', () => {
    for (const size of [0, 1, 11, 12, 13, 44, 200]) {
      const message = 'x'.repeat(size);
      const encrypted = cipher.encrypt(message, randomBytes(16));
      expect(Buffer.from(encrypted, 'base64').length % 32).toBe(0);
      expect(cipher.decrypt(encrypted)).toBe(message);
    }
  });

  it('refuses a message for another AppID, bad padding and broken blocks', () => {
    const other = createWechatCipher(ENCODING_AES_KEY, 'wxOtherApp000000');
    expect(() => cipher.decrypt(other.encrypt(xml))).toThrow(/another AppID/);
    expect(() => cipher.decrypt('AAAA')).toThrow(/AES blocks/);
    expect(() => cipher.decrypt(randomBytes(64).toString('base64'))).toThrow();
  });

  it('signs over token, timestamp, nonce and the ciphertext, sorted', () => {
    const parts = ['token123', '1409659813', '1372623149', 'ENCRYPTED+BODY/=='];
    const expected = createHash('sha1').update([...parts].sort().join('')).digest('hex');
    expect(wechatSha1(...parts)).toBe(expected);
    expect(wechatSha1('token123', '1409659813', '1372623149')).toBe(createHash('sha1').update(['1372623149', '1409659813', 'token123'].join('')).digest('hex'));
  });

  it('refuses an EncodingAESKey that is not 43 characters of base64', () => {
    expect(() => wechatAesKey('short')).toThrow(/43 characters/);
    expect(wechatAesKey(ENCODING_AES_KEY)).toHaveLength(32);
  });
});
