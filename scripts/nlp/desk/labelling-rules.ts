/** The written rules the desk sets were labelled by, rendered into docs/quality.md. */

export const DESK_LABELLING_RULES = `#### How the desk sets were made

- **Drawn**: Chinese: every distinct customer turn of the 777 CSDS-topic val dialogues (turns by "unknown" speakers,
  merchants writing to JD's merchant desk, included), 7,055 texts; English: every distinct Banking77 train row.
  Items are taken in the order of a seeded hash of their text (\`scripts/nlp/desk/desk-turns.ts\`), the first 1,600
  Chinese and 800 English; so the sets are uniform draws of distinct texts, not of turns (a frequent "好的" counts once).
- **Stored**: \`scripts/nlp/labels/sentiment-{zh,en}.tsv\`, one \`key, label, text fingerprint\` line per item; the
  texts stay in \`../shared/data\` and a changed corpus copy fails loudly.
- **Held back**: two in five items by a hash of their text (\`isDeskHeldBack\`), never trained or calibrated on.
- **Labelled** by hand, one turn at a time and without the dialogue around it (what the classifier sees), with four
  labels: strong-negative, negative, neutral, positive. The rules:
  - **negative** when the turn itself shows the customer unhappy: (a) words of anger, dismay or worry (生气, 无语,
    失望, 烦, 担心, "upset", "afraid"); (b) a complaint, threat or demand to escalate (投诉, 差评, 12315, 转人工 in
    anger, "speak to a manager"); (c) impatience over a delay or a repeat failure (还没, 怎么还, 都三天了, 催一下,
    快点, "still", "yet", "keeps failing", "by now"); (d) blame, disbelief, sarcasm or a rhetorical question aimed at
    the desk (怎么回事, 凭什么, 难道, 不是说…吗, 呵呵, "what's going on"); (e) harm the customer suffers from the
    seller, bank, courier or a third party: damaged, defective, missing or wrong goods, money missing or taken twice,
    a wrong rate or amount, a payment they did not make (坏了, 少发, 没收到, 没到账, 买完就降价, "charged twice",
    "a payment I don't recognise"); (f) resignation (算了, 也只能这样了, 唉).
  - **strong-negative**: negative with anger, insults or profanity (妈的), an explicit threat to complain or leave
    ("I am not satisfied with your service. Close my account."), shouting (capitals, "!!") about a grievance.
  - **neutral**: questions, requests and information, however urgent, when they carry none of the above: order
    numbers and placeholders, addresses, "在吗", "hello?", acknowledgements (好的, 嗯, ok, 行), plain "why" questions
    about a decline or a fee ("Why was my card declined?", "为什么这个显示是普通快递"), calm descriptions of the
    customer's own slip (不小心点错了, "I forgot my passcode", "I lost my card"), a price drop stated as a fact
    (降价了).
  - **positive**: thanks, praise, satisfaction or relief (谢谢, 辛苦了, 那就好, 好评, 麻烦您了 as thanks, "thank you"),
    when nothing negative is in the same turn (thanks after a complaint stays negative).
  - Borderline turns were decided by the first rule that applies, in the order above.`;

export const QUEUE_LABELLING_RULES = `#### How the Chinese queue labels were made

- **Unit**: each of the 777 CSDS-topic val dialogues contributes its customer's first message with substance
  (\`firstSubstantiveMessage\`: greetings, requests for a person, pasted order references and menu picks such as
  "订单业务咨询" are skipped), the message a router sees. Held back: the fifth of the dialogues whose id hash says so.
- **First label** by a written rule: the queue of the dialogue's first topic (\`intent-queues-zh.ts\`).
- **Checked by hand**, message by message, reading only the message, and changed where it says otherwise: it names
  another queue's business ("发票咨询" is billing whatever the topic), or it names no business at all ("我有问题要
  咨询", "我买了个手机", "之前的问题") and is labelled none. Where a message fits two queues, the topic's queue stands.
  Queues: **logistics** (delivery, tracking, shipping out, address or time changes, cancelling before delivery,
  pickup points, installation visits, shipping cost); **returns** (returns, exchanges, repairs and warranty claims,
  refunds, price protection, missing, wrong or damaged goods, return pickup, return shipping insurance);
  **billing** (invoices, payment methods, bank transfers, 白条 credit and instalments, top-ups, balances, gift and
  shopping cards); **product** (stock, price and promotions, coupons, what an item is, how to use it, trade-ins);
  **account** (login, password, phone and email on the account, real-name checks, membership, points, reviews,
  merchant accounts). 653 messages got a queue and 124 none (\`scripts/nlp/labels/queue-zh.tsv\`).`;
