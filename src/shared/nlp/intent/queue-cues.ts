/**
 * Hand-written cue words per desk queue. A few hundred labelled first messages cannot teach every
 * way of saying "invoice" or "where is my parcel"; these lists can, and the queue model learns
 * how far to trust each. Texts arrive normalised (NFKC, lower case).
 */
import type { ServiceQueue } from './service-queues.js';

const ZH: Readonly<Record<ServiceQueue, RegExp>> = {
  logistics:
    /配送|送货|送到|送达|派送|派件|快递|物流|发货|出库|到货|几天到|什么时候到|到哪|签收|拒收|自提|提货|地址|收货人|改.{0,4}(?:时间|地址|电话)|取消订单|取消.{0,2}单|下错单|拆分|安装|师傅|快递员|小哥|站点|仓|运费|催.{0,2}单|加急|收到|到了|投递|邮寄|状态|单号|包裹/,
  returns:
    /退货|退款|退钱|退回|退差|换货|换新|换一个|换个|维修|返修|保修|售后|服务单|价保|保价|价格保护|差价|降价|补差|少件|少了|漏发|发错|坏了|坏的|破损|损坏|碎了|有问题|质量|不能用|用不了|上门取件|取件|运费险|纠纷|赔偿|退.{0,2}运费|想退|能退|可以退|怎么退|退了|退掉|不想要|不要了|少(?:商品|货|件|东西|配件|一件)|没(?:有)?送|变形|粗糙|不管用|没亮|不亮|很卡|有点问题|出问题|包换|定金|返款|来取|钱.{0,4}回来/,
  billing:
    /发票|开票|专票|普票|增票|增值税|税号|抬头|白条|分期|付款|支付|转账|对公|充值|话费|流量|余额|提现|礼品卡|e卡|京东卡|购物卡|到账|扣款|扣钱|货到付款|对账|收款|账单|还款|财务|充上|开具/,
  product:
    /有货(?!到)|没货|无货|缺货|库存|补货|多少钱|价格|便宜|优惠|活动|促销|秒杀|满减|券|赠品|送.{0,2}(?:吗|么)|正品|尺码|码数|颜色|型号|规格|参数|配件|区别|怎么用|使用|可以吃|保质期|生产日期|材质|适合|推荐|回收|以旧换新|这款|这个商品|可以喝|能穿|多少斤|介绍|证书|保修多久|保修期|连接|定时|新人|来货|预约|塑封/,
  account:
    /账号|帐号|账户|帐户|密码|登录|登陆|注册|注销|实名|认证|绑定|解绑|手机号|邮箱|会员|plus|京豆|积分|评价|晒单|评论|入驻|商家后台|开店|企业账|个人信息|资料|小号|登不上|暂停服务|旧的号码|聊天记录|佣金/,
};

const EN: Readonly<Record<ServiceQueue, RegExp>> = {
  logistics: /\b(deliver\w*|ship\w*|arriv\w*|track\w*|parcel|package|courier|post|mail\w*|address|sent me|send me a (new )?card|order (a|my|another) card|new card|replacement|expire\w*)\b/,
  returns: /\b(refund\w*|return\w*|charged twice|twice|double|duplicate|dispute|don'?t recogni[sz]e|not recogni[sz]e|did ?n[o']t make|unauthori[sz]ed|wrong (amount|rate|exchange)|extra charge|cancel (a |the |my )?(transfer|payment|purchase))\b/,
  billing: /\b(top[- ]?up\w*|topping|transfer\w*|payment\w*|pay|paid|fee\w*|charge\w*|cost|pending|declined|balance|deposit\w*|cheque|check|cash|withdraw\w*|beneficiar\w*|salary|direct debit|invoice|bill\w*)\b/,
  product: /\b(exchange rate|currenc\w*|fiat|visa|mastercard|virtual card|disposable|apple pay|google pay|contactless|atm|countr\w*|support\w*|accept\w*|work\w*|activat\w*|link\w*)\b/,
  account: /\b(pin|passcode|password|identity|verify|verification|id|personal details|name|stolen|lost|compromised|hack\w*|locked|blocked|close my account|terminate|delete my account|age|old|phone)\b/,
};

export const QUEUE_CUES: Readonly<Record<'zh' | 'en', Readonly<Record<ServiceQueue, RegExp>>>> = { zh: ZH, en: EN };
