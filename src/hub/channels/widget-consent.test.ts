import { afterEach, describe, expect, it } from 'vitest';
import { customer360Schema } from '../../shared/protocol/hub-api';
import { eventually, startTestHub, type TestHub } from '../../../tests/harness/hub/test-hub';
import { defaultWidgetSite } from './widget-sites';

let t: TestHub;
afterEach(async () => {
  await t?.close();
});

describe('consent from the widget form', () => {
  it("keeps the site's words the visitor agreed to, in their language, once, and shows them on the customer's 360", async () => {
    t = await startTestHub();
    const consent = { site: 'shop', language: 'zh-CN' };
    const v = await t.visitor('visitor-consent-1', { name: 'Li Na', consent });
    await v.say('你好');
    // Saying hello again (a new tab) does not add a second record.
    await t.visitor('visitor-consent-1', { name: 'Li Na', consent });
    const customer = t.hub.store.customerByIdentity('widget_visitor', 'visitor-consent-1')!;
    const consents = t.hub.store.consentsOfCustomer(customer.id);
    // No site file: the built-in default site's words, as the page showed them.
    expect(consents).toEqual([{ siteId: 'shop', language: 'zh-CN', text: defaultWidgetSite.preChat.consent!['zh-CN'], givenAt: expect.any(Number) }]);

    const { token } = await t.login('alice');
    const view = customer360Schema.parse(await (await fetch(`${t.url}/api/customers/${customer.id}/360`, { headers: { authorization: `Bearer ${token}` } })).json());
    expect(view.consents.map((c) => c.text)).toEqual([defaultWidgetSite.preChat.consent!['zh-CN']]);
  });

  it('keeps nothing from a visitor who gave no consent', async () => {
    t = await startTestHub();
    const v = await t.visitor('visitor-consent-2', { name: 'Zhou Yi' });
    await v.say('hello');
    const customer = await eventually(() => t.hub.store.customerByIdentity('widget_visitor', 'visitor-consent-2'), 'customer');
    expect(t.hub.store.consentsOfCustomer(customer.id)).toEqual([]);
  });
});
