/**
 * Whether Chinese text is written in Traditional or Simplified characters, from the common
 * characters whose two forms differ. Each pair is `traditional` / `simplified` at the same index.
 */
const TRADITIONAL = '們這個說問請麼裡還貨訂單號謝嗎會時為來對沒過樣給讓點開關買賣錢發換電話與後種機實體務題經處辦應該從無見現東帳戶證碼網線頁態氣歡幫聯雖並當寫員價優運費預約級檢頭壞損質節營寶區條鐘傳滿麗報紙邊際';
const SIMPLIFIED = '们这个说问请么里还货订单号谢吗会时为来对没过样给让点开关买卖钱发换电话与后种机实体务题经处办应该从无见现东账户证码网线页态气欢帮联虽并当写员价优运费预约级检头坏损质节营宝区条钟传满丽报纸边际';

const traditionalSet = new Set(TRADITIONAL);
const simplifiedSet = new Set(SIMPLIFIED);

export type ChineseScript = 'traditional' | 'simplified';

/** The script most of the text's telling characters are in; Simplified when there is no telling character. */
export function chineseScript(text: string): ChineseScript {
  let traditional = 0;
  let simplified = 0;
  for (const ch of text) {
    if (traditionalSet.has(ch)) traditional++;
    else if (simplifiedSet.has(ch)) simplified++;
  }
  return traditional > simplified ? 'traditional' : 'simplified';
}

/** The pairs, for tests: each index must hold two different forms. */
export const SCRIPT_PAIRS: ReadonlyArray<readonly [string, string]> = [...TRADITIONAL].map((t, i) => [t, [...SIMPLIFIED][i]!] as const);
