/** SIP INFO DTMF (application/dtmf-relay, the de-facto format both stacks speak). */
export function dtmfInfoBody(digit: string, durationMs = 100): string {
  return `Signal=${digit}\r\nDuration=${durationMs}\r\n`;
}

export function parseDtmfInfo(contentType: string, body: string): string | null {
  const type = contentType.toLowerCase();
  if (type.startsWith('application/dtmf-relay')) {
    const match = /^Signal\s*=\s*([0-9A-Da-d*#])\s*$/m.exec(body);
    return match?.[1]?.toUpperCase() ?? null;
  }
  if (type.startsWith('application/dtmf')) {
    const match = /^\s*([0-9A-Da-d*#])\s*$/.exec(body);
    return match?.[1]?.toUpperCase() ?? null;
  }
  return null;
}
