import ClewServices
import GRDB

// MARK: - v14: summaries the reports read instead of every visit

extension ClewMigrations {
    /// v14 (issue 13): what the reports and the dashboard read at 100 000 leads instead of every
    /// stage visit and every received lead.
    ///
    /// - `stage_history` gains the visit's local day of entry (`entered_day`, in the zone of
    ///   `report_summary_state`), the working time of its plan (`planned_seconds`), and, once it
    ///   has ended, its working time (`working_seconds`) and its histogram bucket
    ///   (``StageDurationHistogram``); written by the store when the visit ends
    ///   (`StageVisitClock`) and worked out again when holidays change.
    /// - `report_stage_day`: ended visits counted per day of entry, stage and duration bucket,
    ///   once company-wide (`dimension` '') and once per value of each lead attribute a report
    ///   filters or scopes on (owner, source, campaign, region, industry, creator), kept by the
    ///   triggers below in the transaction of the change — also when a lead changes owner or source.
    /// - `lead_reach`: the stages each lead has visited (`,discovery,proposal,`), kept by
    ///   triggers and filled here, so the funnel finds a lead's furthest stage without reading
    ///   its visits (the pipeline's order is applied when reading, so reordering stages is safe).
    /// - The cohort indexes of v11 gain region, industry and creator (and `lead_report_open`
    ///   covers the open workload), so a filtered report reads no lead row.
    /// - `lead_sla`: whether the lead's current assignment was confirmed and first followed up
    ///   within the process's SLAs, stored when it happened (`RepSLAOutcomes`).
    /// - `report_summary_state`: the summary's time zone, whether existing rows were filled in
    ///   (a first run does it in chunks: `ReportSummaries.fillIfNeeded`), and a version bumped by
    ///   every change a report reads — the dashboard's fingerprint.
    static func createReportSummaries(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE stage_history ADD COLUMN entered_day TEXT;
            ALTER TABLE stage_history ADD COLUMN working_seconds REAL;
            ALTER TABLE stage_history ADD COLUMN planned_seconds REAL;
            ALTER TABLE stage_history ADD COLUMN duration_bucket INTEGER;
            CREATE INDEX stage_history_open_entered ON stage_history(entered_at, stage, planned_exit_at, entered_day, planned_seconds, lead_id)
              WHERE exited_at IS NULL;
            CREATE INDEX stage_history_unsettled ON stage_history(id)
              WHERE (entered_day IS NULL OR (exited_at IS NOT NULL AND working_seconds IS NULL));

            CREATE TABLE report_stage_day (
              dimension       TEXT NOT NULL,
              value           TEXT NOT NULL,
              day             TEXT NOT NULL,
              stage           TEXT NOT NULL,
              bucket          INTEGER NOT NULL,
              visits          INTEGER NOT NULL,
              late            INTEGER NOT NULL,
              working_seconds REAL NOT NULL,
              planned_visits  INTEGER NOT NULL,
              planned_seconds REAL NOT NULL,
              PRIMARY KEY (dimension, value, day, stage, bucket)
            ) WITHOUT ROWID;

            CREATE TABLE lead_reach (
              lead_id  INTEGER PRIMARY KEY REFERENCES lead(id),
              stages   TEXT NOT NULL
            );
            INSERT INTO lead_reach (lead_id, stages)
              SELECT lead_id, ',' || group_concat(stage, ',') || ',' FROM (SELECT DISTINCT lead_id, stage FROM stage_history) GROUP BY lead_id;
            CREATE TRIGGER lead_reach_insert AFTER INSERT ON stage_history
            BEGIN
              INSERT INTO lead_reach (lead_id, stages) VALUES (new.lead_id, ',' || new.stage || ',')
              ON CONFLICT (lead_id) DO UPDATE SET stages = CASE WHEN instr(stages, ',' || new.stage || ',') > 0 THEN stages ELSE stages || new.stage || ',' END;
            END;
            CREATE TRIGGER lead_reach_change AFTER UPDATE OF stage, lead_id ON stage_history
            BEGIN \(reachRebuild("old.lead_id")) \(reachRebuild("new.lead_id")) END;
            CREATE TRIGGER lead_reach_delete AFTER DELETE ON stage_history
            BEGIN \(reachRebuild("old.lead_id")) END;
            -- a rep's open workload, whatever the report filters on
            CREATE INDEX lead_report_open ON lead(status, owner, source, campaign, region, industry, created_by)
              WHERE status IN ('assigned', 'active');
            -- v11's cohort indexes with every column a report filters or scopes on (region,
            -- industry, creator), so a filtered report reads no lead row either
            DROP INDEX lead_report_created;
            DROP INDEX lead_report_closed;
            DROP INDEX lead_report_assigned;
            CREATE INDEX lead_report_created ON lead(created_at, status, lost_reason, assigned_at, owner, source, campaign, amount_fen,
              region, industry, created_by);
            CREATE INDEX lead_report_closed ON lead(closed_at, status, owner, amount_fen, created_at, source, campaign, region, industry,
              created_by) WHERE closed_at IS NOT NULL;
            CREATE INDEX lead_report_assigned ON lead(assigned_at, owner, status, source, campaign, region, industry, created_by)
              WHERE assigned_at IS NOT NULL;

            CREATE TABLE lead_sla (
              lead_id         INTEGER PRIMARY KEY REFERENCES lead(id),
              assigned_at     REAL NOT NULL,
              confirmed_at    REAL,
              confirmed_kept  INTEGER,
              followed_at     REAL,
              followed_kept   INTEGER
            );

            CREATE TABLE report_summary_state (
              id         INTEGER PRIMARY KEY CHECK (id = 1),
              time_zone  TEXT,
              filled     INTEGER NOT NULL DEFAULT 0,
              version    INTEGER NOT NULL DEFAULT 0
            );
            INSERT INTO report_summary_state (id, filled) VALUES (1, NOT EXISTS (SELECT 1 FROM stage_history) AND NOT EXISTS (SELECT 1 FROM lead WHERE assigned_at IS NOT NULL));
            """)
        try db.execute(sql: stageDayTriggers(stageDayDimensions, table: "report_stage_day"))
        for (table, when) in versionedChanges {
            for event in ["INSERT", "DELETE", when.map { "UPDATE OF \($0)" } ?? "UPDATE"] {
                let name = "report_version_\(table)_\(event.prefix(6).lowercased())"
                try db.execute(sql: """
                    CREATE TRIGGER \(name) AFTER \(event) ON \(table)
                    BEGIN UPDATE report_summary_state SET version = version + 1 WHERE id = 1; END
                    """)
            }
        }
    }

    /// Rewrites lead `id`'s visited stages from its visits (none left: no row).
    private static func reachRebuild(_ id: String) -> String {
        """
        DELETE FROM lead_reach WHERE lead_id = \(id);
        INSERT INTO lead_reach (lead_id, stages)
          SELECT \(id), ',' || group_concat(stage, ',') || ',' FROM (SELECT DISTINCT stage FROM stage_history WHERE lead_id = \(id))
          HAVING count(*) > 0;
        """
    }

    /// The tables (and, for `lead`, the columns) whose changes a report can show.
    private static let versionedChanges: [(table: String, columns: String?)] = [
        ("lead", "status, owner, source, campaign, region, industry, created_by, created_at, amount_fen, lost_reason, assigned_at, closed_at, last_follow_up_at, customer"),
        ("stage_history", nil), ("lead_sla", nil), ("campaign", nil), ("sales_target", nil), ("user", nil),
        ("opportunity", nil), ("customer", nil),
    ]

    /// The dimensions of `report_stage_day` and each one's value over a lead row named `l`.
    static let stageDayDimensions: [(name: String, value: String)] = [
        ("", "''"), ("owner", "coalesce(l.owner, '')"), ("source", "coalesce(l.source, '')"), ("campaign", "coalesce(l.campaign, '')"),
        ("region", "coalesce(l.region, '')"), ("industry", "coalesce(l.industry, '')"), ("creator", "l.created_by"),
    ]

    /// Adds (`sign` 1) or removes (-1) the ended visit `h` (a stage_history row) under every
    /// dimension of lead `l`, the rows read `from` and matched by `joining`.
    private static func countVisit(_ h: String, lead l: String, sign: Int, from: String, joining: String,
                                   dimensions list: [(name: String, value: String)], table: String) -> String {
        let dimensions = list.map { "SELECT '\($0.name)' AS dimension" }.joined(separator: " UNION ALL ")
        let value = "CASE d.dimension " + list.map { "WHEN '\($0.name)' THEN \($0.value.replacingOccurrences(of: "l.", with: "\(l)."))" }
            .joined(separator: " ") + " END"
        return """
            INSERT INTO \(table) (dimension, value, day, stage, bucket, visits, late, working_seconds, planned_visits, planned_seconds)
              SELECT d.dimension, \(value), \(h).entered_day, \(h).stage, \(h).duration_bucket, \(sign),
                \(sign) * (\(h).planned_exit_at IS NOT NULL AND \(h).exited_at > \(h).planned_exit_at), \(sign) * \(h).working_seconds,
                \(sign) * (\(h).planned_seconds IS NOT NULL), \(sign) * coalesce(\(h).planned_seconds, 0)
              FROM \(from), (\(dimensions)) d
              WHERE \(joining) AND \(h).working_seconds IS NOT NULL AND \(h).entered_day IS NOT NULL
              ON CONFLICT (dimension, value, day, stage, bucket) DO UPDATE SET
                visits = visits + excluded.visits, late = late + excluded.late, working_seconds = working_seconds + excluded.working_seconds,
                planned_visits = planned_visits + excluded.planned_visits, planned_seconds = planned_seconds + excluded.planned_seconds;
            """
    }

    /// The triggers that keep `table` equal to the ended visits it counts under `dimensions`
    /// (v14's `report_stage_day` and ``stageDayDimensions``; v19's `report_stage_pair_day` and the combined ones).
    static func stageDayTriggers(_ dimensions: [(name: String, value: String)], table: String) -> String {
        func visit(_ row: String, sign: Int) -> String {
            countVisit(row, lead: "l", sign: sign, from: "lead l", joining: "l.id = \(row).lead_id", dimensions: dimensions, table: table)
        }
        func leadVisits(_ l: String, sign: Int) -> String {
            countVisit("h", lead: l, sign: sign, from: "stage_history h", joining: "h.lead_id = \(l).id", dimensions: dimensions, table: table)
        }
        return """
            CREATE TRIGGER \(table)_insert AFTER INSERT ON stage_history WHEN new.working_seconds IS NOT NULL
            BEGIN \(visit("new", sign: 1)) END;
            CREATE TRIGGER \(table)_update
            AFTER UPDATE OF working_seconds, duration_bucket, planned_seconds, entered_day, stage, exited_at, planned_exit_at, lead_id ON stage_history
            BEGIN \(visit("old", sign: -1)) \(visit("new", sign: 1)) END;
            CREATE TRIGGER \(table)_delete AFTER DELETE ON stage_history WHEN old.working_seconds IS NOT NULL
            BEGIN \(visit("old", sign: -1)) END;
            CREATE TRIGGER \(table)_lead AFTER UPDATE OF owner, source, campaign, region, industry, created_by ON lead
            WHEN old.owner IS NOT new.owner OR old.source IS NOT new.source OR old.campaign IS NOT new.campaign
              OR old.region IS NOT new.region OR old.industry IS NOT new.industry OR old.created_by IS NOT new.created_by
            BEGIN \(leadVisits("old", sign: -1)) \(leadVisits("new", sign: 1)) END;
            """
    }
}
