import type { SupervisionMode } from '../../../shared/protocol/supervisor-protocol';
import { supervisionGains, type SupervisionGains } from './supervision-gains';

export interface SupervisionMixerInput {
  /** The customer's remote audio on the agent's call. */
  customer: MediaStream;
  /** The agent's microphone. */
  agentMic: MediaStream;
  /** The supervisor's remote audio on the second leg; may arrive after the mixer starts. */
  supervisor?: MediaStream | null;
  mode?: SupervisionMode;
  context?: AudioContext;
  /**
   * Chromium feeds WebAudio silence from a remote WebRTC stream unless an element also plays it
   * (design §5). The default attaches a muted <audio>; returns a function that detaches it.
   */
  attachSink?: (stream: MediaStream) => () => void;
}

/** Gain changes ramp over a few milliseconds so a mode switch does not click. */
const RAMP_SECONDS = 0.01;

function mutedAudioSink(stream: MediaStream): () => void {
  const element = document.createElement('audio');
  element.muted = true;
  element.autoplay = true;
  element.srcObject = stream;
  element.hidden = true;
  void element.play().catch(() => undefined);
  document.body.append(element);
  return () => {
    element.srcObject = null;
    element.remove();
  };
}

/**
 * Monitor, whisper and barge on the agent's desktop, no media server (design §5). Three mixes
 * run at once, each a MediaStreamAudioDestinationNode: what goes to the supervisor (customer +
 * agent), what the agent hears (customer + supervisor when whispering or barging) and what goes
 * to the customer (agent + supervisor when barging). Switching modes moves gains only, so the
 * calls' senders keep the same tracks and nothing is renegotiated.
 */
export class SupervisionMixer {
  readonly context: AudioContext;
  /** Send on the supervisor leg (RTCRtpSender.replaceTrack). */
  readonly toSupervisor: MediaStream;
  /** Play to the agent instead of the customer's raw stream. */
  readonly agentHears: MediaStream;
  /** Send on the customer leg instead of the raw microphone. */
  readonly toCustomer: MediaStream;
  private currentMode: SupervisionMode;
  private readonly ownsContext: boolean;
  private readonly detach: Array<() => void> = [];
  private readonly attachSink: (stream: MediaStream) => () => void;
  private readonly gains: {
    toSupervisor: { customer: GainNode; agent: GainNode };
    agentHears: { customer: GainNode; supervisor: GainNode };
    toCustomer: { agent: GainNode; supervisor: GainNode };
  };
  /** Every supervisor-fed gain listens to this one node, so a later stream plugs in at one place. */
  private readonly supervisorBus: GainNode;
  private supervisorSource: MediaStreamAudioSourceNode | null = null;

  constructor(input: SupervisionMixerInput) {
    this.ownsContext = input.context === undefined;
    this.context = input.context ?? new AudioContext();
    this.attachSink = input.attachSink ?? mutedAudioSink;
    this.currentMode = input.mode ?? 'monitor';
    const ctx = this.context;
    const gain = (): GainNode => ctx.createGain();
    this.gains = {
      toSupervisor: { customer: gain(), agent: gain() },
      agentHears: { customer: gain(), supervisor: gain() },
      toCustomer: { agent: gain(), supervisor: gain() },
    };
    this.supervisorBus = gain();

    const customer = this.source(input.customer, true);
    const agent = this.source(input.agentMic, false);
    customer.connect(this.gains.toSupervisor.customer);
    customer.connect(this.gains.agentHears.customer);
    agent.connect(this.gains.toSupervisor.agent);
    agent.connect(this.gains.toCustomer.agent);
    this.supervisorBus.connect(this.gains.agentHears.supervisor);
    this.supervisorBus.connect(this.gains.toCustomer.supervisor);

    const mix = (nodes: GainNode[]): MediaStream => {
      const destination = ctx.createMediaStreamDestination();
      for (const node of nodes) node.connect(destination);
      return destination.stream;
    };
    this.toSupervisor = mix([this.gains.toSupervisor.customer, this.gains.toSupervisor.agent]);
    this.agentHears = mix([this.gains.agentHears.customer, this.gains.agentHears.supervisor]);
    this.toCustomer = mix([this.gains.toCustomer.agent, this.gains.toCustomer.supervisor]);

    this.apply(supervisionGains(this.currentMode), true);
    if (input.supervisor) this.setSupervisorStream(input.supervisor);
  }

  get mode(): SupervisionMode {
    return this.currentMode;
  }

  /** The context may start suspended in a hidden window; call once the streams are wired. */
  async start(): Promise<void> {
    await this.context.resume();
  }

  setMode(mode: SupervisionMode): void {
    this.currentMode = mode;
    this.apply(supervisionGains(mode), false);
  }

  /** Plugs in (or replaces) the supervisor leg's remote audio. */
  setSupervisorStream(stream: MediaStream | null): void {
    this.supervisorSource?.disconnect();
    this.supervisorSource = null;
    if (stream) {
      this.supervisorSource = this.source(stream, true);
      this.supervisorSource.connect(this.supervisorBus);
    }
  }

  /** Frees the graph; the calls' original tracks are the caller's to restore. */
  async close(): Promise<void> {
    this.detach.splice(0).forEach((d) => d());
    this.supervisorSource?.disconnect();
    for (const group of Object.values(this.gains)) for (const node of Object.values(group) as GainNode[]) node.disconnect();
    if (this.ownsContext) await this.context.close();
  }

  private source(stream: MediaStream, remote: boolean): MediaStreamAudioSourceNode {
    if (remote) this.detach.push(this.attachSink(stream));
    return this.context.createMediaStreamSource(stream);
  }

  private apply(gains: SupervisionGains, immediate: boolean): void {
    const set = (node: GainNode, value: number): void => {
      if (immediate) node.gain.value = value;
      else node.gain.setTargetAtTime(value, this.context.currentTime, RAMP_SECONDS);
    };
    set(this.gains.toSupervisor.customer, gains.toSupervisor.customer);
    set(this.gains.toSupervisor.agent, gains.toSupervisor.agent);
    set(this.gains.agentHears.customer, gains.agentHears.customer);
    set(this.gains.agentHears.supervisor, gains.agentHears.supervisor);
    set(this.gains.toCustomer.agent, gains.toCustomer.agent);
    set(this.gains.toCustomer.supervisor, gains.toCustomer.supervisor);
  }
}
