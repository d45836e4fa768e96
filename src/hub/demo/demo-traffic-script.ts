import type { Channel } from '../../shared/domain/channel';

/**
 * Who walks in while the demo runs: new chats on every text channel, some calm, some angry, each
 * with what the customer says next once an agent has answered.
 */
export interface DemoArrival {
  channel: Extract<Channel, 'widget' | 'wechat' | 'webhook' | 'email'>;
  /** Empty: a visitor who gives no name. */
  name: string;
  lines: readonly string[];
}

export const demoArrivals: readonly DemoArrival[] = [
  { channel: 'widget', name: '刘芳', lines: ['你好，我想问一下这款空气炸锅有没有现货？', '那今天下单明天能到上海吗？', '好的，谢谢！'] },
  { channel: 'wechat', name: '', lines: ['我的快递显示已签收，但我根本没收到！！', '你们到底怎么回事？这已经是第二次了', '行吧，尽快给我处理'] },
  { channel: 'widget', name: 'Tom Baker', lines: ['Hi there, can I change the colour of an order I placed this morning?', 'It is order 202601120042, I would like the black one instead.', 'Great, thank you!'] },
  { channel: 'webhook', name: '陈晨', lines: ['买的鞋子小了一码，可以换大一码吗？', '需要我自己寄回吗？运费谁出？', '明白了，谢谢'] },
  { channel: 'email', name: 'Grace Lee', lines: ['Hello, I still have not received my refund after two weeks. This is really frustrating.', 'Please confirm the date the money will be back on my card.'] },
  { channel: 'widget', name: '張雅琪', lines: ['請問會員生日有優惠嗎？', '要怎麼領取呢？', '好的，謝謝您'] },
  { channel: 'wechat', name: '', lines: ['客服在吗？我要投诉，你们的产品用了两天就坏了，太垃圾了！', '我不要维修，我要退款', '好吧，那就这样'] },
  { channel: 'webhook', name: '杨光', lines: ['请问这个型号和上一代有什么区别？', '那电池续航呢？'] },
  { channel: 'widget', name: '', lines: ['hello? is anyone there', 'I want to know if you deliver on Sundays', 'ok thanks'] },
  { channel: 'email', name: '吴昊', lines: ['你好，我收到的发票抬头写错了，请帮忙重新开具。', '正确抬头是：上海星河贸易有限公司'] },
  { channel: 'widget', name: 'Lucas Wang', lines: ['Your app keeps logging me out, this is the third time today. Useless!', 'I already reinstalled it twice.', 'Fine, I will try that.'] },
  { channel: 'wechat', name: '', lines: ['请问门店可以自提吗？', '最近的门店在哪里？'] },
];
