/** Public surface of the on-device NLP: sentiment, alerts, voice agitation, transcripts, summaries, intent. */
export { createSentimentClassifier } from './sentiment/sentiment-classifier.js';
export type {
  SentimentClassifier,
  SentimentClassifierOptions,
  SentimentLabel,
  SentimentModels,
  SentimentResult,
} from './sentiment/sentiment-classifier.js';
export {
  isStronglyNegative,
  SENTIMENT_NEGATIVE_AT,
  SENTIMENT_POSITIVE_AT,
  SENTIMENT_STRONGLY_NEGATIVE_AT,
  sentimentLabelOf,
} from './sentiment/sentiment-bands.js';
export { loadDefaultSentimentClassifier, shippedSentimentModels } from './sentiment/default-classifier.js';
export type { SerializedLinearModel } from './sentiment/linear-model.js';
export type { SerializedDeskHead } from './sentiment/desk-head.js';
export { createSentimentTracker } from './alerts/sentiment-tracker.js';
export type {
  AlertKind,
  ConversationSentiment,
  SentimentAlert,
  SentimentSample,
  SentimentTracker,
} from './alerts/sentiment-tracker.js';
export { sentimentTrackerConfigSchema } from './alerts/tracker-config.js';
export type { SentimentTrackerConfig, SentimentTrackerConfigInput } from './alerts/tracker-config.js';
export { analyzeFrame, analyzeSpeaker, decimate, estimateF0, featuresFromFrames, rmsDb, talkOverFromLevels, talkOverRatio } from './voice/voice-features.js';
export type { FrameStat, VoiceFeatureOptions, VoiceFeatures } from './voice/voice-features.js';
export { agitationScore, DEFAULT_BASELINE, voiceSentimentScore } from './voice/voice-agitation.js';
export type { AgitationBaseline } from './voice/voice-agitation.js';
export { createCallAgitationScorer } from './voice/call-agitation-scorer.js';
export type { CallAgitationScorer, CallAgitationScorerOptions, VoiceAgitationReading } from './voice/call-agitation-scorer.js';
export { feedTranscripts, transcriptSegmentSchema } from './transcript-provider.js';
export type { FeedSummary, FeedTranscriptsOptions, TranscriptProvider, TranscriptSegment } from './transcript-provider.js';
export { detectConversationLanguage, summarize } from './summary/summarize.js';
export type { SummarizeOptions } from './summary/summarize.js';
export { summarizeCustomer } from './summary/summarize-customer.js';
export type { CustomerConversation, SummarizeCustomerOptions } from './summary/summarize-customer.js';
export type { ConversationTurn } from './summary/conversation-turn.js';
export { meanRouge, rougeN } from './summary/rouge.js';
export { createIntentClassifier } from './intent/intent-classifier.js';
export type { IntentClassifier, IntentModels, IntentSuggestion, QueueRoute } from './intent/intent-classifier.js';
export { loadDefaultIntentClassifier } from './intent/default-intent-classifier.js';
export { queueForIntent } from './intent/intent-queues.js';
export type { IntentLanguage } from './intent/intent-queues.js';
export { isServiceQueue, SERVICE_QUEUES } from './intent/service-queues.js';
export type { ServiceQueue } from './intent/service-queues.js';
export { firstSubstantiveMessage, hasSubstance, openingText } from './intent/opening-text.js';
export type { SerializedQueueModel } from './intent/queue-model.js';
export type { SerializedSparseSoftmax } from './common/sparse-softmax-model.js';
