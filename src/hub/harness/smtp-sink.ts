import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * A real SMTP server process for tests: Python's standard-library `smtpd` (Debian's python3
 * 3.11), printing each received mail as one JSON line. No mail leaves the machine.
 */
const SCRIPT = `
import asyncore, json, smtpd, sys, warnings
warnings.simplefilter('ignore')
refuse = [int(sys.argv[1]) if len(sys.argv) > 1 else 0]
class Sink(smtpd.SMTPServer):
    def process_message(self, peer, mailfrom, rcpttos, data, **kw):
        if refuse[0] > 0:
            refuse[0] -= 1
            print(json.dumps({'refused': rcpttos}), flush=True)
            return '451 4.3.0 try again later'
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

/** `refuseFirst`: the first so many mails are answered 451 (a temporary failure), as a busy mail server does. */
export async function startSmtpSink(options: { refuseFirst?: number } = {}): Promise<{ url: string; mails: ReceivedMail[]; refused: () => number; stop(): void }> {
  const python = process.env.PYTHON ?? 'python3';
  const child: ChildProcess = spawn(python, ['-c', SCRIPT, String(options.refuseFirst ?? 0)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const mails: ReceivedMail[] = [];
  let refused = 0;
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`SMTP sink exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const parsed = JSON.parse(line) as { port?: number; refused?: string[] } & Partial<ReceivedMail>;
      if (parsed.port) resolve(parsed.port);
      else if (parsed.refused) refused++;
      else mails.push(parsed as ReceivedMail);
    });
  });
  return { url: `smtp://127.0.0.1:${port}`, mails, refused: () => refused, stop: () => void child.kill('SIGTERM') };
}

/** The text of a received mail, its transfer encoding undone. */
export function mailText(mail: ReceivedMail): string {
  const [head = '', ...rest] = mail.data.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => `%${h}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  }
  return body;
}
