import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_NOTICE_TEMPLATES, loadNoticeTemplates, renderNotice } from './notice-templates';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function file(json: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'notice-templates-'));
  dirs.push(dir);
  const path = join(dir, 'templates.json');
  writeFileSync(path, typeof json === 'string' ? json : JSON.stringify(json));
  return path;
}
const line = { subject: 'Order {orderId}', text: 'Hi {name}, order {orderId} arrives {eta}.' };

describe('notice templates', () => {
  it('fills the template of the event type in the language asked', () => {
    const values = { name: '陈静', orderId: 'A-20260101', summary: '耳机', eta: '周五' };
    expect(renderNotice(DEFAULT_NOTICE_TEMPLATES, 'shipment_delayed', 'zh-TW', values)).toEqual({
      ok: true,
      value: { subject: '您的訂單 A-20260101 配送延遲', text: '陈静您好，很抱歉，您的訂單 A-20260101（耳机）配送延遲，預計 周五 送達。如有疑問，直接回覆此訊息即可聯絡客服。' },
    });
    expect(renderNotice(DEFAULT_NOTICE_TEMPLATES, 'shipment_delayed', 'en', values)).toMatchObject({ ok: true, value: { subject: 'Your order A-20260101 is delayed' } });
  });

  it('names an unknown event type and the values a template needs', () => {
    expect(renderNotice(DEFAULT_NOTICE_TEMPLATES, 'parcel_eaten', 'en', {})).toEqual({ ok: false, message: expect.stringContaining('no notice template for event type "parcel_eaten" (known: shipment_delayed, out_for_delivery, refund_completed)') });
    expect(renderNotice(DEFAULT_NOTICE_TEMPLATES, 'shipment_delayed', 'en', { name: 'Ann', orderId: '1', summary: 's' })).toEqual({ ok: false, message: 'the "shipment_delayed" notice needs data.eta' });
    // An inherited name is no event type.
    expect(renderNotice(DEFAULT_NOTICE_TEMPLATES, 'constructor', 'en', {})).toMatchObject({ ok: false });
  });

  it('loads a file with every language of every event type, and says what is wrong with a bad one', () => {
    const good = { shipment_delayed: { 'zh-CN': line, 'zh-TW': line, en: line } };
    expect(loadNoticeTemplates(file(good))).toEqual(good);
    expect(loadNoticeTemplates(undefined)).toBe(DEFAULT_NOTICE_TEMPLATES);
    expect(() => loadNoticeTemplates(file({ shipment_delayed: { 'zh-CN': line, en: line } }))).toThrow(/zh-TW/);
    expect(() => loadNoticeTemplates(file({ shipment_delayed: { 'zh-CN': line, 'zh-TW': line, en: { ...line, text: 'Your {parcel} is late' } } }))).toThrow(/unknown placeholder in "Your \{parcel\} is late"/);
    expect(() => loadNoticeTemplates(file({ 'Shipment Delayed': { 'zh-CN': line, 'zh-TW': line, en: line } }))).toThrow(/event type/);
    expect(() => loadNoticeTemplates(file({ shipment_delayed: { 'zh-CN': line, 'zh-TW': line, en: { ...line, text: '' } } }))).toThrow(/NOTICE_TEMPLATES_FILE/);
    expect(() => loadNoticeTemplates(file('{oops'))).toThrow(/cannot be read as JSON/);
  });
});
