import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small local server that speaks the OpenAI chat-completions API (`POST /v1/chat/completions`),
 * standing in for the LLM endpoint `ASSIST_LLM_URL` names (there is no LLM on these machines).
 * It answers with `reply(messages)` and records what it was sent.
 */
export interface ChatCompletionsServer {
  url: string;
  requests: Array<{ model: string; messages: Array<{ role: string; content: string }> }>;
  close(): Promise<void>;
}

export async function startChatCompletionsServer(reply: (messages: Array<{ role: string; content: string }>) => string): Promise<ChatCompletionsServer> {
  const requests: ChatCompletionsServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.statusCode = 404;
        res.end(JSON.stringify({ error: { message: 'not found' } }));
        return;
      }
      const request = JSON.parse(body) as ChatCompletionsServer['requests'][number];
      requests.push(request);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: 'chatcmpl-local', object: 'chat.completion', model: request.model, choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: reply(request.messages) } }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
