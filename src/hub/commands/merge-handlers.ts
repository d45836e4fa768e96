import { err, ok } from '../../shared/result';
import { openSuggestion, seenMerge } from './command-guards';
import { defineHandler } from './command-handler';

export const mergeAccept = defineHandler('merge.accept', {
  guard: openSuggestion,
  run({ deps, agent }, _command, suggestion) {
    const { merges, store } = deps;
    const target = merges.resolve(suggestion.customerId);
    const source = merges.resolve(suggestion.candidateId);
    if (!target || !source) return err('not_found', 'no such customer');
    // The older record survives, as with automatic merges.
    const [keep, fold] = target.createdAt <= source.createdAt ? [target, source] : [source, target];
    const merged = merges.merge(keep.id, fold.id, agent.id);
    if (merged.ok) store.setSuggestionStatus(suggestion.id, 'accepted');
    return merged;
  },
});

export const mergeDismiss = defineHandler('merge.dismiss', {
  guard: openSuggestion,
  run({ deps }, _command, suggestion) {
    deps.store.setSuggestionStatus(suggestion.id, 'dismissed');
    return ok({ suggestionId: suggestion.id });
  },
});

export const mergeUndo = defineHandler('merge.undo', {
  guard: seenMerge,
  run: ({ deps }, _command, record) => deps.merges.undo(record.id),
});
