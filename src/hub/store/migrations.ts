/** Numbered, append-only. Each runs once, in a transaction, and bumps `user_version`. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const hubMigrations: Migration[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
      CREATE TABLE agents (
        id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL, role TEXT NOT NULL,
        password_hash TEXT NOT NULL, skills TEXT NOT NULL, queues TEXT NOT NULL, capacity INTEGER NOT NULL,
        state TEXT NOT NULL, state_reason TEXT, state_since INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE queues (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, skills TEXT NOT NULL, sla_seconds INTEGER NOT NULL, sla_target REAL NOT NULL
      ) STRICT;
      CREATE TABLE customers (id TEXT PRIMARY KEY, name TEXT NOT NULL, tags TEXT NOT NULL, created_at INTEGER NOT NULL) STRICT;
      CREATE TABLE identities (
        kind TEXT NOT NULL, value TEXT NOT NULL, customer_id TEXT NOT NULL REFERENCES customers(id), verified INTEGER NOT NULL,
        PRIMARY KEY (kind, value)
      ) STRICT;
      CREATE INDEX identities_customer ON identities(customer_id);
      CREATE TABLE conversations (
        id TEXT PRIMARY KEY, customer_id TEXT NOT NULL REFERENCES customers(id), channel TEXT NOT NULL, status TEXT NOT NULL,
        queue TEXT NOT NULL, assignee_id TEXT, priority INTEGER NOT NULL, tags TEXT NOT NULL, created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL, last_message_at INTEGER, preview TEXT NOT NULL
      ) STRICT;
      CREATE INDEX conversations_customer ON conversations(customer_id, channel, status);
      CREATE INDEX conversations_status ON conversations(status);
      CREATE INDEX conversations_assignee ON conversations(assignee_id, status);
      CREATE TABLE messages (
        id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL REFERENCES conversations(id), channel TEXT NOT NULL,
        direction TEXT NOT NULL, author_kind TEXT NOT NULL, author_id TEXT, text TEXT NOT NULL, attachments TEXT NOT NULL,
        internal INTEGER NOT NULL, key TEXT UNIQUE, created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX messages_conversation ON messages(conversation_id, created_at);
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, kind TEXT NOT NULL, payload TEXT NOT NULL
      ) STRICT;
      CREATE TABLE command_keys (
        key TEXT PRIMARY KEY, agent_id TEXT NOT NULL, result TEXT NOT NULL, created_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 2,
    name: 'omnichannel',
    sql: `
      ALTER TABLE agents ADD COLUMN sip_user TEXT;
      ALTER TABLE agents ADD COLUMN state_until INTEGER;
      ALTER TABLE agents ADD COLUMN idle_since INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE queues ADD COLUMN number TEXT;
      ALTER TABLE queues ADD COLUMN overflow_queue TEXT;
      ALTER TABLE queues ADD COLUMN overflow_after_seconds INTEGER;
      ALTER TABLE customers ADD COLUMN merged_into TEXT;
      ALTER TABLE conversations ADD COLUMN queued_at INTEGER;
      ALTER TABLE conversations ADD COLUMN last_inbound_channel TEXT;
      ALTER TABLE conversations ADD COLUMN closed_at INTEGER;
      ALTER TABLE conversations ADD COLUMN disposition TEXT;
      ALTER TABLE conversations ADD COLUMN disposition_note TEXT;
      ALTER TABLE conversations ADD COLUMN order_ids TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE conversations ADD COLUMN call_id TEXT;
      CREATE UNIQUE INDEX conversations_call ON conversations(call_id) WHERE call_id IS NOT NULL;
      CREATE INDEX conversations_customer_any ON conversations(customer_id, created_at);
      CREATE TABLE message_secrets (message_id TEXT PRIMARY KEY REFERENCES messages(id), text TEXT NOT NULL) STRICT;
      CREATE TABLE customer_merges (
        id TEXT PRIMARY KEY, target_id TEXT NOT NULL REFERENCES customers(id), source_id TEXT NOT NULL REFERENCES customers(id),
        by TEXT NOT NULL, at INTEGER NOT NULL, undone_at INTEGER, moved_identities TEXT NOT NULL, moved_conversations TEXT NOT NULL
      ) STRICT;
      CREATE INDEX customer_merges_target ON customer_merges(target_id);
      CREATE INDEX customer_merges_source ON customer_merges(source_id);
      CREATE TABLE merge_suggestions (
        id TEXT PRIMARY KEY, customer_id TEXT NOT NULL REFERENCES customers(id), candidate_id TEXT NOT NULL REFERENCES customers(id),
        reason_kind TEXT NOT NULL, reason_value TEXT NOT NULL, status TEXT NOT NULL, created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX merge_suggestions_customer ON merge_suggestions(customer_id, status);
      CREATE INDEX merge_suggestions_candidate ON merge_suggestions(candidate_id, status);
      CREATE TABLE dispositions (code TEXT PRIMARY KEY, label TEXT NOT NULL, active INTEGER NOT NULL) STRICT;
      CREATE TABLE orders (
        id TEXT PRIMARY KEY, customer_id TEXT NOT NULL REFERENCES customers(id), platform TEXT NOT NULL, status TEXT NOT NULL,
        total_minor INTEGER NOT NULL, currency TEXT NOT NULL, summary TEXT NOT NULL, created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX orders_customer ON orders(customer_id, created_at);
      CREATE TABLE tickets (
        id TEXT PRIMARY KEY, customer_id TEXT NOT NULL REFERENCES customers(id), conversation_id TEXT REFERENCES conversations(id),
        title TEXT NOT NULL, description TEXT NOT NULL, status TEXT NOT NULL, priority TEXT NOT NULL, created_by TEXT,
        created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX tickets_customer ON tickets(customer_id, created_at);
      CREATE TABLE queue_entries (
        conversation_id TEXT NOT NULL REFERENCES conversations(id), queue TEXT NOT NULL, entered_at INTEGER NOT NULL,
        ended_at INTEGER, outcome TEXT NOT NULL
      ) STRICT;
      CREATE INDEX queue_entries_queue ON queue_entries(queue, entered_at);
      CREATE INDEX queue_entries_conversation ON queue_entries(conversation_id, outcome);
      CREATE TABLE attachments (
        id TEXT PRIMARY KEY, owner TEXT NOT NULL, name TEXT NOT NULL, mime_type TEXT NOT NULL, size INTEGER NOT NULL,
        file TEXT NOT NULL, created_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE seen_signatures (signature TEXT PRIMARY KEY, at INTEGER NOT NULL) STRICT;
      CREATE INDEX seen_signatures_at ON seen_signatures(at);
    `,
  },
  {
    version: 3,
    name: 'conversation-summary',
    sql: `ALTER TABLE conversations ADD COLUMN summary TEXT;`,
  },
  {
    version: 4,
    name: 'call-record',
    // The call behind a voice conversation (callRecordSchema) as JSON: read and written whole, never queried by field.
    sql: `ALTER TABLE conversations ADD COLUMN call_json TEXT;`,
  },
  {
    version: 5,
    name: 'event-audience',
    // NULL: everyone allowed to see the event; an agent id: that agent alone (history replayed to them).
    sql: `ALTER TABLE events ADD COLUMN audience TEXT;`,
  },
  {
    version: 6,
    name: 'queue-reply-target',
    // The agent's reply target per queue, which desktops count down to; existing queues get the default (DEFAULT_REPLY_SECONDS).
    sql: `ALTER TABLE queues ADD COLUMN reply_seconds INTEGER NOT NULL DEFAULT 120 CHECK (reply_seconds > 0);`,
  },
  {
    version: 7,
    name: 'claimed-identities',
    // identities keeps what a channel or a signature proved, one owner each; a claim (a typed phone, a sender address
    // that can be forged) may be made by several customers and never decides who a message belongs to.
    // messages.peer: the customer identity ("kind:value") a message came from or went to, so replies and the widget
    // follow the person, not the merged record. Unreferenced uploads are deleted after a while (referenced_at).
    sql: `
      CREATE TABLE identity_claims (
        kind TEXT NOT NULL, value TEXT NOT NULL, customer_id TEXT NOT NULL REFERENCES customers(id),
        source TEXT NOT NULL CHECK (source IN ('sender', 'claim')), created_at INTEGER NOT NULL,
        PRIMARY KEY (kind, value, customer_id)
      ) STRICT;
      CREATE INDEX identity_claims_customer ON identity_claims(customer_id);
      INSERT INTO identity_claims (kind, value, customer_id, source, created_at)
        SELECT kind, value, customer_id, 'claim', 0 FROM identities WHERE verified = 0;
      DELETE FROM identities WHERE verified = 0;
      ALTER TABLE messages ADD COLUMN peer TEXT;
      CREATE INDEX messages_peer ON messages(peer, created_at) WHERE peer IS NOT NULL;
      ALTER TABLE conversations ADD COLUMN unverified INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE attachments ADD COLUMN referenced_at INTEGER;
      UPDATE attachments SET referenced_at = created_at;
      CREATE INDEX attachments_unreferenced ON attachments(created_at) WHERE referenced_at IS NULL;
    `,
  },
  {
    version: 8,
    name: 'sessions',
    // A sign-in is a stored session: tokens name it, and it can be revoked (sign-out, password change, a disabled
    // account) or run out (its absolute lifetime), whatever the tokens' own expiry says.
    sql: `
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY, agent_id TEXT NOT NULL REFERENCES agents(id), created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL, revoked_at INTEGER, revoked_reason TEXT
      ) STRICT;
      CREATE INDEX sessions_agent ON sessions(agent_id, revoked_at);
      ALTER TABLE agents ADD COLUMN disabled_at INTEGER;
    `,
  },
  {
    version: 9,
    name: 'lifecycle',
    // version: conditional updates (a writer that read an older row changes nothing and retries).
    // assignments: every offer and every hand-over to an agent (offered, answered, released): open
    // offers, agent load, handle time and queue figures are all read from here.
    // wrap_up: an answered call that ended without a disposition (was 'closed' with none).
    sql: `
      ALTER TABLE conversations ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE assignments (
        id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL REFERENCES conversations(id), agent_id TEXT NOT NULL,
        queue TEXT NOT NULL, channel TEXT NOT NULL, offered_at INTEGER NOT NULL, expires_at INTEGER,
        answered_at INTEGER, released_at INTEGER, outcome TEXT
      ) STRICT;
      CREATE INDEX assignments_open_agent ON assignments(agent_id) WHERE released_at IS NULL;
      CREATE INDEX assignments_open_conversation ON assignments(conversation_id) WHERE released_at IS NULL;
      CREATE INDEX assignments_released ON assignments(released_at);
      UPDATE conversations SET status = 'wrap_up' WHERE status = 'closed' AND disposition IS NULL AND assignee_id IS NOT NULL;
      UPDATE conversations SET status = 'queued', assignee_id = NULL WHERE status = 'offered';
      INSERT INTO assignments (id, conversation_id, agent_id, queue, channel, offered_at, expires_at, answered_at, released_at, outcome)
        SELECT 'asg_' || id, id, assignee_id, queue, channel, updated_at, NULL, updated_at, NULL, NULL
        FROM conversations WHERE status IN ('active', 'wrap_up') AND assignee_id IS NOT NULL;
    `,
  },
  {
    version: 10,
    name: 'idempotency-claims',
    // A command key or a channel's message id is claimed before the work (pending), and holds the
    // result once done: a repeat gets the first answer, a repeat during the work waits for it.
    sql: `
      CREATE TABLE idempotency_claims (
        key TEXT PRIMARY KEY, owner TEXT NOT NULL, state TEXT NOT NULL CHECK (state IN ('pending', 'done')),
        result TEXT, claimed_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX idempotency_claims_claimed ON idempotency_claims(claimed_at);
      INSERT INTO idempotency_claims (key, owner, state, result, claimed_at) SELECT key, agent_id, 'done', result, created_at FROM command_keys;
      DROP TABLE command_keys;
    `,
  },
  {
    version: 11,
    name: 'feeds',
    // Each event is appended, in commit order, to the feed of everyone allowed to see it (an agent's
    // id; '*' for supervisors and admins, who see all). feed_heads hands out each feed's positions one
    // by one, so a feed's order is its commit order even where transactions commit out of step.
    // events.conversation_id / customer_id find a conversation's (a customer's) existing events for
    // someone who newly sees it.
    sql: `
      ALTER TABLE events ADD COLUMN conversation_id TEXT;
      ALTER TABLE events ADD COLUMN customer_id TEXT;
      UPDATE events SET conversation_id = COALESCE(json_extract(payload, '$.conversation.id'), json_extract(payload, '$.message.conversationId'));
      UPDATE events SET customer_id = json_extract(payload, '$.customer.id') WHERE kind = 'customer.upserted';
      CREATE INDEX events_conversation ON events(conversation_id, seq) WHERE conversation_id IS NOT NULL;
      CREATE INDEX events_customer ON events(customer_id, seq) WHERE customer_id IS NOT NULL;
      CREATE INDEX events_at ON events(at);
      CREATE TABLE feed_heads (owner TEXT PRIMARY KEY, head INTEGER NOT NULL) STRICT;
      CREATE TABLE feeds (
        owner TEXT NOT NULL, pos INTEGER NOT NULL, event_seq INTEGER NOT NULL REFERENCES events(seq) ON DELETE CASCADE,
        PRIMARY KEY (owner, pos)
      ) STRICT, WITHOUT ROWID;
      CREATE UNIQUE INDEX feeds_event ON feeds(owner, event_seq);
      CREATE INDEX feeds_by_event ON feeds(event_seq);
    `,
  },
  {
    version: 12,
    name: 'jobs',
    // Work due later (an offer's expiry, the end of after-call work) as rows: a restarted hub finds them
    // and runs each once at its time. A worker claims a due job for a lease; one whose lease ran out
    // (its worker died) is claimed again.
    sql: `
      CREATE TABLE jobs (
        key TEXT PRIMARY KEY, kind TEXT NOT NULL, run_at INTEGER NOT NULL, payload TEXT NOT NULL,
        claimed_by TEXT, claimed_until INTEGER, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT
      ) STRICT;
      CREATE INDEX jobs_due ON jobs(run_at);
    `,
  },
  {
    version: 13,
    name: 'assist insight',
    // What the on-device NLP read from the customer (intent, escalation) rides on the conversation as JSON;
    // a queue may name the skill escalated contacts go to first; transfers that corrected a routed intent
    // are kept, with the text that was routed, for retraining.
    sql: `
      ALTER TABLE conversations ADD COLUMN insight_json TEXT;
      ALTER TABLE queues ADD COLUMN escalation_skill TEXT;
      CREATE TABLE intent_corrections (
        id INTEGER PRIMARY KEY AUTOINCREMENT, conversation_id TEXT NOT NULL, text TEXT NOT NULL, language TEXT NOT NULL,
        detected_queue TEXT NOT NULL, detected_intent TEXT, confidence REAL NOT NULL, corrected_queue TEXT NOT NULL,
        agent_id TEXT NOT NULL, at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX intent_corrections_at ON intent_corrections(at);
    `,
  },
  {
    version: 14,
    name: 'channel-delivery',
    // Where a reply to a customer's external channel stands (JSON: state, attempts, at); null for what needs no delivery.
    // The job that delivers it is a row in jobs, so a restarted hub goes on trying.
    sql: `ALTER TABLE messages ADD COLUMN channel_delivery TEXT;`,
  },
  {
    version: 15,
    name: 'surveys',
    // surveys: one satisfaction survey per closed conversation, asked on the customer's channel in their
    // language; rated once (rated_at), never after expires_at. contact_sentiments: the customer's mood
    // over the whole conversation, read once at close, for the reports' sentiment mix. Both carry the
    // queue and the agent who last handled the contact, as the reports group by them.
    sql: `
      CREATE TABLE surveys (
        id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL UNIQUE REFERENCES conversations(id), customer_id TEXT NOT NULL,
        queue TEXT NOT NULL, agent_id TEXT, channel TEXT NOT NULL, language TEXT NOT NULL, asked_via TEXT,
        asked_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
        rating INTEGER CHECK (rating BETWEEN 1 AND 5), comment TEXT, rated_at INTEGER, rated_via TEXT
      ) STRICT;
      CREATE INDEX surveys_customer ON surveys(customer_id, asked_at);
      CREATE INDEX surveys_rated ON surveys(rated_at) WHERE rated_at IS NOT NULL;
      CREATE TABLE contact_sentiments (
        conversation_id TEXT PRIMARY KEY REFERENCES conversations(id), queue TEXT NOT NULL, agent_id TEXT,
        label TEXT NOT NULL CHECK (label IN ('negative', 'neutral', 'positive')), closed_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX contact_sentiments_closed ON contact_sentiments(closed_at);
      CREATE INDEX conversations_closed ON conversations(closed_at) WHERE closed_at IS NOT NULL;
      CREATE INDEX assignments_answered ON assignments(answered_at) WHERE answered_at IS NOT NULL;
    `,
  },
  {
    version: 16,
    name: 'widget consents',
    // The consent a visitor ticked on the widget's form: the words shown, in their language, per site, and
    // when. Keyed by the visitor (not a conversation), so retention of conversations never drops it.
    sql: `
      CREATE TABLE consents (
        visitor_id TEXT NOT NULL, site_id TEXT NOT NULL, language TEXT NOT NULL, text TEXT NOT NULL, given_at INTEGER NOT NULL,
        PRIMARY KEY (visitor_id, site_id, text)
      ) STRICT;
    `,
  },
  {
    version: 17,
    name: 'knowledge base',
    // Articles admins write for agents; retired ones stay (retired_at) but are no longer searched. version
    // makes an edit based on an older copy fail instead of overwriting someone else's.
    sql: `
      CREATE TABLE kb_articles (
        id TEXT PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL, tags TEXT NOT NULL, locale TEXT NOT NULL,
        retired_at INTEGER, updated_at INTEGER NOT NULL, updated_by TEXT NOT NULL, version INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX kb_articles_updated ON kb_articles(updated_at);
    `,
  },
  {
    version: 18,
    name: 'direct deliveries and order notices',
    // Messages the hub sends a customer outside any conversation (survey invitations, order notices): each is
    // a row with its delivery state, tried by the job worker like a reply. An order notice is kept once per
    // platform event (event_key), so a redelivered webhook sends nothing twice; conversation_id is set when the
    // customer's reply opened a conversation linked to its order.
    sql: `
      CREATE TABLE direct_deliveries (
        id TEXT PRIMARY KEY, purpose TEXT NOT NULL CHECK (purpose IN ('survey', 'notice')), ref TEXT NOT NULL,
        channel TEXT NOT NULL, peer_kind TEXT NOT NULL, peer_value TEXT NOT NULL, subject TEXT NOT NULL, text TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('sending', 'delivered', 'failed')), attempts INTEGER NOT NULL,
        updated_at INTEGER NOT NULL, created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX direct_deliveries_ref ON direct_deliveries(ref);
      CREATE TABLE order_notices (
        id TEXT PRIMARY KEY, event_key TEXT NOT NULL UNIQUE, platform TEXT NOT NULL, event_type TEXT NOT NULL,
        order_id TEXT NOT NULL, customer_id TEXT NOT NULL, language TEXT NOT NULL, delivery_id TEXT NOT NULL,
        created_at INTEGER NOT NULL, conversation_id TEXT
      ) STRICT;
      CREATE INDEX order_notices_customer ON order_notices(customer_id, created_at);
    `,
  },
  {
    version: 19,
    name: 'bot sessions',
    // The self-service bot's part of a conversation: how often it was unsure (two misses hand off), and how it
    // ended: resolved by the bot (thanked, or left after an answer), handed off (with why), or abandoned (left
    // after the bot was unsure). Reports count bot resolution here.
    sql: `
      CREATE TABLE bot_sessions (
        conversation_id TEXT PRIMARY KEY REFERENCES conversations(id), queue TEXT NOT NULL, channel TEXT NOT NULL,
        started_at INTEGER NOT NULL, misses INTEGER NOT NULL DEFAULT 0, last_answer_at INTEGER,
        ended_at INTEGER, outcome TEXT CHECK (outcome IN ('resolved', 'handed_off', 'abandoned')), reason TEXT
      ) STRICT;
      CREATE INDEX bot_sessions_ended ON bot_sessions(ended_at) WHERE ended_at IS NOT NULL;
    `,
  },
  {
    version: 20,
    name: 'supervision',
    // Supervision's tables, which lived in their own supervision.sqlite beside this file until now (that file is
    // imported once at start-up: supervision/legacy-supervision-import.ts). Sessions and the audit trail: who
    // supervised what, when, in which modes, and every refusal. The alert feed, so a restart keeps what supervisors
    // saw and acknowledged: seq is the order alerts were raised in (a sentiment alert's at is its message's time),
    // and breach_key with cleared_at is the SLA checks' "once per breach" memory, set while the breach stands.
    // The wallboard's per-queue trend points (one a minute), so the chart carries on after a restart.
    sql: `
      CREATE TABLE supervision_sessions (
        id TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('call', 'chat')), supervisor_id TEXT NOT NULL,
        agent_id TEXT, conversation_id TEXT NOT NULL, modes TEXT NOT NULL, started_at INTEGER NOT NULL,
        ended_at INTEGER, end_reason TEXT
      ) STRICT;
      CREATE INDEX supervision_sessions_started ON supervision_sessions(started_at);
      CREATE TABLE supervision_audit (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, actor_id TEXT, actor_role TEXT, action TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'refused', 'failed')), session_id TEXT, conversation_id TEXT,
        detail TEXT
      ) STRICT;
      CREATE INDEX supervision_audit_at ON supervision_audit(at);
      CREATE TABLE supervisor_alerts (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, at INTEGER NOT NULL,
        conversation_id TEXT, queue TEXT, agent_id TEXT, value REAL, reason TEXT NOT NULL, detail TEXT,
        acknowledged_by TEXT, acknowledged_at INTEGER, breach_key TEXT, cleared_at INTEGER
      ) STRICT;
      CREATE INDEX supervisor_alerts_at ON supervisor_alerts(at);
      CREATE INDEX supervisor_alerts_open_breach ON supervisor_alerts(breach_key) WHERE breach_key IS NOT NULL AND cleared_at IS NULL;
      CREATE TABLE queue_trend_points (
        queue TEXT NOT NULL, at INTEGER NOT NULL, waiting INTEGER NOT NULL, sla_percent REAL, PRIMARY KEY (queue, at)
      ) STRICT;
      CREATE INDEX queue_trend_points_at ON queue_trend_points(at);
    `,
  },
];
