import { err, ok } from '../../shared/result';
import { ownCall } from './command-guards';
import { defineHandler } from './command-handler';

/** The phone's quality summary when a call ends, kept on the call record. */
export const callQuality = defineHandler('call.quality', {
  guard: ownCall,
  run({ deps }, command, conversation) {
    // Calls from before call records existed have none to keep it on.
    if (!conversation.call) return err('conflict', 'this call has no call record');
    const kept = deps.lifecycle.amend(conversation.id, (current) => (current.call ? { call: { ...current.call, quality: command.quality } } : null));
    return kept.ok ? ok({ conversationId: conversation.id }) : kept;
  },
});

/** Voice agitation as a sentiment sample; worthless later, so never remembered or retried. */
export const callSentiment = defineHandler('call.sentiment', {
  guard: ownCall,
  remember: false,
  run({ deps }, command, conversation) {
    if (conversation.status === 'closed' || conversation.status === 'wrap_up') return err('conflict', 'the call has ended');
    if (!deps.voiceSentiment) return err('unavailable', 'this hub does not track sentiment');
    deps.voiceSentiment(conversation.id, command.score);
    return ok({ conversationId: conversation.id });
  },
});

/** Start, pause or resume the call's recording in rtpengine; the state shows on the call record. */
export const callRecording = defineHandler('call.recording', {
  guard: ownCall,
  async run({ deps }, command, conversation) {
    if (!deps.recorder) return err('unavailable', 'this hub does not record calls');
    const result = await deps.recorder.control(conversation, command.action);
    return result.ok ? ok({ conversationId: conversation.id, recording: result.value.call?.recording ?? null }) : result;
  },
});
