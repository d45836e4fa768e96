import { startLlmEndpoint } from './llm-endpoint';

/**
 * An LLM endpoint that speaks the OpenAI chat-completions API (`POST /v1/chat/completions`) for
 * integration and end-to-end tests: it answers with `reply(messages)` and records what it was sent.
 */
export interface ChatCompletionsServer {
  url: string;
  requests: Array<{ model: string; messages: Array<{ role: string; content: string }> }>;
  close(): Promise<void>;
}

export async function startChatCompletionsServer(reply: (messages: Array<{ role: string; content: string }>) => string): Promise<ChatCompletionsServer> {
  const requests: ChatCompletionsServer['requests'] = [];
  const endpoint = await startLlmEndpoint((req, body, res) => {
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
  return { ...endpoint, requests };
}
