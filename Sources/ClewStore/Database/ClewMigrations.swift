import ClewServices
import GRDB

/// The database schema, as an ordered list of migrations.
///
/// Released migrations are never edited: a schema change is a new migration appended here.
enum ClewMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-core", migrate: createCore)
        migrator.registerMigration("v1-search", migrate: createSearch)
        migrator.registerMigration("v2-search-phone-digits", migrate: indexPhoneDigits)
        migrator.registerMigration("v3-search-contentless", migrate: makeSearchContentless)
        migrator.registerMigration("v3-lead-list-indexes", migrate: indexLeadLists)
        migrator.registerMigration("v3-merged-into-index", migrate: indexMergedInto)
        migrator.registerMigration("v3-board-totals-index", migrate: indexBoardTotals)
        migrator.registerMigration("v4-imports", migrate: createImports)
        migrator.registerMigration("v5-process-definition", migrate: createProcessDefinition)
        migrator.registerMigration("v6-automation", migrate: createAutomation)
        migrator.registerMigration("v7-seed-process", migrate: addSeedProcessColumns)
        migrator.registerMigration("v8-campaigns-targets", migrate: createCampaigns)
        migrator.registerMigration("v9-notification-params", migrate: addNotificationParameters)
        migrator.registerMigration("v10-process-identities", migrate: addProcessIdentities)
        migrator.registerMigration("v11-report-aggregates", migrate: indexReportAggregates)
        migrator.registerMigration("v12-record-versions", migrate: addRecordVersions)
        migrator.registerMigration("v13-intake", migrate: createIntake)
        migrator.registerMigration("v14-report-summaries", migrate: createReportSummaries)
        migrator.registerMigration("v15-lead-tags", migrate: createLeadTags)
        migrator.registerMigration("v16-receivables", migrate: createReceivables)
        migrator.registerMigration("v17-rules-part-2", migrate: addRulesPart2)
        migrator.registerMigration("v19-report-cohorts", migrate: createReportCohorts)
        migrator.registerMigration("v20-board-indexes", migrate: widenBoardIndexes)
        migrator.registerMigration("v21-approval-amount", migrate: addApprovalAmount)
        migrator.registerMigration("v22-company-fields", migrate: addCompanyFields)
        migrator.registerMigration("v23-board-tally", migrate: createBoardTally)
        migrator.registerMigration("v23-inbox-index", migrate: widenInboxIndex)
        migrator.registerMigration("v24-receivables-indexes", migrate: indexReceivables)
        migrator.registerMigration("v25-inbox-task-order", migrate: orderInboxTasks)
        migrator.registerMigration("v26-owed-instalments-covering", migrate: coverOwedInstalments)
        migrator.registerMigration("v27-company-indexes", migrate: indexCompanyColumns)
        migrator.registerMigration("v28-report-payments-version", migrate: versionReportPayments)
        migrator.registerMigration("v28-report-open-visits-covering", migrate: coverOpenVisits)
        migrator.registerMigration("v29-open-visits-unsettled", migrate: indexUnsettledOpenVisits)
        return migrator
    }

    /// Every migration's identifier, in order.
    static var identifiers: [String] { migrator.migrations }

    // MARK: - v1

    private static func createCore(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE user (
              login       TEXT PRIMARY KEY NOT NULL,
              name        TEXT NOT NULL,
              role        TEXT NOT NULL CHECK (role IN ('admin','supervisor','rep','marketing','finance','support')),
              supervisor  TEXT REFERENCES user(login),
              regions     TEXT NOT NULL DEFAULT '[]',
              industries  TEXT NOT NULL DEFAULT '[]',
              capacity    INTEGER NOT NULL DEFAULT 50 CHECK (capacity >= 0),
              active      INTEGER NOT NULL DEFAULT 1,
              away_until  REAL,
              created_at  REAL NOT NULL,
              updated_at  REAL NOT NULL,
              version     INTEGER NOT NULL DEFAULT 1
            );
            CREATE INDEX user_supervisor ON user(supervisor);

            CREATE TABLE lead_sequence (
              day   TEXT PRIMARY KEY NOT NULL,
              last  INTEGER NOT NULL
            ) WITHOUT ROWID;

            CREATE TABLE lead (
              id                INTEGER PRIMARY KEY,
              number            TEXT NOT NULL UNIQUE,
              status            TEXT NOT NULL CHECK (status IN ('new','screening','assigned','active','won','lost','pooled','merged')),
              stage             TEXT,
              grade             TEXT CHECK (grade IN ('A','B','C')),
              suggested_grade   TEXT CHECK (suggested_grade IN ('A','B','C')),
              score             INTEGER,
              owner             TEXT REFERENCES user(login),
              pool              TEXT,
              customer          TEXT NOT NULL,
              contact           TEXT,
              title             TEXT,
              phone             TEXT,
              phone_key         TEXT,
              email             TEXT,
              email_key         TEXT,
              industry          TEXT,
              need              TEXT,
              source            TEXT,
              campaign          TEXT,
              region            TEXT,
              city              TEXT,
              budget            TEXT,
              amount_fen        INTEGER,
              flags             TEXT NOT NULL DEFAULT '',
              tags              TEXT NOT NULL DEFAULT '',
              lost_reason       TEXT,
              merged_into       INTEGER REFERENCES lead(id),
              created_by        TEXT NOT NULL,
              created_at        REAL NOT NULL,
              updated_by        TEXT NOT NULL,
              updated_at        REAL NOT NULL,
              version           INTEGER NOT NULL DEFAULT 1,
              status_changed_at REAL NOT NULL,
              stage_entered_at  REAL,
              assigned_at       REAL,
              last_follow_up_at REAL,
              closed_at         REAL
            );
            -- lead list by status (keyset on id), screening queue oldest first, board columns
            CREATE INDEX lead_status ON lead(status, status_changed_at);
            CREATE INDEX lead_owner ON lead(owner, status, stage);
            CREATE INDEX lead_stage ON lead(stage, status, stage_entered_at);
            CREATE INDEX lead_phone_key ON lead(phone_key) WHERE phone_key IS NOT NULL;
            CREATE INDEX lead_email_key ON lead(email_key) WHERE email_key IS NOT NULL;
            CREATE INDEX lead_pool ON lead(pool, status) WHERE pool IS NOT NULL;

            CREATE TABLE stage_history (
              id               INTEGER PRIMARY KEY,
              lead_id          INTEGER NOT NULL REFERENCES lead(id),
              stage            TEXT NOT NULL,
              entered_at       REAL NOT NULL,
              planned_exit_at  REAL,
              exited_at        REAL,
              entered_by       TEXT NOT NULL
            );
            CREATE INDEX stage_history_lead ON stage_history(lead_id, entered_at);

            CREATE TABLE follow_up (
              id              INTEGER PRIMARY KEY,
              lead_id         INTEGER NOT NULL REFERENCES lead(id),
              at              REAL NOT NULL,
              author          TEXT NOT NULL,
              method          TEXT NOT NULL,
              contact_person  TEXT,
              content         TEXT NOT NULL,
              feedback        TEXT,
              next_action     TEXT,
              next_due        REAL,
              stage           TEXT,
              created_at      REAL NOT NULL
            );
            CREATE INDEX follow_up_lead ON follow_up(lead_id, at);

            CREATE TABLE task (
              id             INTEGER PRIMARY KEY,
              lead_id        INTEGER REFERENCES lead(id),
              assignee       TEXT NOT NULL REFERENCES user(login),
              title          TEXT NOT NULL,
              kind           TEXT NOT NULL DEFAULT 'manual',
              due_at         REAL,
              status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','done','cancelled')),
              snoozed_until  REAL,
              created_by     TEXT NOT NULL,
              created_at     REAL NOT NULL,
              done_at        REAL,
              done_by        TEXT,
              version        INTEGER NOT NULL DEFAULT 1
            );
            CREATE INDEX task_inbox ON task(assignee, status, due_at);
            CREATE INDEX task_lead ON task(lead_id, status);

            CREATE TABLE note (
              id          INTEGER PRIMARY KEY,
              lead_id     INTEGER NOT NULL REFERENCES lead(id),
              author      TEXT NOT NULL,
              kind        TEXT NOT NULL DEFAULT 'note',
              body        TEXT NOT NULL,
              created_at  REAL NOT NULL
            );
            CREATE INDEX note_lead ON note(lead_id, created_at);

            CREATE TABLE notification (
              id          INTEGER PRIMARY KEY,
              recipient   TEXT NOT NULL REFERENCES user(login),
              kind        TEXT NOT NULL,
              lead_id     INTEGER REFERENCES lead(id),
              actor       TEXT,
              body        TEXT NOT NULL,
              created_at  REAL NOT NULL,
              read_at     REAL
            );
            CREATE INDEX notification_inbox ON notification(recipient, read_at, created_at);

            CREATE TABLE approval (
              id            INTEGER PRIMARY KEY,
              lead_id       INTEGER NOT NULL REFERENCES lead(id),
              kind          TEXT NOT NULL,
              from_stage    TEXT,
              to_stage      TEXT,
              requested_by  TEXT NOT NULL,
              approver      TEXT NOT NULL REFERENCES user(login),
              status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','rejected','withdrawn')),
              reason        TEXT,
              comment       TEXT,
              created_at    REAL NOT NULL,
              decided_at    REAL,
              decided_by    TEXT
            );
            CREATE INDEX approval_inbox ON approval(approver, status, created_at);
            CREATE INDEX approval_lead ON approval(lead_id, status);

            CREATE TABLE customer (
              id              INTEGER PRIMARY KEY,
              name            TEXT NOT NULL,
              industry        TEXT,
              region          TEXT,
              city            TEXT,
              created_by      TEXT NOT NULL,
              created_at      REAL NOT NULL,
              source_lead_id  INTEGER REFERENCES lead(id)
            );
            CREATE INDEX customer_name ON customer(name);

            CREATE TABLE contact (
              id              INTEGER PRIMARY KEY,
              customer_id     INTEGER NOT NULL REFERENCES customer(id),
              name            TEXT NOT NULL,
              title           TEXT,
              phone           TEXT,
              phone_key       TEXT,
              email           TEXT,
              created_at      REAL NOT NULL,
              source_lead_id  INTEGER REFERENCES lead(id)
            );
            CREATE INDEX contact_customer ON contact(customer_id);

            CREATE TABLE opportunity (
              id           INTEGER PRIMARY KEY,
              customer_id  INTEGER NOT NULL REFERENCES customer(id),
              lead_id      INTEGER NOT NULL UNIQUE REFERENCES lead(id),
              title        TEXT NOT NULL,
              amount_fen   INTEGER NOT NULL,
              owner        TEXT,
              won_at       REAL NOT NULL,
              created_at   REAL NOT NULL
            );

            CREATE TABLE holiday (
              day   TEXT PRIMARY KEY NOT NULL,
              kind  TEXT NOT NULL CHECK (kind IN ('holiday','workday')),
              name  TEXT
            ) WITHOUT ROWID;

            CREATE TABLE audit (
              id         INTEGER PRIMARY KEY,
              at         REAL NOT NULL,
              actor      TEXT NOT NULL,
              via        TEXT,
              action     TEXT NOT NULL,
              entity     TEXT NOT NULL,
              entity_id  INTEGER NOT NULL,
              field      TEXT,
              old        TEXT,
              new        TEXT
            );
            CREATE INDEX audit_entity ON audit(entity, entity_id, id);
            CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
              BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
            CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
              BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
            """)
    }

    private static func createSearch(_ db: Database) throws {
        let fields = "new.number, new.customer, new.contact, new.title, new.phone, new.email, new.industry, new.need, new.source, new.campaign, new.region, new.city, new.tags"
        try db.execute(sql: """
            CREATE VIRTUAL TABLE lead_search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
            CREATE VIRTUAL TABLE follow_up_search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');

            CREATE TRIGGER lead_search_insert AFTER INSERT ON lead BEGIN
              INSERT INTO lead_search(rowid, body) VALUES (new.id, \(SearchText.sqlFunctionName)(\(fields)));
            END;
            CREATE TRIGGER lead_search_update AFTER UPDATE OF number, customer, contact, title, phone, email, industry, need, source, campaign, region, city, tags ON lead BEGIN
              DELETE FROM lead_search WHERE rowid = old.id;
              INSERT INTO lead_search(rowid, body) VALUES (new.id, \(SearchText.sqlFunctionName)(\(fields)));
            END;
            CREATE TRIGGER lead_search_delete AFTER DELETE ON lead BEGIN
              DELETE FROM lead_search WHERE rowid = old.id;
            END;

            CREATE TRIGGER follow_up_search_insert AFTER INSERT ON follow_up BEGIN
              INSERT INTO follow_up_search(rowid, body)
              VALUES (new.id, \(SearchText.sqlFunctionName)(new.content, new.feedback, new.next_action, new.contact_person));
            END;
            CREATE TRIGGER follow_up_search_update AFTER UPDATE OF content, feedback, next_action, contact_person ON follow_up BEGIN
              DELETE FROM follow_up_search WHERE rowid = old.id;
              INSERT INTO follow_up_search(rowid, body)
              VALUES (new.id, \(SearchText.sqlFunctionName)(new.content, new.feedback, new.next_action, new.contact_person));
            END;
            CREATE TRIGGER follow_up_search_delete AFTER DELETE ON follow_up BEGIN
              DELETE FROM follow_up_search WHERE rowid = old.id;
            END;
            """)
    }

    // MARK: - v2

    /// Phone numbers are also indexed as bare digits (`13800138000`, `057188886666`) and in
    /// their matching form (`+8613800138000`), so a number typed any way is found.
    private static func indexPhoneDigits(_ db: Database) throws {
        let fields = "new.number, new.customer, new.contact, new.title, new.phone, "
            + "replace(replace(replace(replace(new.phone, ' ', ''), '-', ''), '(', ''), ')', ''), "
            + "new.phone_key, new.email, new.industry, new.need, new.source, new.campaign, new.region, new.city, new.tags"
        try db.execute(sql: """
            DROP TRIGGER lead_search_insert;
            DROP TRIGGER lead_search_update;
            CREATE TRIGGER lead_search_insert AFTER INSERT ON lead BEGIN
              INSERT INTO lead_search(rowid, body) VALUES (new.id, \(SearchText.sqlFunctionName)(\(fields)));
            END;
            CREATE TRIGGER lead_search_update AFTER UPDATE OF number, customer, contact, title, phone, email, industry, need, source, campaign, region, city, tags ON lead BEGIN
              DELETE FROM lead_search WHERE rowid = old.id;
              INSERT INTO lead_search(rowid, body) VALUES (new.id, \(SearchText.sqlFunctionName)(\(fields)));
            END;
            DELETE FROM lead_search;
            INSERT INTO lead_search(rowid, body)
              SELECT id, \(SearchText.sqlFunctionName)(\(fields.replacingOccurrences(of: "new.", with: ""))) FROM lead;
            """)
    }

    // MARK: - v3

    /// The search tables become contentless (`content=''`): they kept a second copy of every
    /// indexed text (a third of the database) that nothing reads, since searches take rowids from
    /// them and text from `lead` and `follow_up`. A contentless table needs the old text to
    /// remove a row, so the update and delete triggers pass FTS5's `'delete'` command the old
    /// values through the same deterministic function. The update trigger now also fires on
    /// `phone_key`, which v2 indexes. See ``SearchIndex``, which mirrors these triggers.
    private static func makeSearchContentless(_ db: Database) throws {
        let f = SearchText.sqlFunctionName
        func lead(_ row: String) -> String {
            "\(f)(\(row).number, \(row).customer, \(row).contact, \(row).title, \(row).phone, "
                + "replace(replace(replace(replace(\(row).phone, ' ', ''), '-', ''), '(', ''), ')', ''), "
                + "\(row).phone_key, \(row).email, \(row).industry, \(row).need, \(row).source, \(row).campaign, "
                + "\(row).region, \(row).city, \(row).tags)"
        }
        func followUp(_ row: String) -> String {
            "\(f)(\(row).content, \(row).feedback, \(row).next_action, \(row).contact_person)"
        }
        try db.execute(sql: """
            DROP TRIGGER lead_search_insert;
            DROP TRIGGER lead_search_update;
            DROP TRIGGER lead_search_delete;
            DROP TRIGGER follow_up_search_insert;
            DROP TRIGGER follow_up_search_update;
            DROP TRIGGER follow_up_search_delete;
            DROP TABLE lead_search;
            DROP TABLE follow_up_search;

            CREATE VIRTUAL TABLE lead_search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2', content = '');
            CREATE VIRTUAL TABLE follow_up_search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2', content = '');

            CREATE TRIGGER lead_search_insert AFTER INSERT ON lead BEGIN
              INSERT INTO lead_search(rowid, body) VALUES (new.id, \(lead("new")));
            END;
            CREATE TRIGGER lead_search_update AFTER UPDATE OF number, customer, contact, title, phone, phone_key, email, industry, need, source, campaign, region, city, tags ON lead BEGIN
              INSERT INTO lead_search(lead_search, rowid, body) VALUES ('delete', old.id, \(lead("old")));
              INSERT INTO lead_search(rowid, body) VALUES (new.id, \(lead("new")));
            END;
            CREATE TRIGGER lead_search_delete AFTER DELETE ON lead BEGIN
              INSERT INTO lead_search(lead_search, rowid, body) VALUES ('delete', old.id, \(lead("old")));
            END;

            CREATE TRIGGER follow_up_search_insert AFTER INSERT ON follow_up BEGIN
              INSERT INTO follow_up_search(rowid, body) VALUES (new.id, \(followUp("new")));
            END;
            CREATE TRIGGER follow_up_search_update AFTER UPDATE OF content, feedback, next_action, contact_person ON follow_up BEGIN
              INSERT INTO follow_up_search(follow_up_search, rowid, body) VALUES ('delete', old.id, \(followUp("old")));
              INSERT INTO follow_up_search(rowid, body) VALUES (new.id, \(followUp("new")));
            END;
            CREATE TRIGGER follow_up_search_delete AFTER DELETE ON follow_up BEGIN
              INSERT INTO follow_up_search(follow_up_search, rowid, body) VALUES ('delete', old.id, \(followUp("old")));
            END;

            INSERT INTO lead_search(rowid, body) SELECT id, \(lead("lead")) FROM lead;
            INSERT INTO follow_up_search(rowid, body) SELECT id, \(followUp("follow_up")) FROM follow_up;
            """)
    }

    /// Indexes for the lists that scanned:
    /// - `lead_creator (created_by, owner)`: a rep's unowned leads they registered
    ///   (`owner IS NULL AND created_by = ?`), the part of the rep visibility rule that read
    ///   every unowned lead through `lead_owner`;
    /// - `lead_status_owner (status, owner)`: covers counting a status for
    ///   a set of owners (the supervisor's screening count read every screening row).
    private static func indexLeadLists(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX lead_creator ON lead(created_by, owner);
            CREATE INDEX lead_status_owner ON lead(status, owner);
            """)
    }

    /// Opening a lead lists the leads merged into it; without this index that was a scan of
    /// every lead on every detail pane.
    private static func indexMergedInto(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX lead_merged_into ON lead(merged_into) WHERE merged_into IS NOT NULL")
    }

    /// The board's column headers count leads and sum their amounts per column for a scope;
    /// this index covers those queries, so no lead row is read to draw the headers.
    private static func indexBoardTotals(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX lead_board_totals ON lead(status, stage, owner, amount_fen, status_changed_at)")
    }
}
