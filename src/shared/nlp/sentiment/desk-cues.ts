/**
 * Hand-written cue lists for customer-service text. The review corpora the polarity models learn
 * from have no neutral class and few desk phrasings ("怎么还没到", "charged twice"), and the
 * hand-labelled desk sets are small, so these lists carry what a few hundred examples cannot
 * teach: words of anger and threats, impatience, reports of harm, thanks, and the shapes of plain
 * questions. They only produce features; the desk model learns how much each family counts.
 * Texts arrive normalised (NFKC, lower case), so full-width and upper-case variants match too.
 */

export interface DeskCueFamily {
  name: string;
  pattern: RegExp;
}

const ZH: readonly DeskCueFamily[] = [
  {
    name: 'threat',
    pattern:
      /投诉|12315|消协|工商局|差评|曝光|举报|律师|起诉|法院|报警|媒体|微博上|维权|骗子|诈骗|欺诈|垃圾|坑人|坑爹|黑心|流氓|无耻|恶心|妈的|他妈|尼玛|tmd|滚|去死|忍无可忍|太过分|再也不/,
  },
  {
    name: 'emotion',
    pattern:
      /生气|气愤|气氛的|气死|火大|恼火|无语|失望|不满|不爽|郁闷|烦死|好烦|真烦|^烦|崩溃|难受|着急|急死|担心|害怕|好怕|可惜|尴尬|唉|哎|呵呵|药丸|服了|醉了|苦逼|心痛|提心吊胆|搞不懂|麻烦(?:死|诶|啊|呀|得很)|[很太好真这么]麻烦|😭|😡|😠|😤/,
  },
  {
    name: 'impatience',
    pattern:
      /怎么还|还没|还是没|一直没|一直不|都没|都不|没人|不理|不回|白等|等了|这么久|好久|太久|几天了|天了|都\S{0,4}了|已经\S{0,6}天|催|赶紧|赶快|快点|抓紧|到底|老是|总是|又(?:变|降|提交|是|要|得|拉|烂|坏|错)|为(?:什么|啥|何)(?:还|不|没|又|只)|怎么(?:没|不|只)|推迟|不更新/,
  },
  {
    name: 'harm',
    pattern:
      /坏了|坏掉|破损|损坏|碎了|烂|变质|化了|过期|假货|不符|不对|错了|搞错|发错|送错|少了|少发|漏发|只收到|没收到|未收到|没有收到|没到账|未到账|没有到账|没退|不能用|用不了|没法用|没有办法用|不能使用|无故|莫名其妙|凭什么|难道|怎么回事|怎么搞|出问题|有问题|太差|很差|真差|差劲|太慢|好慢|这么慢|太贵|贵了|降价了|买完|误导|敷衍|推脱|耽误|影响|赔偿|补偿|不应该|算了|不行了|只能|没用|不如|少件|缺件|送错|弄错|错意|漏光|差别|不一样/,
  },
  /** The customer's own slip ("不小心点错了") is no complaint about the desk. */
  { name: 'self', pattern: /不小心|我(?:自己)?\S{0,4}(?:选|填|点|拍|下|买|写|输|搞)错|(?:选|填|点|拍|下|买|写|输)错了|买重|拍重|点重|忘(?:记|了)/ },
  { name: 'thanks', pattern: /谢|感谢|辛苦|满意|好评|不错|很好|太好了|真好|棒|赞|给力|点赞|麻烦您了|麻烦你了|那就好|搞定|👍|🌹|😊/ },
  {
    name: 'question',
    pattern: /请问|请帮|帮我|能不能|可不可以|可以吗|可以么|是吗|吗[?？。!]*$|么[?？]*$|呢[?？]*$|[?？]$|怎么(?:办理|操作|申请|查|开|退|买|弄|联系|下载|看)|多久|什么时候|啥时|几天|在吗|你好|您好|咨询/,
  },
];

const EN: readonly DeskCueFamily[] = [
  {
    name: 'threat',
    pattern:
      /\b(complain|complaint|lawyer|attorney|sue|legal action|chargeback|report you|ombudsman|scam|fraud|rip ?off|wtf|damn|hell|never again|fed up|sick of|useless|ridiculous|unacceptable|outrageous|disgusting|worst|terrible|awful|horrible|hate|furious|angry|pissed|incompetent)\b/,
  },
  {
    name: 'emotion',
    pattern:
      /\b(upset|frustrat\w*|annoy\w*|disappoint\w*|unhappy|not happy|dissatisf\w*|worried|afraid|scared|concerned|panic\w*|stress\w*|fear|dislike|unfortunately)\b|!{2,}|\?{2,}/,
  },
  {
    name: 'impatience',
    pattern:
      /\b(still|yet|again|keeps?|kept|too long|so long|forever|ages|waited|been waiting|asap|immediately|right now|urgent\w*|hurry|already|by now|how much longer|what'?s going on|what'?s up with|what happened)\b|\bnow[.!]/,
  },
  {
    name: 'harm',
    pattern:
      /\b(missing|wrong\w*|incorrect\w*|mistake|twice|double\w*|duplicate\w*|overcharg\w*|extra (fee|charge)|unauthori[sz]ed|did ?n[o']t (make|do|authori[sz]e|receive|get|arrive|go through)|never (made|received|got|arrived)|do ?n[o']t recogni[sz]e|not recogni[sz]ed|unknown|strange|stolen|hacked|compromised|broken|not working|does ?n[o']t work|wo ?n[o']t work|is ?n[o']t working|not showing|not there|has ?n[o']t|have ?n[o']t|less than|only got|took my|lost my money|gone)\b/,
  },
  { name: 'self', pattern: /\b(accidentally|by mistake|by accident|i made a (typo|mistake)|my mistake|my fault|i forgot|i've forgotten|i have forgotten|i lost|i've lost|i have lost)\b/ },
  { name: 'thanks', pattern: /\b(thanks?|thank you|thx|ty|great|awesome|perfect|appreciate\w*|love|excellent|helpful|solved|resolved|works now|brilliant|wonderful|cheers)\b|:\)|👍|😊/ },
  {
    name: 'question',
    pattern: /^(hi|hello|hey)\b|^(how|what|when|where|which|who|can|could|would|will|is|are|am|do|does|did|should|may)\b|\?$|\b(please|i would like|i'd like|i want to|i need to|how do i|how can i|is it possible)\b/,
  },
];

export const DESK_CUE_FAMILIES: Readonly<Record<'zh' | 'en', readonly DeskCueFamily[]>> = { zh: ZH, en: EN };

/** Placeholders the desk software inserts ("[订单编号]"), links and order references carry no feeling. */
const NO_CONTENT = /\[[^\]]*\]|https?:\S+|咨询订单号|查询订单号|订单号|商品id|[\p{P}\p{S}\d\s]/gu;

/** 1 per family whose pattern matches, in the order of DESK_CUE_FAMILIES, then 1 when nothing but placeholders is left. */
export function deskCues(normalized: string, language: 'zh' | 'en'): number[] {
  const cues = DESK_CUE_FAMILIES[language].map((family) => (family.pattern.test(normalized) ? 1 : 0));
  cues.push(normalized.replace(NO_CONTENT, '').length < 2 ? 1 : 0);
  return cues;
}
