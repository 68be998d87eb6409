import ClewServices
import GRDB

extension ClewMigrations {
    /// v16 (issue 14): contracts, their lines, invoices, payment plans, payments and where each
    /// payment went.
    ///
    /// - `contract`: one per deal (`lead_id`), opened as a draft on entering the contract stage,
    ///   signed on the win; days are `YYYY-MM-DD` text in the team's time zone.
    /// - `contract_line`: a line replaced by an edit is kept, marked `removed_at`.
    /// - `instalment`: the plan; `paid_fen` is the sum of its allocations, `next_level_on` the day
    ///   its next reminder level falls on (the tick reads only instalments whose day has come).
    /// - `payment`: money received (a reversal is a payment of the opposite amount naming the
    ///   one it `reverses`); `payment_allocation`: each payment's share of each instalment
    ///   (negative in a reversal). What a payment has not allocated is credit on its customer.
    /// - `invoice`: 开票, append-only.
    static func createReceivables(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE contract (
              id           INTEGER PRIMARY KEY,
              number       TEXT NOT NULL UNIQUE,
              customer_id  INTEGER NOT NULL REFERENCES customer(id),
              lead_id      INTEGER NOT NULL UNIQUE REFERENCES lead(id),
              owner        TEXT,
              status       TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','signed','cancelled')),
              amount_fen   INTEGER NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
              signed_on    TEXT,
              delivery_on  TEXT,
              created_by   TEXT NOT NULL,
              created_at   REAL NOT NULL,
              version      INTEGER NOT NULL DEFAULT 1
            );
            CREATE INDEX contract_customer ON contract(customer_id);
            CREATE INDEX contract_owner ON contract(owner, status);

            CREATE TABLE contract_line (
              id              INTEGER PRIMARY KEY,
              contract_id     INTEGER NOT NULL REFERENCES contract(id),
              position        INTEGER NOT NULL,
              item            TEXT NOT NULL,
              quantity        INTEGER NOT NULL CHECK (quantity > 0),
              unit_price_fen  INTEGER NOT NULL CHECK (unit_price_fen >= 0),
              total_fen       INTEGER NOT NULL,
              removed_at      REAL,
              version         INTEGER NOT NULL DEFAULT 1
            );
            CREATE INDEX contract_line_contract ON contract_line(contract_id) WHERE removed_at IS NULL;

            CREATE TABLE instalment (
              id             INTEGER PRIMARY KEY,
              contract_id    INTEGER NOT NULL REFERENCES contract(id),
              sequence       INTEGER NOT NULL,
              due_on         TEXT NOT NULL,
              amount_fen     INTEGER NOT NULL CHECK (amount_fen > 0),
              paid_fen       INTEGER NOT NULL DEFAULT 0,
              status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','cancelled')),
              overdue_at     REAL,
              next_level_on  TEXT,
              created_at     REAL NOT NULL,
              version        INTEGER NOT NULL DEFAULT 1
            );
            CREATE INDEX instalment_contract ON instalment(contract_id, status, due_on);
            CREATE INDEX instalment_open_due ON instalment(due_on) WHERE status = 'open' AND paid_fen < amount_fen;
            CREATE INDEX instalment_next_level ON instalment(next_level_on) WHERE next_level_on IS NOT NULL;

            CREATE TABLE payment (
              id           INTEGER PRIMARY KEY,
              contract_id  INTEGER NOT NULL REFERENCES contract(id),
              customer_id  INTEGER NOT NULL REFERENCES customer(id),
              amount_fen   INTEGER NOT NULL,
              received_on  TEXT NOT NULL,
              reference    TEXT,
              reverses     INTEGER UNIQUE REFERENCES payment(id),
              reason       TEXT,
              created_by   TEXT NOT NULL,
              created_at   REAL NOT NULL
            );
            CREATE INDEX payment_contract ON payment(contract_id);
            CREATE INDEX payment_customer ON payment(customer_id);

            CREATE TABLE payment_allocation (
              id             INTEGER PRIMARY KEY,
              payment_id     INTEGER NOT NULL REFERENCES payment(id),
              instalment_id  INTEGER NOT NULL REFERENCES instalment(id),
              amount_fen     INTEGER NOT NULL,
              created_at     REAL NOT NULL
            );
            CREATE INDEX payment_allocation_payment ON payment_allocation(payment_id);
            CREATE INDEX payment_allocation_instalment ON payment_allocation(instalment_id);

            CREATE TABLE invoice (
              id           INTEGER PRIMARY KEY,
              contract_id  INTEGER NOT NULL REFERENCES contract(id),
              number       TEXT NOT NULL UNIQUE,
              kind         TEXT NOT NULL CHECK (kind IN ('special','normal')),
              amount_fen   INTEGER NOT NULL CHECK (amount_fen > 0),
              tax_rate_bp  INTEGER NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 10000),
              issued_on    TEXT NOT NULL,
              created_by   TEXT NOT NULL,
              created_at   REAL NOT NULL
            );
            CREATE INDEX invoice_contract ON invoice(contract_id);
            """)
    }

    /// v24 (issue 14, the finance screen at 30 000 contracts): the instalments still owed,
    /// covering what the report sums (due day, contract, amount, paid), so its aggregates read
    /// the index alone, and the same per contract (the contracts most owed, grouped without a
    /// sort); signed contracts by amount, for the largest ones without a plan.
    static func indexReceivables(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX instalment_open_due;
            CREATE INDEX instalment_owed ON instalment(due_on, contract_id, amount_fen, paid_fen) WHERE status = 'open' AND paid_fen < amount_fen;
            CREATE INDEX instalment_owed_contract ON instalment(contract_id, amount_fen, paid_fen) WHERE status = 'open' AND paid_fen < amount_fen;
            CREATE INDEX contract_status_amount ON contract(status, amount_fen);
            """)
    }
}
