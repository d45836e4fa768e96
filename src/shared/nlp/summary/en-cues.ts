/** Cue phrases for English customer-service dialogue; see zh-cues.ts. */

export const EN_QUESTION = /\?|\b(how|what|when|where|why|which|who|can|could|would|will|is|are|do|does|did)\b/i;

export const EN_REQUEST = /\b(i want|i need|i'd like|i would like|please|refund|return|cancel|change|replace|complain|help me)\b/i;

export const EN_SMALL_TALK =
  /^(hi|hello|hey|ok|okay|yes|yeah|yep|no|nope|thanks|thank you|thx|sure|great|fine|right|cool|got it|bye|goodbye)[\s.!?,]*$/i;

export const EN_AGENT_BOILERPLATE =
  /\b(how (can|may) i help|anything else|thank you for (contacting|your patience|waiting)|have a (nice|great|good) day|one moment|let me check|please hold|sorry for the (wait|inconvenience)|my name is|you're welcome|glad (i|to) help)\b/i;

export const EN_AGENT_INFORMATIVE =
  /\b(will|can|cannot|can't|need|must|already|refund|days?|hours?|business|policy|please|you can|should|has been|is being|shipped|delivered|processed|available)\b/i;
