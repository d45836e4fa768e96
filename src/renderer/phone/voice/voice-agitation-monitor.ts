/**
 * Voice agitation during a call, from the audio itself: per speaker loudness, pitch variability
 * and a speaking-rate proxy, plus talk-over (both speaking at once). The customer's features are
 * judged against their own calm reference and reported as a sentiment score in [-1, 0]
 * (0 calm, -1 most agitated) at most once per interval, ready for
 * `rpc.workspace.reportVoiceSentiment({ sipCallId, score })`.
 */
import { createCallAgitationScorer, type CallAgitationScorerOptions } from '../../../shared/nlp/voice/call-agitation-scorer';
import type { AgitationBaseline } from '../../../shared/nlp/voice/voice-agitation';
import { featuresFromFrames, talkOverFromLevels, type FrameStat, type VoiceFeatures } from '../../../shared/nlp/voice/voice-features';
import { SpeakerTap } from './speaker-tap';

export interface VoiceAgitationFeatures {
  customer: VoiceFeatures;
  agent: VoiceFeatures;
  /** Share of the window in which both spoke at once. */
  talkOver: number;
  /** The customer's agitation in [-1, 1] against their reference, before it became a score. */
  agitation: number;
  baseline: AgitationBaseline;
  /** True while the customer's calm reference is still being learned (the first windows). */
  calibrating: boolean;
}

export interface VoiceAgitationOptions {
  /** The agent's microphone as sent on the call. */
  local: MediaStream;
  /** The customer's audio as received. */
  remote: MediaStream;
  /** Called once per window in which the customer spoke; windows of silence are not scored. */
  onScore: (score: number, features: VoiceAgitationFeatures) => void;
  /** Window length; at least 1000, default 3000. */
  intervalMs?: number;
  /** Shares the phone engine's context if given; otherwise one is made and closed on stop. */
  context?: AudioContext;
  scorer?: CallAgitationScorerOptions;
}

export interface VoiceAgitationMonitor {
  stop(): void;
}

const FRAME_MS = 40;
/** Reads are cheap; 250 ms keeps well inside the analyser's 0.7 s buffer. */
const READ_EVERY_MS = 250;

export function startVoiceAgitation(options: VoiceAgitationOptions): VoiceAgitationMonitor {
  const intervalSeconds = Math.max(1000, options.intervalMs ?? 3000) / 1000;
  const context = options.context ?? new AudioContext();
  const ownsContext = options.context === undefined;
  const taps: SpeakerTap[] = [];
  const close = (): void => {
    for (const tap of taps) tap.close();
    if (ownsContext) void context.close().catch(() => undefined);
  };
  try {
    taps.push(new SpeakerTap({ context, stream: options.local, frameMs: FRAME_MS, remote: false }));
    taps.push(new SpeakerTap({ context, stream: options.remote, frameMs: FRAME_MS, remote: true }));
  } catch (error) {
    close();
    throw error;
  }
  const [agentTap, customerTap] = taps as [SpeakerTap, SpeakerTap];
  // A page without a user gesture starts its context suspended; the call itself is the reason to run.
  void context.resume().catch(() => undefined);

  const scorer = createCallAgitationScorer(options.scorer);
  let agent: FrameStat[] = [];
  let customer: FrameStat[] = [];
  let windowStart = context.currentTime;
  let stopped = false;

  function emit(): void {
    const customerFeatures = featuresFromFrames(customer);
    const agentFeatures = featuresFromFrames(agent);
    const talkOver = talkOverFromLevels(agent.map((f) => f.db), customer.map((f) => f.db));
    agent = [];
    customer = [];
    const reading = scorer.push(customerFeatures, talkOver);
    if (!reading.judged) return;
    options.onScore(reading.score, {
      customer: customerFeatures,
      agent: agentFeatures,
      talkOver,
      agitation: reading.agitation,
      baseline: reading.baseline,
      calibrating: reading.calibrating,
    });
  }

  const timer = setInterval(() => {
    if (stopped) return;
    agent.push(...agentTap.read());
    customer.push(...customerTap.read());
    if (context.currentTime - windowStart < intervalSeconds) return;
    windowStart = context.currentTime;
    emit();
  }, READ_EVERY_MS);

  return {
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      close();
    },
  };
}
