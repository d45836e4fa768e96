import type { Channel } from '../../shared/domain/channel';
import type { Identity } from '../../shared/domain/customer';

/**
 * The demo desk's people and what they said: about thirty customers with histories across the
 * widget, WeChat, e-commerce platforms, email and calls, in Simplified and Traditional Chinese and
 * English. Played through the hub's own services at start (demo-desk.ts), so feeds, routing,
 * identity matching and summaries are what a real desk would have.
 */
export type DemoAgent = 'alice' | 'bob';

export interface DemoContact {
  channel: Exclude<Channel, 'sms'>;
  /** How long ago the contact began. */
  minutesAgo: number;
  /** c: the customer, a: the agent. A call has no turns. */
  turns: ReadonlyArray<readonly ['c' | 'a', string]>;
  /** closed: handled and closed with a disposition; active: with the agent now; queued: waiting now. */
  outcome: 'closed' | 'active' | 'queued';
  agent?: DemoAgent;
  disposition?: 'resolved' | 'follow_up' | 'escalated' | 'no_answer';
  /** Calls only: the caller hung up before anyone answered. */
  missed?: boolean;
  /** Calls only: seconds talked. */
  talkSeconds?: number;
  /** E-commerce only: the platform and the order the message is about. */
  platform?: 'taobao' | 'jd';
  orderId?: string;
  queue?: string;
}

export interface DemoCustomer {
  key: string;
  /** Empty for a visitor who never said who they are: the desk labels them. */
  name: string;
  phone?: string;
  email?: string;
  tags?: string[];
  contacts: DemoContact[];
}

const DAY = 24 * 60;

/** The VIP: existing record with orders (demo-data.ts); the desk adds a ticket and these contacts. */
export const DEMO_VIP_ID = 'cus_demo_zhang';

export const demoDeskCustomers: DemoCustomer[] = [
  {
    key: 'zhang',
    name: '张伟',
    phone: '+8613800138000',
    email: 'zhang.wei@example.com',
    contacts: [
      { channel: 'webhook', platform: 'taobao', orderId: '202601050001', minutesAgo: 19 * DAY, outcome: 'closed', agent: 'alice', disposition: 'resolved', turns: [['c', '订单202601050001什么时候发货？'], ['a', '您好，已经为您催仓，今天下午发出。'], ['c', '好的，谢谢']] },
      { channel: 'voice', minutesAgo: 12 * DAY, outcome: 'closed', agent: 'alice', disposition: 'resolved', talkSeconds: 214, turns: [] },
      { channel: 'email', minutesAgo: 5 * DAY, outcome: 'closed', agent: 'bob', disposition: 'follow_up', turns: [['c', '请帮我开一张订单202601120042的增值税发票，抬头是公司名称。'], ['a', '已收到，发票将在三个工作日内发到您的邮箱。']] },
      { channel: 'widget', minutesAgo: 14, outcome: 'active', agent: 'alice', turns: [['c', '你好，上个月买的蓝牙耳机左边没有声音了'], ['a', '张先生您好，很抱歉给您带来不便。请问耳机是否已经重新配对过？'], ['c', '试过了，还是不行，能换一个吗？']] },
    ],
  },
  {
    key: 'li-na',
    name: '李娜',
    contacts: [
      { channel: 'wechat', minutesAgo: 9 * DAY, outcome: 'closed', agent: 'bob', disposition: 'resolved', turns: [['c', '请问周六营业吗？'], ['a', '周六上午九点到下午六点都在线。'], ['c', '好的谢谢']] },
      { channel: 'wechat', minutesAgo: 6, outcome: 'queued', turns: [['c', '到底什么时候发货？？等了一个星期了！'], ['c', '太差了，再不发货我就退款投诉']] },
    ],
  },
  {
    key: 'wang-fang',
    name: '王芳',
    phone: '+8613700137001',
    contacts: [
      { channel: 'webhook', platform: 'jd', minutesAgo: 15 * DAY, outcome: 'closed', agent: 'alice', disposition: 'resolved', turns: [['c', '收到的衣服尺码不对，可以换货吗？'], ['a', '可以的，我已为您生成换货单，快递员明天上门取件。'], ['c', '太好了，服务很好！']] },
    ],
  },
  {
    key: 'chen-meiling',
    name: '陳美玲',
    contacts: [
      { channel: 'widget', minutesAgo: 11 * DAY, outcome: 'closed', agent: 'bob', disposition: 'resolved', turns: [['c', '請問退貨要怎麼辦理？'], ['a', '您好，請在訂單頁面點選「申請退貨」，七天內免運費。'], ['c', '了解，謝謝您']] },
      { channel: 'widget', minutesAgo: 22, outcome: 'active', agent: 'bob', turns: [['c', '我申請退貨三天了，還沒有人來收件'], ['a', '陳小姐您好，我幫您查詢一下物流狀態。']] },
    ],
  },
  {
    key: 'lin-zhiming',
    name: '林志明',
    email: 'zhiming.lin@example.tw',
    contacts: [
      { channel: 'email', minutesAgo: 8 * DAY, outcome: 'closed', agent: 'alice', disposition: 'resolved', turns: [['c', '您好，我想修改訂單的收件地址，改成台北市信義區。'], ['a', '已為您更新地址，新的地址會在出貨單上顯示。']] },
    ],
  },
  {
    key: 'emily',
    name: 'Emily Carter',
    email: 'emily.carter@example.com',
    contacts: [
      { channel: 'email', minutesAgo: 17 * DAY, outcome: 'closed', agent: 'alice', disposition: 'resolved', turns: [['c', 'Hi, could you send me the warranty card for my speaker? I lost the paper one.'], ['a', 'Of course, Emily. The warranty card is attached to this email.'], ['c', 'Perfect, thank you so much!']] },
      { channel: 'email', minutesAgo: 2 * DAY, outcome: 'closed', agent: 'alice', disposition: 'follow_up', turns: [['c', 'The speaker stopped charging. Is it still under warranty?'], ['a', 'Yes, it is. I have opened a repair request; a courier will pick it up on Monday.']] },
    ],
  },
  {
    key: 'james',
    name: 'James Miller',
    contacts: [
      { channel: 'widget', minutesAgo: 3 * DAY + 200, outcome: 'closed', agent: 'alice', disposition: 'resolved', turns: [['c', 'Hi, my package says delivered but there is nothing at my door.'], ['a', 'Sorry to hear that, James. The courier left it with your building reception; here is the photo they took.'], ['c', 'Found it, thanks a lot!']] },
    ],
  },
  {
    key: 'liu-yang',
    name: '刘洋',
    phone: '+8613600136002',
    contacts: [
      { channel: 'voice', minutesAgo: 3 * DAY, outcome: 'closed', agent: 'bob', disposition: 'no_answer', missed: true, turns: [] },
      { channel: 'voice', minutesAgo: 3 * DAY - 30, outcome: 'closed', agent: 'alice', disposition: 'resolved', talkSeconds: 156, turns: [] },
    ],
  },
  {
    key: 'zhao-min',
    name: '赵敏',
    contacts: [
      { channel: 'wechat', minutesAgo: 35, outcome: 'active', agent: 'bob', turns: [['c', '我想把会员积分换成优惠券，怎么操作？'], ['a', '您好，在“我的-积分商城”里就可以兑换。'], ['c', '找到了，那积分什么时候过期？']] },
    ],
  },
  {
    key: 'huang-lei',
    name: '黄磊',
    contacts: [
      { channel: 'webhook', platform: 'taobao', minutesAgo: 4 * DAY, outcome: 'closed', agent: 'bob', disposition: 'escalated', turns: [['c', '收到的手机屏幕是碎的，包装也破了，太让人失望了'], ['a', '非常抱歉，我已经为您升级处理，专员会在24小时内联系您。'], ['c', '希望尽快，别再拖了']] },
    ],
  },
  {
    key: 'sophie',
    name: 'Sophie Martin',
    contacts: [
      { channel: 'widget', minutesAgo: 7 * DAY, outcome: 'closed', agent: 'alice', disposition: 'resolved', turns: [['c', 'Do you ship to Singapore?'], ['a', 'We do! Delivery takes 5 to 7 working days.'], ['c', 'Great, thanks for the quick answer']] },
    ],
  },
  {
    key: 'zhou-jie',
    name: '周杰',
    email: 'zhoujie@example.cn',
    contacts: [
      { channel: 'email', minutesAgo: 13 * DAY, outcome: 'closed', agent: 'bob', disposition: 'resolved', turns: [['c', '你好，请问企业采购可以开专票吗？'], ['a', '可以的，请提供公司的开票信息，我们会在发货时一起寄出。']] },
    ],
  },
  {
    key: 'wu-peishan',
    name: '吳佩珊',
    contacts: [
      { channel: 'wechat', minutesAgo: 6 * DAY, outcome: 'closed', agent: 'alice', disposition: 'resolved', turns: [['c', '請問這款保溫杯可以放洗碗機嗎？'], ['a', '杯身可以，杯蓋建議手洗喔。'], ['c', '好的，謝謝']] },
    ],
  },
  {
    key: 'sun-li',
    name: '孙丽',
    contacts: [
      { channel: 'webhook', platform: 'jd', minutesAgo: 10 * DAY, outcome: 'closed', agent: 'bob', disposition: 'resolved', turns: [['c', '优惠券为什么用不了？'], ['a', '这张优惠券需要满199元才能使用，您的订单是189元。'], ['c', '原来如此，明白了']] },
    ],
  },
  {
    key: 'daniel',
    name: 'Daniel Kim',
    phone: '+14155550142',
    contacts: [
      { channel: 'voice', minutesAgo: 16 * DAY, outcome: 'closed', agent: 'alice', disposition: 'resolved', talkSeconds: 305, turns: [] },
    ],
  },
  {
    key: 'zheng-hao',
    name: '郑浩',
    contacts: [
      { channel: 'widget', minutesAgo: 2 * DAY, outcome: 'closed', agent: 'alice', disposition: 'resolved', turns: [['c', '我想取消昨天下的订单'], ['a', '已为您取消，退款会在1到3个工作日原路返回。']] },
    ],
  },
  {
    key: 'he-jing-shop',
    name: '何静',
    phone: '+8613912345678',
    contacts: [
      { channel: 'webhook', platform: 'taobao', minutesAgo: 18 * DAY, outcome: 'closed', agent: 'bob', disposition: 'resolved', turns: [['c', '请问这个电饭煲有几年保修？'], ['a', '整机保修一年，内胆保修三年。']] },
    ],
  },
  {
    // Wrote on WeChat with the same phone number as 何静's shop account: the desk suggests a merge.
    key: 'he-jing-wechat',
    name: '',
    contacts: [
      { channel: 'wechat', minutesAgo: 3 * DAY, outcome: 'closed', agent: 'alice', disposition: 'follow_up', turns: [['c', '电饭煲内胆涂层掉了，我的手机号13912345678，之前在淘宝买的'], ['a', '收到，我们会联系您安排更换内胆。']] },
    ],
  },
  {
    key: 'olivia',
    name: 'Olivia Brown',
    email: 'olivia.brown@example.co.uk',
    contacts: [
      { channel: 'email', minutesAgo: 9 * DAY, outcome: 'closed', agent: 'alice', disposition: 'resolved', turns: [['c', 'I was charged twice for the same order. Please refund one of the payments.'], ['a', 'I am sorry about that, Olivia. The duplicate charge has been refunded today.']] },
    ],
  },
  {
    key: 'ma-chao',
    name: '马超',
    phone: '+8613500135003',
    contacts: [
      { channel: 'voice', minutesAgo: 5 * DAY, outcome: 'closed', agent: 'bob', disposition: 'resolved', talkSeconds: 98, turns: [] },
    ],
  },
  {
    key: 'gao-ting',
    name: '高婷',
    contacts: [
      { channel: 'widget', minutesAgo: 1 * DAY, outcome: 'closed', agent: 'alice', disposition: 'escalated', turns: [['c', '快递员态度太恶劣了，还把我的包裹扔在楼下！'], ['a', '非常抱歉给您带来这样的体验，我已经向快递公司投诉并为您申请补偿。'], ['c', '这次就算了，下次别再这样']] },
    ],
  },
  {
    key: 'xu-yating',
    name: '許雅婷',
    contacts: [
      { channel: 'webhook', platform: 'taobao', minutesAgo: 14 * DAY, outcome: 'closed', agent: 'bob', disposition: 'resolved', turns: [['c', '請問有沒有粉紅色的？'], ['a', '目前粉紅色缺貨，預計下週補貨。']] },
    ],
  },
  {
    key: 'michael',
    name: 'Michael Chen',
    contacts: [
      { channel: 'wechat', minutesAgo: 20 * DAY, outcome: 'closed', agent: 'alice', disposition: 'resolved', turns: [['c', 'Hello, can I change the delivery time to the evening?'], ['a', 'Sure, I have noted evening delivery (after 6 pm) on your order.']] },
    ],
  },
  {
    key: 'luo-qiang',
    name: '罗强',
    email: 'luoqiang@example.cn',
    contacts: [
      { channel: 'email', minutesAgo: 7 * DAY, outcome: 'closed', agent: 'bob', disposition: 'resolved', turns: [['c', '咨询一下，你们的产品支持以旧换新吗？'], ['a', '支持的，旧机评估后可抵扣新机款。']] },
    ],
  },
  {
    key: 'xie-juan',
    name: '谢娟',
    contacts: [
      { channel: 'widget', minutesAgo: 9, outcome: 'active', agent: 'bob', turns: [['c', '请问积分可以抵扣运费吗？'], ['a', '您好，积分暂时不能抵扣运费，但满99元包邮。']] },
    ],
  },
  {
    key: 'guo-peng',
    name: '郭鹏',
    contacts: [
      { channel: 'webhook', platform: 'jd', minutesAgo: 12 * DAY, outcome: 'closed', agent: 'alice', disposition: 'resolved', turns: [['c', '买的净水器什么时候安装？'], ['a', '师傅已经预约在明天上午十点上门。'], ['c', '好的，谢谢安排']] },
    ],
  },
  {
    key: 'cai-shufen',
    name: '蔡淑芬',
    phone: '+886912345678',
    contacts: [
      { channel: 'voice', minutesAgo: 8 * DAY, outcome: 'closed', agent: 'alice', disposition: 'resolved', talkSeconds: 187, turns: [] },
    ],
  },
  {
    key: 'anna',
    name: 'Anna Schmidt',
    contacts: [
      { channel: 'widget', minutesAgo: 4 * DAY, outcome: 'closed', agent: 'alice', disposition: 'resolved', turns: [['c', 'Is there an English manual for the coffee machine?'], ['a', 'Yes, here is the PDF link to the English manual.'], ['c', 'Thanks, that helps a lot']] },
    ],
  },
  {
    key: 'tang-lei',
    name: '唐磊',
    contacts: [
      { channel: 'wechat', minutesAgo: 2 * DAY, outcome: 'closed', agent: 'bob', disposition: 'resolved', turns: [['c', '门店几点关门？'], ['a', '门店晚上九点关门。']] },
    ],
  },
  {
    key: 'yuan-mei',
    name: '袁梅',
    email: 'yuanmei@example.cn',
    contacts: [
      { channel: 'email', minutesAgo: 25, outcome: 'queued', turns: [['c', '你好，我上周退的货什么时候退款？已经过了七天了。']] },
    ],
  },
  {
    key: 'anonymous',
    name: '',
    contacts: [
      { channel: 'widget', minutesAgo: 1 * DAY + 90, outcome: 'closed', agent: 'bob', disposition: 'no_answer', turns: [['c', 'hello? anyone there'], ['a', 'Hi, sorry for the wait! How can I help?']] },
    ],
  },
];

/** The VIP's open repair ticket, so the 360 shows one. */
export const demoVipTicket = { title: '蓝牙耳机左耳无声，申请换货', description: '客户已重新配对，左耳仍无声音。订单 202601050001。', priority: 'high' as const };

/** Identity a channel proves for a demo customer, built the way that channel builds it. */
export function demoChannelIdentity(customer: DemoCustomer, contact: DemoContact): Pick<Identity, 'kind' | 'value'> {
  switch (contact.channel) {
    case 'widget':
      return { kind: 'widget_visitor', value: `demo-visitor-${customer.key}` };
    case 'wechat':
      return { kind: 'wechat_openid', value: `oDemo-${customer.key}` };
    case 'webhook':
      return { kind: 'platform_user', value: `${contact.platform ?? 'taobao'}:demo-${customer.key}` };
    case 'email':
      return { kind: 'email', value: customer.email ?? `${customer.key}@example.com` };
    case 'voice':
      return { kind: 'phone', value: customer.phone ?? '+8613000000000' };
  }
}
