import ClewServices
import GRDB

// MARK: - v19: the period's cohort counted per registration day

extension ClewMigrations {
    /// v19 (issue 13): what the funnel, sources and campaigns read instead of every lead
    /// registered in the period.
    ///
    /// - `lead` gains its local day of registration (`created_day`, in the zone of
    ///   `report_summary_state`), written by the store in the transaction that registered the lead
    ///   (`LeadDayClock`, through the partial index `lead_unsettled_day` of the leads still without
    ///   one) and cleared by a trigger when `created_at` changes, so it is worked out again.
    /// - `report_stage_pair_day`: `report_stage_day` under combined dimensions — the owner or the
    ///   creator with source, campaign, region or industry (`owner+source`, value `login␟value`) —
    ///   so a team's, a rep's or marketing's time per stage with one filter reads buckets too; kept by
    ///   triggers like v14's, and the ended visits so far counted here.
    /// - `report_cohort_day`: leads counted per registration day and everything the three reports
    ///   group by — intake (0 not valid, 1 valid and unassigned, 2 assigned), the stages visited
    ///   (`lead_reach`, '' none), status, lost reason, source, campaign — with the amount won;
    ///   once company-wide (`dimension` '', which also answers a source or campaign filter) and
    ///   once per owner, region, industry and creator. Triggers on `lead` and `lead_reach` keep it
    ///   in the transaction of the change.
    static func createReportCohorts(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE lead ADD COLUMN created_day TEXT;
            CREATE INDEX lead_unsettled_day ON lead(id) WHERE created_day IS NULL;
            CREATE TABLE report_cohort_day (
              dimension    TEXT NOT NULL,
              value        TEXT NOT NULL,
              day          TEXT NOT NULL,
              intake       INTEGER NOT NULL,
              stages       TEXT NOT NULL,
              status       TEXT NOT NULL,
              lost_reason  TEXT NOT NULL,
              source       TEXT NOT NULL,
              campaign     TEXT NOT NULL,
              leads        INTEGER NOT NULL,
              won_fen      INTEGER NOT NULL,
              PRIMARY KEY (dimension, value, day, intake, stages, status, lost_reason, source, campaign)
            ) WITHOUT ROWID;
            CREATE TRIGGER lead_created_day_reset AFTER UPDATE OF created_at ON lead
            WHEN old.created_at IS NOT new.created_at AND new.created_day IS NOT NULL
            BEGIN UPDATE lead SET created_day = NULL WHERE id = new.id; END;
            """)
        try db.execute(sql: cohortDayTriggers)
        try db.execute(sql: """
            CREATE TABLE report_stage_pair_day (
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
            """)
        try db.execute(sql: stageDayTriggers(combinedStageDayDimensions, table: "report_stage_pair_day"))
        let names = combinedStageDayDimensions.map { "SELECT '\($0.name)' AS dimension" }.joined(separator: " UNION ALL ")
        let value = "CASE d.dimension " + combinedStageDayDimensions.map { "WHEN '\($0.name)' THEN \($0.value)" }.joined(separator: " ") + " END"
        try db.execute(sql: """
            INSERT INTO report_stage_pair_day (dimension, value, day, stage, bucket, visits, late, working_seconds, planned_visits, planned_seconds)
              SELECT d.dimension, \(value), h.entered_day, h.stage, h.duration_bucket, count(*),
                total(h.planned_exit_at IS NOT NULL AND h.exited_at > h.planned_exit_at), total(h.working_seconds),
                total(h.planned_seconds IS NOT NULL), total(coalesce(h.planned_seconds, 0))
              FROM stage_history h JOIN lead l ON l.id = h.lead_id, (\(names)) d
              WHERE h.working_seconds IS NOT NULL AND h.entered_day IS NOT NULL
              GROUP BY 1, 2, 3, 4, 5
            """)
    }

    /// The separator of a combined dimension's value (`login␟value`): U+001F, which no cleaned
    /// field holds.
    static let combinedValueSeparator = "\u{1F}"

    /// The combined dimensions of `report_stage_pair_day`: the owner or the creator with one attribute.
    static let combinedStageDayDimensions: [(name: String, value: String)] = ["owner", "creator"].flatMap { scope in
        ["source", "campaign", "region", "industry"].map { attribute in
            let scopeValue = scope == "owner" ? "coalesce(l.owner, '')" : "l.created_by"
            return (name: "\(scope)+\(attribute)", value: "\(scopeValue) || char(31) || coalesce(l.\(attribute), '')")
        }
    }

    /// The dimensions of `report_cohort_day` and each one's value over a lead row named `l`
    /// (a source or campaign filter reads the company-wide rows, which carry both).
    static let cohortDayDimensions: [(name: String, value: String)] = [
        ("", "''"), ("owner", "coalesce(l.owner, '')"), ("region", "coalesce(l.region, '')"),
        ("industry", "coalesce(l.industry, '')"), ("creator", "l.created_by"),
    ]

    /// Adds (`sign` 1) or removes (-1) lead `l` under every dimension, with `stages` as its
    /// visited stages; the lead read `from`, matched by `joining`.
    private static func countLead(_ l: String, stages: String, sign: Int, from: String?, joining: String) -> String {
        func over(_ expression: String) -> String { expression.replacingOccurrences(of: "lead.", with: "\(l).") }
        let dimensions = cohortDayDimensions.map { "SELECT '\($0.name)' AS dimension" }.joined(separator: " UNION ALL ")
        let value = "CASE d.dimension " + cohortDayDimensions.map { "WHEN '\($0.name)' THEN \($0.value.replacingOccurrences(of: "l.", with: "\(l)."))" }
            .joined(separator: " ") + " END"
        // Not a valid lead (`ReportService.invalidSQL` as of v19): still new, merged, or lost as invalid.
        let invalid = over("(lead.status IN ('new', 'merged') OR (lead.status = 'lost' AND lead.lost_reason = 'invalid'))")
        return """
            INSERT INTO report_cohort_day (dimension, value, day, intake, stages, status, lost_reason, source, campaign, leads, won_fen)
              SELECT d.dimension, \(value), \(l).created_day,
                CASE WHEN \(invalid) THEN 0 WHEN \(l).assigned_at IS NULL THEN 1 ELSE 2 END, \(stages), \(l).status,
                coalesce(\(l).lost_reason, ''), coalesce(\(l).source, ''), coalesce(\(l).campaign, ''), \(sign),
                \(sign) * (CASE WHEN \(l).status = 'won' THEN coalesce(\(l).amount_fen, 0) ELSE 0 END)
              FROM \(from.map { "\($0), " } ?? "")(\(dimensions)) d
              WHERE \(joining) AND \(l).created_day IS NOT NULL
              ON CONFLICT (dimension, value, day, intake, stages, status, lost_reason, source, campaign) DO UPDATE SET
                leads = leads + excluded.leads, won_fen = won_fen + excluded.won_fen;
            """
    }

    /// The triggers that keep `report_cohort_day` equal to the leads it counts.
    private static var cohortDayTriggers: String {
        func reach(_ l: String) -> String { "coalesce((SELECT stages FROM lead_reach WHERE lead_id = \(l).id), '')" }
        func lead(_ l: String, sign: Int) -> String { countLead(l, stages: reach(l), sign: sign, from: nil, joining: "1") }
        func reached(_ stages: String, sign: Int, id: String) -> String {
            countLead("l", stages: stages, sign: sign, from: "lead l", joining: "l.id = \(id)")
        }
        let changed = ["created_day", "status", "lost_reason", "amount_fen", "source", "campaign", "owner", "region", "industry", "created_by"]
        return """
            CREATE TRIGGER report_cohort_day_insert AFTER INSERT ON lead WHEN new.created_day IS NOT NULL
            BEGIN \(lead("new", sign: 1)) END;
            CREATE TRIGGER report_cohort_day_delete AFTER DELETE ON lead WHEN old.created_day IS NOT NULL
            BEGIN \(lead("old", sign: -1)) END;
            CREATE TRIGGER report_cohort_day_update AFTER UPDATE OF \(changed.joined(separator: ", ")), assigned_at ON lead
            WHEN \(changed.map { "old.\($0) IS NOT new.\($0)" }.joined(separator: " OR "))
              OR (old.assigned_at IS NULL) <> (new.assigned_at IS NULL)
            BEGIN \(lead("old", sign: -1)) \(lead("new", sign: 1)) END;
            CREATE TRIGGER report_cohort_day_reach_insert AFTER INSERT ON lead_reach
            BEGIN \(reached("''", sign: -1, id: "new.lead_id")) \(reached("new.stages", sign: 1, id: "new.lead_id")) END;
            CREATE TRIGGER report_cohort_day_reach_update AFTER UPDATE OF stages, lead_id ON lead_reach
            BEGIN \(reached("old.stages", sign: -1, id: "old.lead_id")) \(reached("new.stages", sign: 1, id: "new.lead_id")) END;
            CREATE TRIGGER report_cohort_day_reach_delete AFTER DELETE ON lead_reach
            BEGIN \(reached("old.stages", sign: -1, id: "old.lead_id")) \(reached("''", sign: 1, id: "old.lead_id")) END;
            """
    }
}
