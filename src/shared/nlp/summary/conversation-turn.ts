/** One utterance of a conversation, as the summarizer and the CLI see it. */
export interface ConversationTurn {
  speaker: 'agent' | 'customer';
  text: string;
}
