import ClewServices
import GRDB

// MARK: - v11: covering indexes for the reports and the dashboard

extension ClewMigrations {
    /// The reports' cohort scans read only indexes (issue 13): each report walks the leads of a
    /// period by one date (registered, assigned, closed) and needs a few columns of each; with
    /// those columns in the date's index, no lead row is read. SQLite keeps the indexes in the
    /// same transaction as every change, so they are always current.
    ///
    /// - `lead_report_created`: the funnel, sources, campaigns and new-lead trend (status, lost
    ///   reason, assignment, the usual filters, amount);
    /// - `lead_report_closed`: wins and closings (status, owner, amount, registration for the cycle);
    /// - `lead_report_assigned`: the leads each rep received;
    /// - `stage_history_lead_stage`: the furthest stage a lead reached, per lead.
    static func indexReportAggregates(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX lead_report_created ON lead(created_at, status, lost_reason, assigned_at, owner, source, campaign, amount_fen);
            CREATE INDEX lead_report_closed ON lead(closed_at, status, owner, amount_fen, created_at) WHERE closed_at IS NOT NULL;
            CREATE INDEX lead_report_assigned ON lead(assigned_at, owner, status) WHERE assigned_at IS NOT NULL;
            CREATE INDEX stage_history_lead_stage ON stage_history(lead_id, stage);
            -- the narrower indexes these replace
            DROP INDEX lead_created_at;
            DROP INDEX lead_closed_at;
            DROP INDEX lead_assigned_at;
            """)
    }
}
