/**
 * Customer and agent in one page, joined by a real WebRTC connection on loopback. Each side's
 * "microphone" is a SpeechLikeVoice; the agent side runs the voice agitation monitor on its own
 * microphone (local) and the customer's audio as received (remote), as the phone engine does.
 * The Playwright spec switches moods and reads the scores.
 */
import { startVoiceAgitation, type VoiceAgitationFeatures, type VoiceAgitationMonitor } from '../../../../src/renderer/phone/voice/voice-agitation-monitor';
import { SpeechLikeVoice, type Mood } from './speech-like-voice';

export interface HarnessReading {
  score: number;
  features: VoiceAgitationFeatures;
  /** The customer's mood when the window closed. */
  mood: Mood;
  /** True when the mood changed during the window, so it holds some of each. */
  mixed: boolean;
}

const context = new AudioContext();
const connections: RTCPeerConnection[] = [];
const readings: HarnessReading[] = [];
let customer: SpeechLikeVoice | null = null;
let agent: SpeechLikeVoice | null = null;
let monitor: VoiceAgitationMonitor | null = null;
let mood: Mood = 'calm';
let changedSinceLastReading = false;

/** Sends `track` from one peer connection to another in-page; resolves with the stream as received. */
async function sendOverLoopback(track: MediaStreamTrack): Promise<MediaStream> {
  const sender = new RTCPeerConnection({ iceServers: [] });
  const receiver = new RTCPeerConnection({ iceServers: [] });
  connections.push(sender, receiver);
  sender.onicecandidate = (e) => void (e.candidate && receiver.addIceCandidate(e.candidate));
  receiver.onicecandidate = (e) => void (e.candidate && sender.addIceCandidate(e.candidate));
  const received = new Promise<MediaStream>((resolve) => (receiver.ontrack = (e) => resolve(e.streams[0] ?? new MediaStream([e.track]))));
  sender.addTrack(track, new MediaStream([track]));
  await sender.setLocalDescription(await sender.createOffer());
  await receiver.setRemoteDescription(sender.localDescription!);
  await receiver.setLocalDescription(await receiver.createAnswer());
  await sender.setRemoteDescription(receiver.localDescription!);
  return received;
}

async function setup(intervalMs: number): Promise<void> {
  await context.resume();
  customer = new SpeechLikeVoice(context, 'calm');
  agent = new SpeechLikeVoice(context, 'silent');
  const remote = await sendOverLoopback(customer.stream.getAudioTracks()[0]!);
  monitor = startVoiceAgitation({
    local: agent.stream,
    remote,
    intervalMs,
    onScore: (score, features) => {
      readings.push({ score, features, mood, mixed: changedSinceLastReading });
      changedSinceLastReading = false;
    },
  });
}

/** Agitated: the customer gets loud and erratic and the agent talks over them, as in a row. */
function setMood(next: Mood): void {
  mood = next;
  changedSinceLastReading = true;
  customer?.set(next);
  agent?.set(next === 'agitated' ? 'calm' : 'silent');
}

declare global {
  interface Window {
    voiceHarness?: {
      setup(intervalMs: number): Promise<void>;
      setMood(mood: Mood): void;
      readings(): HarnessReading[];
      stop(): void;
      connectionStates(): string[];
      audioElements(): number;
    };
  }
}

window.voiceHarness = {
  setup,
  setMood,
  readings: () => readings,
  stop: () => monitor?.stop(),
  connectionStates: () => connections.map((c) => c.connectionState),
  audioElements: () => document.querySelectorAll('audio').length,
};
document.getElementById('status')!.textContent = 'ready';
