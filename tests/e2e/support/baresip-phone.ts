/**
 * A real SIP phone on the carrier side: baresip 1.0 with plain RTP and G.711, playing a tone as
 * its microphone (ausine) and recording what it hears (sndfile), driven over ctrl_tcp (netstring
 * JSON). It stands for the customer's phone behind the carrier, or for the carrier's gateway.
 * baresip quirks met here: ausine works only at 48 kHz stereo; a gateway's numbers need their own
 * account or it answers 404; ctrl_tcp needs the menu module.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createSocket } from 'node:dgram';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from '@playwright/test';
import { freePort } from '../../../src/host/telephony/free-port';
import { readWavSpan, toneLevelsOfWav, type ToneLevels } from './tone-levels.js';

export interface BaresipOptions {
  /** The phone's own number (From user when it calls, the numbers it answers as a gateway). */
  numbers: string[];
  /** The tone it sends, in Hz (ignored when `audioFile` is given). */
  tone: number;
  /**
   * Narrowband: the phone samples, sends from and records at 8 kHz mono, what G.711 carries, with
   * no resampling. The tone then comes from a WAV made with sox (ausine works only at 48 kHz
   * stereo). A 48 kHz phone costs about 13 % of a core here; the trunk bench runs 20 at once.
   */
  narrowband?: boolean;
  /** Plays this 8 kHz mono 16-bit WAV as its microphone instead of a tone (implies narrowband). */
  audioFile?: string;
  /** Audio codecs it offers, in order (default PCMU, PCMA). */
  codecs?: string[];
  /** Answers every call by itself (a gateway) instead of waiting for accept(). */
  autoAnswer?: boolean;
  /** Bind to this address (default 127.0.0.1); another loopback address stands for another host. */
  address?: string;
  logPrefix?: string;
}

export interface BaresipEvent {
  type: string;
  class?: string;
  peeruri?: string;
  accountaor?: string;
  param?: string;
  direction?: string;
  id?: string;
  [key: string]: unknown;
}

function tcpPortFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

function udpPortFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createSocket('udp4');
    socket.once('error', () => done(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => done(true)));
  });
}

/**
 * baresip listens for SIP on PORT (UDP and TCP) and for SIP/TLS on PORT+1: all must be free. The
 * OS picks a free TCP port; the same UDP port may still be another process's media socket.
 */
async function freeSipPort(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (port < 65535 && (await udpPortFree(port)) && (await tcpPortFree(port + 1))) return port;
  }
}

/**
 * baresip's own RTP ports: below rtpengine's media range (mediaPortRange, 20000 and up) and the
 * OS's ephemeral ports, where the SIP ports of other phones come from; 20 phones at once in the
 * trunk bench otherwise met one another's sockets.
 */
const RTP_PORTS = '10000-19998';
const run = promisify(execFile);

function netstring(text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  return Buffer.concat([Buffer.from(`${body.length}:`), body, Buffer.from(',')]);
}

export class BaresipPhone {
  readonly events: BaresipEvent[] = [];
  /** Every INVITE-related line baresip printed, for failure messages. */
  private log = '';
  private buffer = Buffer.alloc(0);
  private responses: Array<(r: { ok: boolean; data: string }) => void> = [];

  private constructor(
    readonly dir: string,
    readonly sipUri: string,
    /** sip:ADDRESS:PORT, what a gateway list names. */
    readonly hostUri: string,
    readonly options: BaresipOptions,
    private readonly child: ChildProcess,
    private readonly control: Socket,
  ) {
    control.on('data', (chunk: Buffer) => this.onData(chunk));
  }

  static async start(options: BaresipOptions): Promise<BaresipPhone> {
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-baresip-'));
    const address = options.address ?? '127.0.0.1';
    const [sipPort, ctrlPort] = [await freeSipPort(), await freePort()];
    const recordings = join(dir, 'recordings');
    const narrowband = options.narrowband === true || options.audioFile !== undefined;
    let source = `ausine,${options.tone}`;
    if (narrowband) {
      const file = options.audioFile ?? join(dir, `tone-${options.tone}.wav`);
      if (!options.audioFile) await run('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', file, 'synth', '600', 'sine', String(options.tone), 'vol', '0.5']);
      source = `aufile,${file}`;
    }
    const [rate, channels] = narrowband ? [8000, 1] : [48000, 2];
    const config = [
      'poll_method epoll',
      `sip_listen ${address}:${sipPort}`,
      `net_interface ${address}`,
      'audio_player alsa,null',
      'audio_alert alsa,null',
      `audio_source ${source}`,
      `ausrc_srate ${rate}`,
      `ausrc_channels ${channels}`,
      `auplay_srate ${rate}`,
      `auplay_channels ${channels}`,
      'rtp_timeout 0',
      `rtp_ports ${RTP_PORTS}`,
      'module_path /usr/lib/baresip/modules',
      ...['g711', 'g722', 'gsm', 'l16', 'ausine', 'aufile', 'alsa', 'sndfile'].map((m) => `module ${m}.so`),
      'module_app account.so',
      'module_app menu.so',
      'module_app ctrl_tcp.so',
      `ctrl_tcp_listen 127.0.0.1:${ctrlPort}`,
      `snd_path ${recordings}`,
    ];
    const codecs = (options.codecs ?? ['PCMU', 'PCMA']).join(',');
    const answer = options.autoAnswer ? 'auto' : 'manual';
    const accounts = options.numbers.map((n) => `<sip:${n}@${address}:${sipPort}>;regint=0;audio_codecs=${codecs};answermode=${answer}`);
    await Promise.all([
      writeFile(join(dir, 'config'), `${config.join('\n')}\n`),
      writeFile(join(dir, 'accounts'), `${accounts.join('\n')}\n`),
      writeFile(join(dir, 'contacts'), ''),
      mkdir(recordings),
    ]);
    const child = spawn('baresip', ['-f', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-8000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`baresip exited (${child.exitCode}):\n${output}`);
      const socket = await new Promise<Socket | null>((done) => {
        const s = connect({ host: '127.0.0.1', port: ctrlPort });
        s.once('connect', () => done(s));
        s.once('error', () => done(null));
      });
      if (socket) {
        const phone = new BaresipPhone(dir, `sip:${options.numbers[0]}@${address}:${sipPort}`, `sip:${address}:${sipPort}`, options, child, socket);
        child.stdout?.on('data', (chunk: Buffer) => phone.noteLog(chunk));
        child.stderr?.on('data', (chunk: Buffer) => phone.noteLog(chunk));
        return phone;
      }
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`baresip did not open ctrl_tcp in 15 s:\n${output}`);
      }
      await new Promise((d) => setTimeout(d, 100));
    }
  }

  private noteLog(chunk: Buffer): void {
    this.log = (this.log + chunk.toString()).slice(-6000);
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const colon = this.buffer.indexOf(0x3a);
      if (colon < 0) return;
      const length = Number(this.buffer.subarray(0, colon).toString());
      if (this.buffer.length < colon + 1 + length + 1) return;
      const text = this.buffer.subarray(colon + 1, colon + 1 + length).toString('utf8');
      this.buffer = this.buffer.subarray(colon + 1 + length + 1);
      const message = JSON.parse(text) as { event?: boolean; response?: boolean; ok?: boolean; data?: string } & BaresipEvent;
      if (message.event) this.events.push(message);
      else if (message.response) this.responses.shift()?.({ ok: message.ok ?? false, data: message.data ?? '' });
    }
  }

  /** Runs a menu command (dial, accept, hangup, sndcode, ausrc…) and resolves with its output. */
  command(command: string, params = ''): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`baresip ${command} ${params}: no answer`)), 5000);
      this.responses.push((r) => {
        clearTimeout(timer);
        if (r.ok) resolve(r.data);
        else reject(new Error(`baresip ${command} ${params}: ${r.data}`));
      });
      this.control.write(netstring(JSON.stringify({ command, params, token: command })));
    });
  }

  dial(uri: string): Promise<string> {
    return this.command('dial', uri);
  }

  hangup(): Promise<string> {
    return this.command('hangup');
  }

  accept(): Promise<string> {
    return this.command('accept');
  }

  /** Presses a key on the keypad: RFC 4733 telephone-events in the RTP stream. */
  press(digit: string): Promise<string> {
    return this.command('sndcode', digit);
  }

  async waitForEvent(type: string, what = type, timeout = 20_000, predicate: (e: BaresipEvent) => boolean = () => true): Promise<BaresipEvent> {
    let found: BaresipEvent | undefined;
    await expect
      .poll(
        () => {
          found = this.events.find((e) => e.type === type && predicate(e));
          return found !== undefined;
        },
        { message: `baresip ${this.options.numbers[0]}: ${what}; events ${JSON.stringify(this.events.map((e) => e.type))}\n${this.log.slice(-2000)}`, timeout },
      )
      .toBe(true);
    return found!;
  }

  /** The newest recording of what this phone heard (sndfile's "-dec" file), or null before any call. */
  async heardFile(): Promise<string | null> {
    const dir = join(this.dir, 'recordings');
    const files = (await readdir(dir)).filter((f) => f.endsWith('-dec.wav'));
    if (files.length === 0) return null;
    const dated = await Promise.all(files.map(async (f) => ({ f, at: (await stat(join(dir, f))).mtimeMs })));
    return join(dir, dated.sort((a, b) => b.at - a.at)[0]!.f);
  }

  /** Levels of each tone in the last `seconds` of what this phone heard. */
  async levels(tones: number[], seconds = 0.5): Promise<ToneLevels | null> {
    const file = await this.heardFile();
    return file ? toneLevelsOfWav(file, tones, seconds) : null;
  }

  /** RMS level in dBFS of the last `seconds` of what this phone heard; null before any call. */
  async loudness(seconds = 0.5): Promise<number | null> {
    const file = await this.heardFile();
    if (!file) return null;
    const { samples } = await readWavSpan(file, -seconds, seconds);
    if (samples.length === 0) return null;
    let sum = 0;
    for (const x of samples) sum += x * x;
    const rms = Math.sqrt(sum / samples.length);
    return rms > 0 ? 20 * Math.log10(rms) : -200;
  }

  /** Waits until `present` stands `margin` dB above every tone in `absent` in what this phone hears now. */
  async expectHearing(present: number[], absent: number[], margin: number, timeout = 15_000): Promise<void> {
    let last: ToneLevels | null = null;
    await expect
      .poll(
        async () => {
          last = await this.levels([...present, ...absent]);
          if (!last) return false;
          const level = (hz: number): number => last?.[hz] ?? -200;
          return Math.min(...present.map(level)) - Math.max(...absent.map(level)) >= margin;
        },
        { message: `baresip ${this.options.numbers[0]} should hear [${present.join(',')}] over [${absent.join(',')}]: ${JSON.stringify(last)}`, timeout, intervals: [300] },
      )
      .toBe(true);
  }

  async stop(): Promise<void> {
    this.control.destroy();
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((done) => this.child.once('exit', done));
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    await rm(this.dir, { recursive: true, force: true });
  }
}
