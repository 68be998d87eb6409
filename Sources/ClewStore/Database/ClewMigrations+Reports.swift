import ClewServices
import GRDB

// MARK: - v8: campaigns, sales targets and the indexes the reports read by

extension ClewMigrations {
    /// Campaigns as records and sales targets (issue 13). Leads keep linking by name (`lead.campaign`); every name
    /// a lead carries has a campaign row: the free-text values already stored become draft
    /// campaigns here (with an audit row each), and the triggers create a draft for a name first
    /// seen on an insert or edit — whatever path wrote the lead (form, CLI, import, seed).
    static func createCampaigns(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE campaign (
              id          INTEGER PRIMARY KEY,
              name        TEXT NOT NULL UNIQUE,
              channel     TEXT,
              status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('draft','active','closed')),
              start_day   TEXT,
              end_day     TEXT,
              budget_fen  INTEGER CHECK (budget_fen IS NULL OR budget_fen >= 0),
              cost_fen    INTEGER CHECK (cost_fen IS NULL OR cost_fen >= 0),
              owner       TEXT REFERENCES user(login),
              created_by  TEXT NOT NULL,
              created_at  REAL NOT NULL,
              updated_by  TEXT NOT NULL,
              updated_at  REAL NOT NULL,
              version     INTEGER NOT NULL DEFAULT 1
            );

            INSERT INTO campaign (name, status, created_by, created_at, updated_by, updated_at)
              SELECT campaign, 'draft', '(migration)', min(created_at), '(migration)', min(created_at)
              FROM lead WHERE campaign IS NOT NULL AND campaign <> '' GROUP BY campaign;
            INSERT INTO audit (at, actor, via, action, entity, entity_id, field, old, new)
              SELECT created_at, '(migration)', NULL, 'create-draft', 'campaign', id, 'name', NULL, name FROM campaign;

            CREATE TRIGGER campaign_draft_on_insert AFTER INSERT ON lead
              WHEN NEW.campaign IS NOT NULL AND NEW.campaign <> ''
               AND NOT EXISTS (SELECT 1 FROM campaign WHERE name = NEW.campaign)
            BEGIN
              INSERT INTO campaign (name, status, created_by, created_at, updated_by, updated_at)
                VALUES (NEW.campaign, 'draft', NEW.created_by, NEW.created_at, NEW.created_by, NEW.created_at);
              INSERT INTO audit (at, actor, via, action, entity, entity_id, field, old, new)
                VALUES (NEW.created_at, NEW.created_by, NULL, 'create-draft', 'campaign', last_insert_rowid(), 'name', NULL, NEW.campaign);
            END;
            CREATE TRIGGER campaign_draft_on_update AFTER UPDATE OF campaign ON lead
              WHEN NEW.campaign IS NOT NULL AND NEW.campaign <> ''
               AND NOT EXISTS (SELECT 1 FROM campaign WHERE name = NEW.campaign)
            BEGIN
              INSERT INTO campaign (name, status, created_by, created_at, updated_by, updated_at)
                VALUES (NEW.campaign, 'draft', NEW.updated_by, NEW.updated_at, NEW.updated_by, NEW.updated_at);
              INSERT INTO audit (at, actor, via, action, entity, entity_id, field, old, new)
                VALUES (NEW.updated_at, NEW.updated_by, NULL, 'create-draft', 'campaign', last_insert_rowid(), 'name', NULL, NEW.campaign);
            END;

            -- the reports' cohorts: leads registered, assigned, closed in a period; visits entered; wins
            CREATE INDEX lead_created_at ON lead(created_at);
            CREATE INDEX lead_assigned_at ON lead(assigned_at) WHERE assigned_at IS NOT NULL;
            CREATE INDEX lead_closed_at ON lead(closed_at) WHERE closed_at IS NOT NULL;
            -- covering: the time-per-stage report reads visits by entry without touching the table
            CREATE INDEX stage_history_entered ON stage_history(entered_at, stage, exited_at, planned_exit_at, lead_id);
            CREATE INDEX opportunity_won_at ON opportunity(won_at);
            CREATE INDEX lead_campaign ON lead(campaign) WHERE campaign IS NOT NULL;

            -- sales targets (目标管理): per rep or per supervisor's team, per month (2026-11) or quarter (2026-Q4)
            CREATE TABLE sales_target (
              id              INTEGER PRIMARY KEY,
              subject_kind    TEXT NOT NULL CHECK (subject_kind IN ('rep','team')),
              subject         TEXT NOT NULL REFERENCES user(login),
              period          TEXT NOT NULL,
              won_amount_fen  INTEGER CHECK (won_amount_fen IS NULL OR won_amount_fen >= 0),
              won_count       INTEGER CHECK (won_count IS NULL OR won_count >= 0),
              new_leads       INTEGER CHECK (new_leads IS NULL OR new_leads >= 0),
              set_by          TEXT NOT NULL,
              set_at          REAL NOT NULL,
              version         INTEGER NOT NULL DEFAULT 1,
              UNIQUE (subject_kind, subject, period)
            );
            """)
    }
}
