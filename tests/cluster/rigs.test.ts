import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startHaproxy } from './support/haproxy-rig';
import { startPostgres } from './support/postgres-rig';
import { startPrometheus } from './support/prometheus-rig';
import { startRedis } from './support/redis-rig';
import { processesMentioning } from './support/rig-dir';

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** After stop: the daemon's PID is gone, nothing else runs from its folder, and the folder is deleted. */
async function expectGone(rig: { pid: number; stop(): Promise<void> }, dir: string): Promise<void> {
  await rig.stop();
  expect(alive(rig.pid)).toBe(false);
  expect(processesMentioning(dir)).toEqual([]);
  expect(existsSync(dir)).toBe(false);
}

describe('@cluster rigs: real daemons from apt as child processes', () => {
  it('PostgreSQL 15 starts on a free port, answers SQL, and stops with its backends', async () => {
    const pg = await startPostgres();
    stops.push(pg.stop);
    expect(pg.url).toMatch(/^postgres:\/\/switchboard@127\.0\.0\.1:\d+\/switchboard$/);
    expect(await pg.sql('SHOW server_version_num')).toMatch(/^15\d{4}$/);
    await pg.sql('CREATE TABLE t (n int); INSERT INTO t VALUES (41), (1)');
    expect(await pg.sql('SELECT sum(n) FROM t')).toBe('42');
    await expectGone(pg, pg.dir);
  });

  it('Redis 7 starts on a free port, answers commands, and stops', async () => {
    const redis = await startRedis();
    stops.push(redis.stop);
    expect(await redis.command('PING')).toBe('PONG');
    await redis.command('SET', 'k', 'v');
    expect(await redis.command('GET', 'k')).toBe('v');
    expect(await redis.command('INFO', 'server')).toMatch(/redis_version:7\./);
    await expectGone(redis, redis.dir);
  });

  it('HAProxy runs the deploy config, passes a request to a healthy backend, and stops', async () => {
    const backend: Server = createServer((req, res) => res.end(req.url === '/healthz' ? '{"ok":true}' : 'hello'));
    await new Promise<void>((done) => backend.listen(0, '127.0.0.1', done));
    stops.push(() => new Promise((done) => backend.close(() => done())));
    const address = backend.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const haproxy = await startHaproxy({ hubs: [`127.0.0.1:${port}`], checkInterval: '200ms' });
    stops.push(haproxy.stop);
    const res = await fetch(`${haproxy.url}/anything`);
    expect(await res.text()).toBe('hello');
    expect(res.headers.get('x-switchboard-instance')).toBe('hub1');
    expect((await haproxy.servers()).hub1?.status).toBe('UP');
    await expectGone(haproxy, haproxy.dir);
  });

  it('Prometheus starts, scrapes a target, and stops', async () => {
    const target: Server = createServer((_req, res) => res.end('# TYPE rig_probe gauge\nrig_probe 7\n'));
    await new Promise<void>((done) => target.listen(0, '127.0.0.1', done));
    stops.push(() => new Promise((done) => target.close(() => done())));
    const address = target.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const prometheus = await startPrometheus({ jobs: { probe: [`127.0.0.1:${port}`] } });
    stops.push(prometheus.stop);
    await expect.poll(async () => (await prometheus.query('rig_probe'))[0]?.value[1], { timeout: 15_000, interval: 250 }).toBe('7');
    expect((await prometheus.targets())[0]?.health).toBe('up');
    await expectGone(prometheus, prometheus.dir);
  });
});
