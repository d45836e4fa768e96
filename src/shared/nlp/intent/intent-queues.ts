/**
 * Intents → the queue (skill) that handles them. Intents are fine-grained (77 banking intents,
 * 150 e-commerce topics); routing needs a handful of skills. Ordered rules on the label's words
 * rather than a table, so a retrained model with a new label still lands somewhere sensible.
 */
export type IntentLanguage = 'en' | 'zh';

const EN_RULES: ReadonlyArray<[RegExp, string]> = [
  [/top_up|topping_up/, 'top-up'],
  [/transfer|beneficiary|receiving_money|direct_debit/, 'transfers'],
  [/cash|atm|card_swallowed/, 'cash-and-atm'],
  [/exchange|currenc|fiat|country_support/, 'exchange'],
  [/verify|identity|personal_details|passcode|terminate|age_limit|source_of_funds|phone/, 'account'],
  [/refund|charged_twice|charge|fee|not_recognised|declined|pending|reverted|balance/, 'payments-and-fees'],
  [/card|pin|contactless|visa|pay/, 'cards'],
];

const ZH_RULES: ReadonlyArray<[RegExp, string]> = [
  [/发票|增票/, 'invoices'],
  [/价保/, 'price-protection'],
  [/保修|返修|退换|售后|服务单|返件|返回|检测单|纠纷|延保|补发|发错货|少商品|物流损|外包装|回收/, 'after-sales'],
  [/退款|定金/, 'refunds'],
  [/优惠|京豆|礼品卡|活动|促销|赠品|PLUS|返券|补贴|抢购|评价晒单/, 'promotions-and-membership'],
  [/支付|白条|分期|充值|钱包|小金库|余额|转账|代收|货到付款|消费记录/, 'payments'],
  [/配送|物流|出库|签收|拒收|自提|送货|运费|安装/, 'delivery'],
  [/订单|下单|取消|购物车|购买|购物流程/, 'orders'],
  [/属性|使用|商品|颜色|库存|无货|补货|生产日期|保质期|包装|正品|自营|价格/, 'product'],
  [/账户|登录|密码|实名|解锁|个人资料|邮件|企业|商家/, 'account'],
];

export function queueForIntent(language: IntentLanguage, intent: string): string {
  const rules = language === 'en' ? EN_RULES : ZH_RULES;
  for (const [pattern, queue] of rules) if (pattern.test(intent)) return queue;
  return 'general';
}
