import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server standing where an OpenAI-compatible LLM endpoint would (ASSIST_LLM_URL and
 * the summarizer's URL name one; there is no LLM on these machines). `handler` gets each request
 * with its whole body and answers it as the test needs: a completion, an error status, silence.
 */
export type LlmHandler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

export interface LlmEndpoint {
  /** The base URL a client is configured with (`…/v1`); requests go to `…/v1/chat/completions`. */
  url: string;
  close(): Promise<void>;
}

export async function startLlmEndpoint(handler: LlmHandler): Promise<LlmEndpoint> {
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => handler(req, body, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        // A handler that never answers leaves its connection open: closed here, or close() would wait for it.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** For a test file: `serve` starts endpoints, `closeAll` (in afterEach) stops every one started. */
export function llmEndpoints() {
  const open: LlmEndpoint[] = [];
  return {
    async serve(handler: LlmHandler): Promise<string> {
      const endpoint = await startLlmEndpoint(handler);
      open.push(endpoint);
      return endpoint.url;
    },
    closeAll: async (): Promise<void> => {
      await Promise.all(open.splice(0).map((e) => e.close()));
    },
  };
}
