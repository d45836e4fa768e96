/**
 * Three parties in one page, joined by two real WebRTC connections on loopback: customer ↔
 * agent and agent ↔ supervisor. Each party's "microphone" is an oscillator (customer 440 Hz,
 * agent 1000 Hz, supervisor 1500 Hz); the agent runs the SupervisionMixer between its two
 * calls. The Playwright spec switches modes and reads what each party hears.
 */
import type { SupervisionMode } from '../../../../src/shared/protocol/supervisor-protocol';
import { SupervisionMixer } from '../../../../src/renderer/phone/supervision/supervision-mixer';
import { toneLevels } from './tone-levels';

export const TONES = { customer: 440, agent: 1000, supervisor: 1500 } as const;
type Party = keyof typeof TONES;

const context = new AudioContext();

function tone(hz: number): MediaStream {
  const oscillator = context.createOscillator();
  oscillator.frequency.value = hz;
  const level = context.createGain();
  level.gain.value = 0.3;
  const destination = context.createMediaStreamDestination();
  oscillator.connect(level).connect(destination);
  oscillator.start();
  return destination.stream;
}

/** A pair of peer connections joined in-page; returns each side's sender and remote stream. */
async function connect(aTrack: MediaStreamTrack, bTrack: MediaStreamTrack) {
  const a = new RTCPeerConnection({ iceServers: [] });
  const b = new RTCPeerConnection({ iceServers: [] });
  a.onicecandidate = (e) => void (e.candidate && b.addIceCandidate(e.candidate));
  b.onicecandidate = (e) => void (e.candidate && a.addIceCandidate(e.candidate));
  const aRemote = new Promise<MediaStream>((resolve) => (a.ontrack = (e) => resolve(e.streams[0] ?? new MediaStream([e.track]))));
  const bRemote = new Promise<MediaStream>((resolve) => (b.ontrack = (e) => resolve(e.streams[0] ?? new MediaStream([e.track]))));
  const aSender = a.addTrack(aTrack, new MediaStream([aTrack]));
  const bSender = b.addTrack(bTrack, new MediaStream([bTrack]));
  await a.setLocalDescription(await a.createOffer());
  await b.setRemoteDescription(a.localDescription!);
  await b.setLocalDescription(await b.createAnswer());
  await a.setRemoteDescription(b.localDescription!);
  return { a, b, aSender, bSender, aRemote: await aRemote, bRemote: await bRemote };
}

function meter(stream: MediaStream): AnalyserNode {
  // Design §5: a remote stream reads as silence in WebAudio unless an element plays it too.
  const sink = document.createElement('audio');
  sink.muted = true;
  sink.autoplay = true;
  sink.srcObject = stream;
  void sink.play().catch(() => undefined);
  document.body.append(sink);
  const analyser = context.createAnalyser();
  analyser.fftSize = 8192;
  analyser.smoothingTimeConstant = 0;
  context.createMediaStreamSource(stream).connect(analyser);
  return analyser;
}

let mixer: SupervisionMixer | null = null;
const ears = new Map<Party, AnalyserNode>();
const connections: RTCPeerConnection[] = [];

async function setup(): Promise<void> {
  await context.resume();
  const customerMic = tone(TONES.customer);
  const agentMic = tone(TONES.agent);
  const supervisorMic = tone(TONES.supervisor);
  const track = (s: MediaStream): MediaStreamTrack => s.getAudioTracks()[0]!;
  // The agent first sends its raw microphone on both legs, as a call would before supervision starts.
  const customerLeg = await connect(track(customerMic), track(agentMic));
  const supervisorLeg = await connect(track(agentMic), track(supervisorMic));
  connections.push(customerLeg.a, customerLeg.b, supervisorLeg.a, supervisorLeg.b);

  mixer = new SupervisionMixer({ customer: customerLeg.bRemote, agentMic, supervisor: supervisorLeg.aRemote, context, mode: 'monitor' });
  await mixer.start();
  // Swapping tracks on the senders is how the engine goes live: no renegotiation.
  await customerLeg.bSender.replaceTrack(track(mixer.toCustomer));
  await supervisorLeg.aSender.replaceTrack(track(mixer.toSupervisor));

  ears.set('customer', meter(customerLeg.aRemote));
  ears.set('supervisor', meter(supervisorLeg.bRemote));
  const agentEar = context.createAnalyser();
  agentEar.fftSize = 8192;
  agentEar.smoothingTimeConstant = 0;
  context.createMediaStreamSource(mixer.agentHears).connect(agentEar);
  ears.set('agent', agentEar);
}

async function hears(): Promise<Record<Party, Record<string, number>>> {
  const frequencies = Object.values(TONES);
  const out = {} as Record<Party, Record<string, number>>;
  for (const [party, analyser] of ears) out[party] = await toneLevels(context, analyser, frequencies);
  return out;
}

declare global {
  interface Window {
    supervisionHarness?: {
      setup(): Promise<void>;
      setMode(mode: SupervisionMode): void;
      hears(): Promise<Record<Party, Record<string, number>>>;
      connectionStates(): string[];
    };
  }
}

window.supervisionHarness = {
  setup,
  setMode: (mode) => mixer?.setMode(mode),
  hears,
  connectionStates: () => connections.map((c) => c.connectionState),
};
document.getElementById('status')!.textContent = 'ready';
