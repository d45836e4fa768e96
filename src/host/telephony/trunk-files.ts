/**
 * The carrier trunk part of Kamailio's runtime configuration: who is trusted on the trunk port
 * (a permissions address file), the outbound gateways in order (a dispatcher list) and the
 * tokens sip/kamailio.cfg reads under WITH_TRUNK / WITH_GATEWAY.
 */
import { writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';

const port = z.number().int().min(1024).max(65535);
const ipAddress = z.string().refine((v) => isIP(v) !== 0, 'must be an IP address');

/** "10.0.0.0/8", "192.0.2.7" (one host) or an IPv6 CIDR. */
export const cidrSchema = z.string().transform((value, ctx) => {
  const [address = '', bits, ...rest] = value.trim().split('/');
  const family = isIP(address);
  const max = family === 6 ? 128 : 32;
  const mask = bits === undefined ? max : Number(bits);
  if (family === 0 || rest.length > 0 || !Number.isInteger(mask) || mask < 0 || mask > max) {
    ctx.addIssue({ code: 'custom', message: `not an address or CIDR: ${value}` });
    return z.NEVER;
  }
  return { address, mask };
});

/** sip:HOST:PORT (or sip:HOST, port 5060) of an outbound gateway; HOST is an IP address (Kamailio runs without DNS). */
export const gatewaySchema = z.string().transform((value, ctx) => {
  const match = /^sip:(\[[0-9a-fA-F:]+\]|[^:;\s[\]]+)(?::(\d{1,5}))?(;transport=(?:udp|tcp))?$/.exec(value.trim());
  const host = match?.[1]?.replace(/^\[|\]$/g, '') ?? '';
  if (!match || isIP(host) === 0) {
    ctx.addIssue({ code: 'custom', message: `not a gateway URI like sip:192.0.2.10:5060: ${value}` });
    return z.NEVER;
  }
  return { uri: value.trim(), host, port: match[2] ? Number(match[2]) : 5060 };
});

export const trunkSchema = z.object({
  /** UDP+TCP port the carrier sends to. */
  port,
  /** Address of that listener (default 127.0.0.1; a public address in production). */
  address: ipAddress.default('127.0.0.1'),
  /** Carrier addresses trusted to send calls. */
  allow: z.array(cidrSchema).min(1),
  /** Outbound gateways, tried in this order. */
  gateways: z.array(gatewaySchema).default([]),
  /** The site's caller ID on outbound calls. */
  callerId: z
    .string()
    .regex(/^\+?[0-9]{3,20}$/, 'callerId: digits, optionally with a leading +')
    .default('anonymous'),
  /** rtpengine's ng control socket, host:port. */
  rtpengine: z.string().regex(/^[0-9.]+:\d{1,5}$/, 'rtpengine: IPv4 host:port of its ng socket'),
});
export type TrunkOptions = z.input<typeof trunkSchema>;
type Trunk = z.output<typeof trunkSchema>;

/** Writes the address and dispatcher files into `dir`; returns the defines and tokens for the config. */
export async function trunkFiles(trunk: Trunk, dir: string): Promise<{ flags: string[]; defines: Record<string, string> }> {
  const addressFile = join(dir, 'trunk-addresses');
  const lines = [
    '# group address mask port tag',
    ...trunk.allow.map((c) => `1 ${c.address} ${c.mask} 0 carrier`),
    // Gateways send BYEs and re-INVITEs of outbound calls to the trunk port too.
    ...trunk.gateways.map((g) => `1 ${g.host} ${isIP(g.host) === 6 ? 128 : 32} 0 gateway`),
  ];
  await writeFile(addressFile, `${lines.join('\n')}\n`, { mode: 0o600 });
  const defines: Record<string, string> = {
    SB_TRUNK_ADDR: trunk.address,
    SB_TRUNK_PORT: String(trunk.port),
    SB_ADDRESS_FILE: addressFile,
    SB_RTPENGINE: `udp:${trunk.rtpengine}`,
    SB_CALLER_ID: trunk.callerId,
  };
  const flags = ['WITH_TRUNK'];
  if (trunk.gateways.length > 0) {
    const dispatcherFile = join(dir, 'gateways.list');
    // setid destination flags priority: a higher priority is tried first.
    const list = trunk.gateways.map((g, i) => `1 ${g.uri} 0 ${trunk.gateways.length - i}`);
    await writeFile(dispatcherFile, `${list.join('\n')}\n`, { mode: 0o600 });
    defines.SB_DISPATCHER_FILE = dispatcherFile;
    flags.push('WITH_GATEWAY');
  }
  return { flags, defines };
}
