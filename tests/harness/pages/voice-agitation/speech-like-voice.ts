/**
 * A synthetic voice for the harness: a tone whose pitch wanders (vibrato) and whose loudness
 * pulses in syllables. Calm is quiet, nearly monotone and unhurried; agitated is loud, swings
 * across an octave and rattles along. Switching ramps the parameters rather than restarting.
 */
export type Mood = 'calm' | 'agitated' | 'silent';

interface VoiceShape {
  level: number;
  pitchHz: number;
  pitchSwingHz: number;
  pitchSwingRate: number;
  syllablesPerSecond: number;
}

const SHAPES: Record<Mood, VoiceShape> = {
  calm: { level: 0.08, pitchHz: 150, pitchSwingHz: 4, pitchSwingRate: 0.4, syllablesPerSecond: 3 },
  agitated: { level: 0.5, pitchHz: 230, pitchSwingHz: 100, pitchSwingRate: 1.7, syllablesPerSecond: 6 },
  silent: { level: 0, pitchHz: 150, pitchSwingHz: 0, pitchSwingRate: 0.4, syllablesPerSecond: 3 },
};

export class SpeechLikeVoice {
  readonly stream: MediaStream;
  private readonly carrier: OscillatorNode;
  private readonly swing: OscillatorNode;
  private readonly swingDepth: GainNode;
  private readonly syllables: OscillatorNode;
  private readonly syllableDepth: GainNode;
  private readonly amplitude: GainNode;

  constructor(private readonly context: AudioContext, mood: Mood) {
    this.carrier = context.createOscillator();
    this.swing = context.createOscillator();
    this.swingDepth = context.createGain();
    this.swing.connect(this.swingDepth).connect(this.carrier.frequency);
    this.syllables = context.createOscillator();
    this.syllableDepth = context.createGain();
    this.amplitude = context.createGain();
    this.syllables.connect(this.syllableDepth).connect(this.amplitude.gain);
    const destination = context.createMediaStreamDestination();
    this.carrier.connect(this.amplitude).connect(destination);
    this.stream = destination.stream;
    this.set(mood, true);
    for (const node of [this.carrier, this.swing, this.syllables]) node.start();
  }

  /** `immediate` for the first setting, so the voice does not start from WebAudio's defaults. */
  set(mood: Mood, immediate = false): void {
    const shape = SHAPES[mood];
    const at = this.context.currentTime;
    const ramp = (param: AudioParam, value: number): void => {
      param.cancelScheduledValues(at);
      if (immediate) param.setValueAtTime(value, at);
      else param.setTargetAtTime(value, at, 0.05);
    };
    ramp(this.carrier.frequency, shape.pitchHz);
    ramp(this.swing.frequency, shape.pitchSwingRate);
    ramp(this.swingDepth.gain, shape.pitchSwingHz);
    ramp(this.syllables.frequency, shape.syllablesPerSecond);
    // Loudness pulses between 20% and 100% of the level: syllables, not silence, in between.
    ramp(this.amplitude.gain, shape.level * 0.6);
    ramp(this.syllableDepth.gain, shape.level * 0.4);
  }
}
