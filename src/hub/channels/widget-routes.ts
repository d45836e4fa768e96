import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { widgetBubbleScript } from './widget-bubble';
import type { WidgetCalls } from './widget-call';
import { widgetPage } from './widget-page';
import { widgetPageCsp } from './widget-page-csp';
import { widgetSite, type WidgetSites } from './widget-sites';
import { widgetLanguageOf } from './widget-strings';

export interface WidgetRoutesDeps {
  sites: WidgetSites;
  /** Whether an agent who serves the widget's queue is signed in and available now. */
  agentAvailable(): boolean;
  /** "Call us", where the hub has telephony. */
  calls?: WidgetCalls;
  /** The bundled call client (out/widget/widget-call.js); without it there is no "Call us" button. */
  callScript?: () => Buffer | null;
  /** Kamailio's WebSocket the call client talks to (the page's CSP allows it). */
  sipWsUrl?: string;
}

const pageQuery = z.object({
  site: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional().catch(undefined),
  lang: z.string().max(35).optional().catch(undefined),
  embed: z.string().max(5).optional().catch(undefined),
});

/** The widget's public pages: the chat page, the bubble script any website includes, and the site's settings. */
export function registerWidgetRoutes(app: FastifyInstance, deps: WidgetRoutesDeps): void {
  const bubble = widgetBubbleScript();

  app.get('/widget', async (req, reply) => {
    const query = pageQuery.parse(req.query);
    // The page's language: the embedding page's (passed by the bubble), else the browser's.
    const language = widgetLanguageOf(query.lang ?? req.headers['accept-language']?.split(',')[0]);
    const siteId = query.site ?? 'default';
    const site = widgetSite(deps.sites, query.site);
    const call = (deps.calls?.available(siteId) ?? false) && (deps.callScript?.() ?? null) !== null;
    const page = widgetPage({ language, siteId, site, online: deps.agentAvailable(), embedded: query.embed === '1', call });
    // [#17 C15] Only the page's own scripts run, it talks only to this hub (and Kamailio for a call), and only the site's own pages frame it.
    const csp = widgetPageCsp(page, { frameAncestors: site.origins, sipWsUrl: call ? deps.sipWsUrl : undefined });
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', csp)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .send(page);
  });

  app.get('/widget.js', async (_req, reply) =>
    reply.type('application/javascript; charset=utf-8').header('cache-control', 'public, max-age=300').header('x-content-type-options', 'nosniff').send(bubble),
  );

  app.get('/widget/call.js', async (_req, reply) => {
    const script = deps.callScript?.() ?? null;
    if (!script) return reply.code(404).send({ error: { code: 'not_found', message: 'calls from the widget are not built on this hub' } });
    return reply.type('application/javascript; charset=utf-8').header('cache-control', 'public, max-age=300').header('x-content-type-options', 'nosniff').send(script);
  });

  app.get('/widget/config', async (req, reply) => {
    const query = pageQuery.parse(req.query);
    return reply.header('cache-control', 'no-store').send({ site: widgetSite(deps.sites, query.site), online: deps.agentAvailable() });
  });
}
