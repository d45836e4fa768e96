/**
 * Cue phrases for Chinese customer-service dialogue: what marks a question,
 * what is small talk, and what is the canned politeness that agents paste
 * and summaries never repeat.
 */

// Traditional forms beside the Simplified ones (嗎, 麼, 怎樣, 為什麼, 幾天, 會不會), for zh-TW customers.
export const ZH_QUESTION = /[?？吗嗎么麼嘛]|怎么|怎样|怎樣|什么|为什么|為什麼|为啥|為啥|多久|多少|几天|幾天|哪|能不能|可不可以|可以吗|是否|有没有|有沒有|会不会|會不會|要不要|啥时候|何时|何時|咋/;

export const ZH_REQUEST = /帮我|幫我|麻烦|麻煩|我要|我想|想要|申请|申請|需要|要求|退货|退貨|退款|换货|換貨|取消|修改|改一下|补发|補發|投诉|投訴|催/;

/** Customer turns that carry no content of their own. */
export const ZH_SMALL_TALK =
  /^(在吗|在嗎|在不在|你好|您好|hello|hi|嗯+|哦+|噢|好+的?|好吧|是的?|对的?|對的?|不是|没有?了?|沒有?了?|谢谢|謝謝|多谢|多謝|谢了|謝了|ok|okay|可以|行|收到|明白|知道了|人工|转人工|客服|\.+|。+|\?+|？+)[啊呀哈呢吧的了!！。~,，\s]*$/i;

/** Agent boilerplate: greetings, holding lines, apologies, closings, satisfaction requests. */
export const ZH_AGENT_BOILERPLATE = new RegExp(
  [
    '有什么(可以|能)?(为|帮)您',
    '请问(还有)?(其他|什么)',
    '还有其他',
    '感谢您',
    '祝您',
    '很高兴',
    '稍等',
    '正在(为您)?查询',
    '查询一下',
    '核实一下',
    '抱歉',
    '歉意',
    '不便',
    '添麻烦',
    '理解',
    '耐心',
    '满意',
    '评价',
    '点击表情',
    '再见',
    '在的',
    '您好',
    '亲爱',
    '阳光般',
    '小花',
    '辛苦',
    '不客气',
    '请问是这个商品吗',
    '是这个(订单|商品)吗',
    '尽力为您',
    '为您效劳',
  ].join('|'),
);

export const ZH_AGENT_INFORMATIVE = /可以|会|需要|已经|已|无法|不能|不支持|建议|请您|您可以|工作日|小时|天|时间|退款|到账|申请|处理|联系|提交|安排|补发|为准|显示|规则|政策|支持|是的|不是/;

/** WeChat/JD emoticon codes ("#E-s[数字]") and similar noise. */
export const ZH_NOISE = /#E-[a-z]+(\[数字\])?|#E-[a-z0-9]+/gi;
