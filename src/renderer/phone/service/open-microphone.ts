/**
 * The chosen microphone as a stream for calls; null (the engine's default microphone) when none
 * is chosen. Throws when the chosen one is unavailable, so the caller can fall back.
 */
export async function openMicrophone(deviceId: string): Promise<MediaStream | null> {
  if (!deviceId) return null;
  return navigator.mediaDevices.getUserMedia({ audio: { deviceId: { exact: deviceId } }, video: false });
}
