import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** What the end-to-end tests need from Debian, and how to tell each is there. */
export const systemDeps = [
  { pkg: 'chromium', present: () => existsSync('/usr/bin/chromium'), why: 'runs the renderer and the softphone in end-to-end tests' },
  { pkg: 'kamailio', present: () => existsSync('/usr/sbin/kamailio'), why: 'the real SIP server of the softphone tests' },
  { pkg: 'kamailio-websocket-modules', present: () => moduleExists('websocket.so'), why: 'SIP over WebSocket' },
  { pkg: 'kamailio-autheph-modules', present: () => moduleExists('auth_ephemeral.so'), why: 'agents authenticate with hub-issued credentials' },
  { pkg: 'kamailio-utils-modules', present: () => moduleExists('http_client.so'), why: 'Kamailio asks the hub who gets a call' },
  { pkg: 'kamailio-json-modules', present: () => moduleExists('jansson.so'), why: "Kamailio reads the hub's JSON answer" },
  { pkg: 'kamailio-tls-modules', present: () => moduleExists('tls.so'), why: 'SIP over secure WebSocket (wss://)' },
  { pkg: 'kamailio-extra-modules', present: () => moduleExists('nathelper.so') || existsSync('/usr/lib/x86_64-linux-gnu/kamailio/modules/nathelper.so'), why: 'NAT helpers for browser contacts' },
  { pkg: 'rtpengine-daemon', present: () => existsSync('/usr/bin/rtpengine'), why: 'anchors the media of calls between the carrier trunk (plain RTP) and WebRTC phones' },
  { pkg: 'baresip-core', present: () => existsSync('/usr/lib/baresip/modules/sndfile.so'), why: 'a real SIP phone on the carrier side of the trunk tests (tone out, recording in)' },
  { pkg: 'sox', present: () => existsSync('/usr/bin/sox'), why: 'makes the test tones each call party plays' },
  { pkg: 'postgresql-15', present: () => existsSync('/usr/lib/postgresql/15/bin/postgres'), why: "the cluster hub's database (cluster tests start a throwaway server)" },
  { pkg: 'postgresql-client-15', present: () => existsSync('/usr/lib/postgresql/15/bin/psql'), why: 'psql, with which the cluster rigs create and inspect test databases' },
  { pkg: 'redis-server', present: () => existsSync('/usr/bin/redis-server'), why: 'presence, notifications and shared rate limits between cluster hubs' },
  { pkg: 'redis-tools', present: () => existsSync('/usr/bin/redis-cli'), why: 'redis-cli, with which the cluster rigs inspect Redis' },
  { pkg: 'haproxy', present: () => existsSync('/usr/sbin/haproxy'), why: 'the load balancer of the three-hub cluster (deploy/haproxy)' },
  { pkg: 'prometheus', present: () => existsSync('/usr/bin/prometheus') && existsSync('/usr/bin/promtool'), why: "scrapes the hubs' /metrics and tests the alert rules (promtool)" },
  { pkg: 'fonts-noto-cjk', present: () => existsSync('/usr/share/fonts/opentype/noto'), why: 'renders Chinese in screenshots and axe checks' },
] as const;

function moduleExists(name: string): boolean {
  return ['/usr/lib/x86_64-linux-gnu/kamailio/modules', '/usr/lib/aarch64-linux-gnu/kamailio/modules', '/usr/lib/kamailio/modules'].some((d) =>
    existsSync(`${d}/${name}`),
  );
}

/**
 * Installs missing packages with apt when running as root on Debian, saying so; otherwise
 * fails loudly with what is missing. Nothing is skipped silently.
 */
export function ensureSystemDeps(): void {
  const missing = systemDeps.filter((d) => !d.present());
  if (missing.length === 0) return;
  const names = missing.map((d) => d.pkg);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('which', ['apt-get']).status === 0;
  if (!isRoot || !hasApt) {
    const lines = missing.map((d) => `  - ${d.pkg}: ${d.why}`).join('\n');
    throw new Error(`missing system packages (install them with apt-get as root):\n${lines}`);
  }
  process.stdout.write(`\n==> First run: installing system packages with apt-get: ${names.join(' ')}\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], { stdio: 'inherit', env });
  const still = systemDeps.filter((d) => !d.present());
  if (still.length > 0) throw new Error(`apt-get finished but these are still missing: ${still.map((d) => d.pkg).join(', ')}`);
}
