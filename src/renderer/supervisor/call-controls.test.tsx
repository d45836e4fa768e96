import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { AgentProfile } from '../../shared/domain/agent';
import type { SupervisionSession } from '../../shared/protocol/supervisor-protocol';
import { CallControls } from './call-controls';
import type { SupervisorClient } from './supervisor-actions';
import type { SupervisorState } from './supervisor-store';

/**
 * Rendered on the server, a zustand hook reads the store's initial state, never a later setState;
 * the store module is swapped for one that selects from the state this test sets.
 */
const state: Pick<SupervisorState, 'supervisor' | 'sessions'> = { supervisor: null, sessions: [] };
vi.mock('./supervisor-store', () => {
  const useSupervisorStore = <T,>(select: (s: typeof state) => T): T => select(state);
  return { useSupervisorStore: Object.assign(useSupervisorStore, { getState: () => state }) };
});

beforeAll(async () => {
  // The console registers its namespace on the global instance (useSupervisorT), as the app does.
  await i18next.init({ resources: {}, lng: 'en', fallbackLng: 'en' });
});

const sam: AgentProfile = { id: 'agt_sam', username: 'sam', displayName: 'Sam Chen', role: 'supervisor', skills: [], queues: [], capacity: 1, state: 'available', stateReason: null };
const call = (id: string, pbx?: SupervisionSession['pbx']): SupervisionSession => ({
  id, kind: 'call', supervisorId: 'agt_sam', supervisorName: 'Sam Chen', agentId: 'agt_alice', conversationId: `conv_${id}`,
  mode: 'monitor', modes: ['monitor'], startedAt: 1, endedAt: null, ...(pbx ? { pbx } : {}),
});

async function render(language: string): Promise<string> {
  await i18next.changeLanguage(language);
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18next}>
      <CallControls client={{} as SupervisorClient} agentName={() => 'Alice Wang'} customerName={() => 'Zhang Wei'} />
    </I18nextProvider>,
  );
}

describe('call controls', () => {
  it('says which session runs through the PBX, in each language', async () => {
    state.supervisor = sam;
    state.sessions = [call('mix'), call('pbx', { target: 'spy-alice', digits: { monitor: '4', whisper: '5', barge: '6' } })];
    for (const [language, text] of [['en', 'via the PBX'], ['zh-CN', '经由 PBX 交换机'], ['zh-TW', '經由 PBX 交換機']] as const) {
      // One block per session, in order; no DOM here, and the markup is small enough to read as text.
      const [mix, pbx, ...rest] = (await render(language)).split('data-session=').slice(1);
      expect(rest).toEqual([]);
      expect(mix).toMatch(/^"mix"/);
      expect(mix).not.toContain('via-pbx');
      expect(pbx).toMatch(/^"pbx"/);
      expect(pbx).toContain(`data-testid="via-pbx"> · ${text}</span>`);
      // People, not ids: the customer and the agent name the session.
      expect(mix).toContain('Zhang Wei');
      expect(mix).toContain('Alice Wang');
      expect(mix).not.toContain('conv_mix');
    }
  });
});
