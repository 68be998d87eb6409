import ClewDomain
import ClewServices
import GRDB

// MARK: - v7: the process as the seed documents describe it (issue 11)

extension ClewMigrations {
    /// The parsed budget in yuan (scoring and filters compare numbers, not text), the contact's
    /// language (which text of a template they get), the earlier lead a repeat purchase or a
    /// relaunched lost lead links to, the trigger event that made a task (work after the sale
    /// survives the win), and why a task was cancelled. Existing budgets are parsed here.
    static func addSeedProcessColumns(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE lead ADD COLUMN budget_min_yuan INTEGER;
            ALTER TABLE lead ADD COLUMN budget_max_yuan INTEGER;
            ALTER TABLE lead ADD COLUMN contact_language TEXT;
            ALTER TABLE lead ADD COLUMN previous_lead_id INTEGER REFERENCES lead(id);
            ALTER TABLE lead ADD COLUMN customer_id INTEGER REFERENCES customer(id);
            CREATE INDEX lead_previous ON lead(previous_lead_id) WHERE previous_lead_id IS NOT NULL;
            ALTER TABLE task ADD COLUMN trigger_event TEXT;
            ALTER TABLE task ADD COLUMN cancel_reason TEXT;
            """)
        let update = try db.makeStatement(sql: "UPDATE lead SET budget_min_yuan = ?, budget_max_yuan = ? WHERE id = ?")
        let rows = try Row.fetchCursor(db, sql: "SELECT id, budget FROM lead WHERE budget IS NOT NULL AND budget != ''")
        while let row = try rows.next() {
            guard let range = BudgetRange(parsing: row["budget"]) else { continue }
            try update.execute(arguments: [range.minYuan, range.maxYuan, row["id"] as Int64])
        }
    }
}
