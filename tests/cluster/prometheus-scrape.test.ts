import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startHubProcess, type HubProcess } from '../integration/support/hub-process';
import { startPrometheus, type PrometheusRig } from './support/prometheus-rig';

const run = promisify(execFile);
const DEPLOY = 'deploy/prometheus';
const RULES = join(DEPLOY, 'switchboard-alerts.yml');
const DASHBOARD = 'deploy/grafana/switchboard-dashboard.json';
/** Figures the dashboard and rules already chart that the hub serves once durable jobs and per-agent feeds are in. */
const NOT_SERVED_YET = new Set(['switchboard_feed_lag_events', 'switchboard_jobs_due', 'switchboard_job_oldest_due_seconds']);

let hub: HubProcess | null = null;
let prometheus: PrometheusRig | null = null;
afterAll(async () => {
  await prometheus?.stop();
  await hub?.stop();
});

const metricNames = (expr: string): string[] => [...expr.matchAll(/\b(switchboard_[a-z_]+)\b/g)].map((m) => m[1] ?? '');

describe('@cluster Prometheus', () => {
  it('the alert rules pass their promtool unit tests, and the example config is valid', async () => {
    await run('promtool', ['check', 'rules', RULES]);
    const tested = await run('promtool', ['test', 'rules', join(DEPLOY, 'switchboard-alerts.test.yml')]);
    expect(tested.stdout).toContain('SUCCESS');
    await run('promtool', ['check', 'config', '--syntax-only', join(DEPLOY, 'prometheus.yml')]);
  });

  it('scrapes a running hub with its bearer token, loads the rules, and answers every dashboard query', async () => {
    const token = 'scrape-token-0123456789abcdef';
    const port = await freePort();
    // The demo desk's history gives the queues answered and abandoned contacts, so every queue figure has a value.
    hub = await startHubProcess(mkdtempSync(join(tmpdir(), 'metrics-hub-')), port, ['--demo-desk'], { METRICS_TOKEN: token });
    expect((await fetch(`${hub.url}/metrics`)).status).toBe(401);
    prometheus = await startPrometheus({ jobs: { 'switchboard-hub': [`127.0.0.1:${port}`] }, bearerToken: token, ruleFiles: [join(process.cwd(), RULES)] });
    const p = prometheus;

    await expect.poll(async () => (await p.targets()).map((t) => t.health), { timeout: 20_000, interval: 250 }).toEqual(['up']);
    const queues = await p.query('switchboard_queue_service_level_target_ratio');
    expect(queues.map((s) => s.metric.queue).sort()).toEqual(expect.arrayContaining(['chat', 'voice']));
    expect(queues.every((s) => s.metric.job === 'switchboard-hub' && Number(s.value[1]) > 0 && Number(s.value[1]) <= 1)).toBe(true);
    expect((await p.query('sum(switchboard_agents)'))[0]?.value[1]).toMatch(/^[1-9]\d*$/);
    expect(await p.query('process_resident_memory_bytes{job="switchboard-hub"}')).toHaveLength(1);

    // Every rule evaluates without error against the real series.
    await expect.poll(async () => (await p.rules()).map((r) => `${r.name}:${r.health}`).sort(), { timeout: 10_000, interval: 250 }).toEqual([
      'SwitchboardHubDown:ok',
      'SwitchboardJobQueueStuck:ok',
      'SwitchboardServiceLevelBelowTarget:ok',
    ]);
    expect((await p.rules()).find((r) => r.name === 'SwitchboardHubDown')?.state).toBe('inactive');

    // The dashboard's queries are valid PromQL, and chart only what a hub serves (or will, listed above).
    const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: Array<{ title: string; targets?: Array<{ expr: string }> }> };
    const served = new Set((await p.query('{__name__=~"switchboard_.+"}')).map((s) => s.metric.__name__));
    const charted = new Set<string>();
    for (const panel of dashboard.panels) {
      for (const { expr } of panel.targets ?? []) {
        await expect(p.query(expr.replaceAll('$queue', '.*').replaceAll('$__rate_interval', '1m')), panel.title).resolves.toBeDefined();
        metricNames(expr).forEach((m) => charted.add(m));
      }
    }
    metricNames(readFileSync(RULES, 'utf8')).forEach((m) => charted.add(m));
    const unknown = [...charted].filter((m) => !served.has(m) && !NOT_SERVED_YET.has(m));
    // A counter exists from its first increment; its name is known without one.
    expect(unknown.filter((m) => m !== 'switchboard_outbound_delivery_failures_total')).toEqual([]);
    expect(charted.size).toBeGreaterThan(10);
  });
});
