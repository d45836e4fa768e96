import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * A real SMTP server process for tests: Python's standard-library `smtpd` (Debian's python3
 * 3.11), printing each received mail as one JSON line. No mail leaves the machine.
 */
const SCRIPT = `
import asyncore, json, smtpd, sys, warnings
warnings.simplefilter('ignore')
class Sink(smtpd.SMTPServer):
    def process_message(self, peer, mailfrom, rcpttos, data, **kw):
        body = data.decode('utf-8', 'replace') if isinstance(data, bytes) else data
        print(json.dumps({'from': mailfrom, 'to': rcpttos, 'data': body}), flush=True)
server = Sink(('127.0.0.1', 0), None, decode_data=False)
print(json.dumps({'port': server.socket.getsockname()[1]}), flush=True)
asyncore.loop()
`;

export interface ReceivedMail {
  from: string;
  to: string[];
  data: string;
}

export async function startSmtpSink(): Promise<{ url: string; mails: ReceivedMail[]; stop(): void }> {
  const python = process.env.PYTHON ?? 'python3';
  const child: ChildProcess = spawn(python, ['-c', SCRIPT], { stdio: ['ignore', 'pipe', 'pipe'] });
  const mails: ReceivedMail[] = [];
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`SMTP sink exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const parsed = JSON.parse(line) as { port?: number } & Partial<ReceivedMail>;
      if (parsed.port) resolve(parsed.port);
      else mails.push(parsed as ReceivedMail);
    });
  });
  return { url: `smtp://127.0.0.1:${port}`, mails, stop: () => void child.kill('SIGTERM') };
}
