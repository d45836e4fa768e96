import { z } from 'zod';
import { channelSchema } from '../../shared/domain/channel';
import { assignmentOutcomes, type AgentHandling, type AssignmentQueries, type AssignmentRecord } from './hub-store';
import type { QueryFn, Row } from './sqlite-query';

const assignmentRowSchema = z.object({
  id: z.string(),
  conversation_id: z.string(),
  agent_id: z.string(),
  queue: z.string(),
  channel: channelSchema,
  offered_at: z.number(),
  expires_at: z.number().nullable(),
  answered_at: z.number().nullable(),
  released_at: z.number().nullable(),
  outcome: z.enum(assignmentOutcomes).nullable(),
});

function assignmentFromRow(row: Row): AssignmentRecord {
  const r = assignmentRowSchema.parse(row);
  return {
    id: r.id,
    conversationId: r.conversation_id,
    agentId: r.agent_id,
    queue: r.queue,
    channel: r.channel,
    offeredAt: r.offered_at,
    expiresAt: r.expires_at,
    answeredAt: r.answered_at,
    releasedAt: r.released_at,
    outcome: r.outcome,
  };
}

export function assignmentQueries(q: QueryFn): AssignmentQueries {
  /** One handle-time query for the wallboard and the reports: answered parts released in [since, until), grouped. */
  function handlingBy(columns: ReadonlyArray<'agent_id' | 'queue'>, since: number, until = Number.MAX_SAFE_INTEGER) {
    const group = columns.join(', ');
    return q<{ agent_id?: string; queue?: string; n: number; total: number | null }>(
      `SELECT ${group}, COUNT(*) AS n, SUM(released_at - answered_at) AS total FROM assignments
       WHERE answered_at IS NOT NULL AND released_at IS NOT NULL AND released_at >= ? AND released_at < ? GROUP BY ${group}`,
    )
      .all(since, until)
      .map((r) => ({ agentId: r.agent_id ?? '', queue: r.queue ?? '', handled: Number(r.n), totalHandleMs: Number(r.total ?? 0) }));
  }
  const byKey = (rows: Array<{ handled: number; totalHandleMs: number }>, key: (i: number) => string): Map<string, AgentHandling> =>
    new Map(rows.map((r, i) => [key(i), { handled: r.handled, totalHandleMs: r.totalHandleMs }]));
  return {
    insertAssignment(a) {
      q(
        `INSERT INTO assignments (id, conversation_id, agent_id, queue, channel, offered_at, expires_at, answered_at, released_at, outcome)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(a.id, a.conversationId, a.agentId, a.queue, a.channel, a.offeredAt, a.expiresAt, a.answeredAt, a.releasedAt, a.outcome);
    },
    assignment: (id) => {
      const r = q('SELECT * FROM assignments WHERE id = ?').get(id);
      return r ? assignmentFromRow(r) : null;
    },
    openAssignments: (conversationId) =>
      q('SELECT * FROM assignments WHERE conversation_id = ? AND released_at IS NULL ORDER BY offered_at').all(conversationId).map(assignmentFromRow),
    openOffers: (agentId) =>
      (agentId === undefined
        ? q('SELECT * FROM assignments WHERE released_at IS NULL AND answered_at IS NULL ORDER BY offered_at').all()
        : q('SELECT * FROM assignments WHERE agent_id = ? AND released_at IS NULL AND answered_at IS NULL ORDER BY offered_at').all(agentId)
      ).map(assignmentFromRow),
    answerAssignment(id, at) {
      q('UPDATE assignments SET answered_at = ?, expires_at = NULL WHERE id = ? AND released_at IS NULL').run(at, id);
    },
    releaseAssignment(id, at, outcome) {
      q('UPDATE assignments SET released_at = ?, outcome = ? WHERE id = ? AND released_at IS NULL').run(at, outcome, id);
    },
    assignedLoad(agentId) {
      const r = q<{ chats: number | null; calls: number | null }>(
        `SELECT SUM(a.channel != 'voice') AS chats, SUM(a.channel = 'voice') AS calls FROM assignments a
         JOIN conversations c ON c.id = a.conversation_id
         WHERE a.agent_id = ? AND a.released_at IS NULL AND c.status != 'wrap_up'`,
      ).get(agentId);
      return { chats: Number(r?.chats ?? 0), calls: Number(r?.calls ?? 0) };
    },
    agentHandling(since, until) {
      const rows = handlingBy(['agent_id'], since, until);
      return byKey(rows, (i) => rows[i]!.agentId);
    },
    queueHandling(since, until) {
      const rows = handlingBy(['queue'], since, until);
      return byKey(rows, (i) => rows[i]!.queue);
    },
    handlingBetween: (since, until) => handlingBy(['agent_id', 'queue'], since, until),
    queueStats(queue, since, slaMs, now, until) {
      // The lifecycle opens a queue entry when a contact starts waiting and ends it, in the same
      // transaction as the assignment it answers (or the end that abandons it). Live (no `until`):
      // every contact still waiting counts too; a past period (the reports) counts what entered in it.
      const r = q<{ answered: number | null; abandoned: number | null; a_sla: number | null; ab_sla: number | null; total: number | null; w_past: number | null }>(
        `SELECT SUM(outcome = 'answered') AS answered, SUM(outcome = 'abandoned') AS abandoned,
                SUM(outcome = 'answered' AND ended_at - entered_at <= @sla) AS a_sla,
                SUM(outcome = 'abandoned' AND ended_at - entered_at <= @sla) AS ab_sla,
                SUM(CASE WHEN outcome = 'answered' THEN ended_at - entered_at ELSE 0 END) AS total,
                SUM(outcome = 'waiting' AND @now - entered_at > @sla) AS w_past
         FROM queue_entries WHERE queue = @queue
           AND ((entered_at >= @since AND entered_at < @until) OR (@live = 1 AND outcome = 'waiting'))`,
      ).get({ queue, since, sla: slaMs, now, until: until ?? Number.MAX_SAFE_INTEGER, live: until === undefined ? 1 : 0 });
      return {
        answered: Number(r?.answered ?? 0),
        abandoned: Number(r?.abandoned ?? 0),
        answeredWithinSla: Number(r?.a_sla ?? 0),
        abandonedWithinSla: Number(r?.ab_sla ?? 0),
        totalAnswerMs: Number(r?.total ?? 0),
        waitingPastSla: Number(r?.w_past ?? 0),
      };
    },
  };
}
