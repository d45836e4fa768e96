import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

/** An answer that changes with each call to its path (`n` counts from 1): a server that fails at first, say; or with what was asked. */
export type AnswerFn = (n: number, request: RecordedRequest) => unknown;

/** An answer with a status other than 200 (a refusal, say). */
export class StatusAnswer {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

/** A loopback HTTP server that records what the hub sends out and answers with a fixed reply per path (or one per call). */
export async function startHttpRecorder(answers: Record<string, unknown>) {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://recorder');
      const recorded: RecordedRequest = { method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      res.setHeader('content-type', 'application/json');
      const answer = answers[url.pathname];
      const n = requests.filter((r) => r.path === url.pathname).length;
      // An answer function may take its time (a busy hub): it may return a promise.
      void Promise.resolve(typeof answer === 'function' ? (answer as AnswerFn)(n, recorded) : answer).then((given: unknown) => {
        if (given instanceof StatusAnswer) res.statusCode = given.status;
        res.end(JSON.stringify((given instanceof StatusAnswer ? given.body : given) ?? { ok: true }));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}
