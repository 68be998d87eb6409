import ClewServices
import GRDB

// MARK: - v23: the board's column totals kept by triggers

extension ClewMigrations {
    /// v23 (issue 16, cold start at 1M leads): `lead_tally` counts the leads and their amount per
    /// status, stage, owner and — for won leads only — UTC day of the win, so the board's column
    /// totals read a few hundred summary rows instead of every index entry of the reader's leads
    /// (a supervisor's screening total read 91 000 entries at 1M leads; the "Won (30 days)" total
    /// 124 000).
    ///
    /// - The key is `(status, day, stage, owner)`: `day` is `0` except for `won`, so an intake or
    ///   stage total is a short range (`status = ? AND day = 0`) and the won window a range of days.
    ///   NULL stage and owner are kept as `''`, which no login or stage key is.
    /// - Triggers on `lead` keep it in the transaction of every insert, delete and change of the
    ///   status, stage, owner, amount or (for won leads) the time of the win; rows that fall to
    ///   zero stay (there are at most statuses × stages × owners of them, plus a row per owner and
    ///   day of wins), and every reader sums them.
    /// - ``BoardTally`` reads it; `BoardTallyTests` checks it against `GROUP BY` over `lead`
    ///   after every kind of write.
    static func createBoardTally(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE lead_tally (
              status     TEXT NOT NULL,
              day        INTEGER NOT NULL,
              stage      TEXT NOT NULL,
              owner      TEXT NOT NULL,
              leads      INTEGER NOT NULL,
              amount_fen INTEGER NOT NULL,
              PRIMARY KEY (status, day, stage, owner)
            ) WITHOUT ROWID;
            CREATE TRIGGER lead_tally_insert AFTER INSERT ON lead
            BEGIN \(tally("new", sign: 1)) END;
            CREATE TRIGGER lead_tally_delete AFTER DELETE ON lead
            BEGIN \(tally("old", sign: -1)) END;
            CREATE TRIGGER lead_tally_update AFTER UPDATE OF status, stage, owner, amount_fen, status_changed_at ON lead
            WHEN old.status IS NOT new.status OR old.stage IS NOT new.stage OR old.owner IS NOT new.owner
              OR old.amount_fen IS NOT new.amount_fen
              OR (new.status = 'won' AND old.status_changed_at IS NOT new.status_changed_at)
            BEGIN \(tally("old", sign: -1)) \(tally("new", sign: 1)) END;
            INSERT INTO lead_tally (status, day, stage, owner, leads, amount_fen)
              SELECT status, \(tallyDay("lead")), coalesce(stage, ''), coalesce(owner, ''), count(*), total(amount_fen)
              FROM lead GROUP BY 1, 2, 3, 4;
            """)
    }

    /// The tally's day of lead row `l`: the UTC day of the win for won leads, else 0.
    /// (`status_changed_at` is seconds since 1970 and positive, so the cast is the floor.)
    static func tallyDay(_ l: String) -> String {
        "CASE WHEN \(l).status = 'won' THEN CAST(\(l).status_changed_at / 86400 AS INTEGER) ELSE 0 END"
    }

    /// Adds (`sign` 1) or removes (-1) lead row `l` from its tally row.
    private static func tally(_ l: String, sign: Int) -> String {
        """
        INSERT INTO lead_tally (status, day, stage, owner, leads, amount_fen)
          VALUES (\(l).status, \(tallyDay(l)), coalesce(\(l).stage, ''), coalesce(\(l).owner, ''), \(sign), \(sign) * coalesce(\(l).amount_fen, 0))
          ON CONFLICT (status, day, stage, owner) DO UPDATE SET leads = leads + excluded.leads, amount_fen = amount_fen + excluded.amount_fen;
        """
    }
}
