import { createPortPair } from './port';
import { describeRpcConformance } from './rpc-conformance.test-suite';

describeRpcConformance('an in-memory port pair', async () => {
  const [server, client] = createPortPair();
  return { server, client, sendRaw: (f) => client.send(f), close: async () => {} };
});
