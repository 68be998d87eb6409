import ClewServices
import GRDB

// MARK: - v6: automation

extension ClewMigrations {
    /// The automation layer (issue 4):
    ///
    /// - `rule_firing`: every time a rule fired (rule, lead, occurrence, action, outcome). The
    ///   unique `(rule, subject, occurrence)` key is what makes the tick idempotent: a timer fires
    ///   once per occurrence (an assignment, a task's due time, a stage entry), however often and
    ///   however late the tick runs.
    /// - `lead_event`: behaviour events that add score points (`inbound_contact`, …).
    /// - `lead.score_parts`: the breakdown of the stored score, one `points<TAB>rule` per line;
    ///   `lead.home_pool`: the pool a lead was routed to or claimed from, which it returns to
    ///   when left without follow-up for the pool's recycle period.
    /// - `task.cadence`: the cadence step a generated task belongs to (`A:call`); `task.overdue_at`
    ///   marks an overdue task.
    /// - `outbox`: email and SMS waiting for delivery, with retry bookkeeping.
    /// - `lease`: a named lock with an expiry, so one tick runs at a time across processes.
    static func createAutomation(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE rule_firing (
              id          INTEGER PRIMARY KEY,
              rule        TEXT NOT NULL,
              kind        TEXT NOT NULL,
              lead_id     INTEGER,
              subject     TEXT NOT NULL,
              occurrence  TEXT NOT NULL,
              fired_at    REAL NOT NULL,
              action      TEXT NOT NULL,
              outcome     TEXT NOT NULL
            );
            CREATE UNIQUE INDEX rule_firing_once ON rule_firing(rule, subject, occurrence);
            CREATE INDEX rule_firing_time ON rule_firing(fired_at);
            CREATE INDEX rule_firing_lead ON rule_firing(lead_id);

            CREATE TABLE lead_event (
              id       INTEGER PRIMARY KEY,
              lead_id  INTEGER NOT NULL REFERENCES lead(id),
              event    TEXT NOT NULL,
              at       REAL NOT NULL,
              actor    TEXT NOT NULL
            );
            CREATE INDEX lead_event_lead ON lead_event(lead_id);

            ALTER TABLE lead ADD COLUMN score_parts TEXT;
            ALTER TABLE lead ADD COLUMN home_pool TEXT;
            CREATE INDEX lead_home_pool ON lead(home_pool, status) WHERE home_pool IS NOT NULL;
            ALTER TABLE task ADD COLUMN cadence TEXT;
            ALTER TABLE task ADD COLUMN overdue_at REAL;

            -- the tick's timers: open tasks by due time, open stage entries by planned exit,
            -- assigned/active leads by assignment time and by last follow-up
            CREATE INDEX task_due ON task(status, due_at) WHERE status = 'open';
            CREATE INDEX stage_history_open ON stage_history(planned_exit_at) WHERE exited_at IS NULL;
            CREATE INDEX lead_assigned ON lead(status, assigned_at) WHERE status IN ('assigned','active');

            CREATE TABLE outbox (
              id               INTEGER PRIMARY KEY,
              channel          TEXT NOT NULL CHECK (channel IN ('email','sms')),
              recipient        TEXT NOT NULL,
              subject          TEXT NOT NULL DEFAULT '',
              body             TEXT NOT NULL,
              lead_id          INTEGER REFERENCES lead(id),
              rule             TEXT,
              status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed','cancelled')),
              attempts         INTEGER NOT NULL DEFAULT 0,
              next_attempt_at  REAL NOT NULL,
              last_error       TEXT,
              created_at       REAL NOT NULL,
              sent_at          REAL
            );
            CREATE INDEX outbox_due ON outbox(status, next_attempt_at);

            CREATE TABLE lease (
              name        TEXT PRIMARY KEY NOT NULL,
              holder      TEXT NOT NULL,
              acquired_at REAL NOT NULL,
              expires_at  REAL NOT NULL
            ) WITHOUT ROWID;
            """)
    }
}
