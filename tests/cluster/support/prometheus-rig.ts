import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../../scripts/sip/free-port';
import { startManagedProcess, waitUntilReady, type ManagedProcess } from '../../../scripts/sip/managed-process';
import { makeRigDir } from './rig-dir';

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
  const dir = makeRigDir('switchboard-prometheus');
  let proc: ManagedProcess | null = null;
  try {
    const port = await freePort();
    const tokenFile = join(dir.path, 'token');
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
    const configFile = join(dir.path, 'prometheus.yml');
    writeFileSync(configFile, JSON.stringify(config, null, 2));
    const url = `http://127.0.0.1:${port}`;
    proc = startManagedProcess(
      '/usr/bin/prometheus',
      [`--config.file=${configFile}`, `--storage.tsdb.path=${join(dir.path, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
      join(dir.path, 'prometheus.log'),
    );
    const started = proc;
    await waitUntilReady(started, 'prometheus', async () => {
      try {
        return (await fetch(`${url}/-/ready`)).ok;
      } catch {
        return false;
      }
    });
    const api = async <T>(path: string): Promise<T> => {
      const body = (await (await fetch(`${url}${path}`)).json()) as { status: string; data: T; error?: string };
      if (body.status !== 'success') throw new Error(`prometheus ${path}: ${body.error ?? body.status}`);
      return body.data;
    };
    return {
      url,
      port,
      pid: started.child.pid ?? -1,
      dir: dir.path,
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
      stop: async () => {
        await started.stop();
        dir.remove();
      },
    };
  } catch (cause) {
    await proc?.stop();
    dir.remove();
    throw cause;
  }
}
