import type { KbLocale } from '../../shared/domain/kb-article';

/** Everything the bot says to customers, in each language it answers in. `{x}` are filled in. */
export interface BotStrings {
  orderStatus: string;
  noOrder: string;
  miss: string;
  handoffAsked: string;
  handoffNotConfident: string;
  handoffNegative: string;
  thanks: string;
  /** After an article: how to go on. */
  more: string;
  statuses: Record<string, string>;
}

const en: BotStrings = {
  orderStatus: 'Your order {id} ({summary}), placed on {date}: {status}.',
  noOrder: 'I could not find an order linked to you. Please give me your order number, or write "agent" to talk to a person.',
  miss: 'Sorry, I am not sure I understood. Could you put it another way? Or write "agent" to talk to a person.',
  handoffAsked: 'Of course: I am passing you to a person now. They will see our conversation, so you will not need to repeat yourself.',
  handoffNotConfident: 'I cannot answer this one well, so I am passing you to a person now. They will see our conversation.',
  handoffNegative: 'I am sorry about this. I am passing you to a person right away; they will see our conversation.',
  thanks: 'You are welcome! Write again any time.',
  more: 'Did that answer your question? If not, write "agent" to talk to a person.',
  statuses: {
    pending: 'waiting for payment',
    paid: 'paid, being prepared',
    processing: 'being prepared',
    shipped: 'shipped, on its way',
    in_transit: 'on its way',
    delayed: 'delayed in transit',
    delivered: 'delivered',
    cancelled: 'cancelled',
    refunded: 'refunded',
  },
};

const zhCN: BotStrings = {
  orderStatus: '您的订单 {id}（{summary}，{date} 下单）：{status}。',
  noOrder: '没有找到与您关联的订单。请告诉我订单号，或输入"转人工"联系人工客服。',
  miss: '抱歉，我没太明白。您可以换个说法，或输入"转人工"联系人工客服。',
  handoffAsked: '好的，正在为您转接人工客服，请稍候。客服能看到我们的对话，您无需重复。',
  handoffNotConfident: '这个问题我暂时答不好，正在为您转接人工客服，客服能看到我们的对话。',
  handoffNegative: '非常抱歉给您带来不便，正在为您优先转接人工客服，客服能看到我们的对话。',
  thanks: '不客气！有问题随时找我。',
  more: '这能解决您的问题吗？如果不能，输入"转人工"联系人工客服。',
  statuses: {
    pending: '待付款',
    paid: '已付款，正在备货',
    processing: '正在备货',
    shipped: '已发货，正在配送中',
    in_transit: '配送中',
    delayed: '运输延误',
    delivered: '已签收',
    cancelled: '已取消',
    refunded: '已退款',
  },
};

const zhTW: BotStrings = {
  orderStatus: '您的訂單 {id}（{summary}，{date} 下單）：{status}。',
  noOrder: '沒有找到與您關聯的訂單。請告訴我訂單編號，或輸入「轉人工」聯繫真人客服。',
  miss: '抱歉，我不太明白。您可以換個說法，或輸入「轉人工」聯繫真人客服。',
  handoffAsked: '好的，正在為您轉接真人客服，請稍候。客服看得到我們的對話，您不必重複。',
  handoffNotConfident: '這個問題我暫時答不好，正在為您轉接真人客服，客服看得到我們的對話。',
  handoffNegative: '非常抱歉造成您的不便，正在為您優先轉接真人客服，客服看得到我們的對話。',
  thanks: '不客氣！有問題隨時找我。',
  more: '這能解決您的問題嗎？如果不能，輸入「轉人工」聯繫真人客服。',
  statuses: {
    pending: '待付款',
    paid: '已付款，正在備貨',
    processing: '正在備貨',
    shipped: '已出貨，配送中',
    in_transit: '配送中',
    delayed: '運送延誤',
    delivered: '已簽收',
    cancelled: '已取消',
    refunded: '已退款',
  },
};

export const botStrings: Record<KbLocale, BotStrings> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW };

export const fill = (template: string, values: Record<string, string>): string => template.replace(/\{(\w+)\}/g, (all, key: string) => values[key] ?? all);
