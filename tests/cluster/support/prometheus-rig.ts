import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../../src/host/telephony/free-port';
import { answers, startRigDaemon } from './rig-daemon';

/** Prometheus 2.42 in the foreground: scrapes the given targets every second and evaluates the given rule files. */
export interface PrometheusRig {
  url: string;
  port: number;
  pid: number;
  dir: string;
  /** An instant query through the HTTP API; throws with Prometheus's own message on a bad expression. */
  query(expr: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>>;
  /** The scrape targets with their health ('up', 'down', 'unknown'). */
  targets(): Promise<Array<{ job: string; instance: string; health: string; lastError: string }>>;
  /** Every loaded rule with its health after evaluation ('ok', 'err', 'unknown') and its state for alerts. */
  rules(): Promise<Array<{ name: string; health: string; lastError?: string; state?: string }>>;
  stop(): Promise<void>;
}

export interface PrometheusRigOptions {
  /** job name → host:port targets. */
  jobs: Record<string, string[]>;
  /** Sent as `Authorization: Bearer …` to every target. */
  bearerToken?: string;
  ruleFiles?: string[];
}

export async function startPrometheus(options: PrometheusRigOptions): Promise<PrometheusRig> {
  if (!existsSync('/usr/bin/prometheus')) throw new Error('Prometheus is not installed (apt-get install prometheus)');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const daemon = await startRigDaemon('switchboard-prometheus', async (dir) => {
    const tokenFile = join(dir, 'token');
    if (options.bearerToken) writeFileSync(tokenFile, options.bearerToken, { mode: 0o600 });
    const config = {
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      rule_files: options.ruleFiles ?? [],
      scrape_configs: Object.entries(options.jobs).map(([job, targets]) => ({
        job_name: job,
        static_configs: [{ targets }],
        ...(options.bearerToken ? { authorization: { type: 'Bearer', credentials_file: tokenFile } } : {}),
      })),
    };
    // JSON is YAML: no YAML writer needed.
    const configFile = join(dir, 'prometheus.yml');
    writeFileSync(configFile, JSON.stringify(config, null, 2));
    return {
      name: 'prometheus',
      command: '/usr/bin/prometheus',
      args: [`--config.file=${configFile}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
      ready: () => answers(`${url}/-/ready`),
    };
  });
  const api = async <T>(path: string): Promise<T> => {
    const body = (await (await fetch(`${url}${path}`)).json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`prometheus ${path}: ${body.error ?? body.status}`);
    return body.data;
  };
  return {
    ...daemon,
    url,
    port,
    query: async (expr) =>
      (await api<{ result: Array<{ metric: Record<string, string>; value: [number, string] }> }>(`/api/v1/query?query=${encodeURIComponent(expr)}`)).result,
    targets: async () =>
      (
        await api<{ activeTargets: Array<{ labels: Record<string, string>; health: string; lastError: string }> }>('/api/v1/targets?state=active')
      ).activeTargets.map((t) => ({ job: t.labels.job ?? '', instance: t.labels.instance ?? '', health: t.health, lastError: t.lastError })),
    rules: async () =>
      (
        await api<{ groups: Array<{ rules: Array<{ name: string; health: string; lastError?: string; state?: string }> }> }>('/api/v1/rules')
      ).groups.flatMap((g) => g.rules.map(({ name, health, lastError, state }) => ({ name, health, lastError, state }))),
  };
}
