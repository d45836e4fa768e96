import { createServer, type Server } from 'node:http';

/**
 * A customer's website on its own origin (a second loopback server, as the hub and the shop are
 * different sites) that embeds the chat widget with the one script tag the README gives.
 */
export interface ShopPage {
  url: string;
  close(): Promise<void>;
}

export async function startShopPage(hubUrl: string, language: string): Promise<ShopPage> {
  const html = `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><title>Demo shop</title></head>
<body>
<main><h1>Demo shop</h1><p>Bluetooth headphones, phone cases and more.</p></main>
<script src="${hubUrl}/widget.js" data-site="default" async></script>
</body>
</html>`;
  const server: Server = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  // localhost, not 127.0.0.1: another origin than the hub's, on the same machine.
  return { url: `http://localhost:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
