import ClewDomain
import ClewServices
import Foundation
import GRDB

/// Writes one synthetic lead with its follow-ups, tasks, stage history and audit row, through
/// statements prepared once per batch.
struct SeedLeadWriter {
    let context: ClewContext
    let team: SeedTeam
    let now: Date
    /// Who records the won leads' customers.
    let actor: ActingUser
    private var db: Database?
    private var insertLead: Statement?
    private var insertFollowUp: Statement?
    private var insertTask: Statement?
    private var insertStage: Statement?
    private var insertAudit: Statement?
    /// Active leads of the demo rep, for approvals and mentions.
    private var demoLeads: [(id: Int64, stage: String)] = []
    /// The latest founding year a seeded company has (the current year).
    private let latestFounded: Int

    init(context: ClewContext, team: SeedTeam, now: Date, actor: ActingUser) {
        self.context = context
        self.team = team
        self.now = now
        self.actor = actor
        latestFounded = context.currentYear
    }

    mutating func prepare(_ db: Database) throws {
        self.db = db
        insertLead = try db.makeStatement(sql: """
            INSERT INTO lead (number, status, stage, grade, suggested_grade, score, owner, pool, customer, contact, title, phone,
              phone_key, email, email_key, industry, need, source, campaign, region, city, budget, amount_fen, flags, tags,
              lost_reason, created_by, created_at, updated_by, updated_at, version, status_changed_at, stage_entered_at,
              assigned_at, last_follow_up_at, closed_at, employees, revenue_fen, company_type, founded_year, decision_chain)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertFollowUp = try db.makeStatement(sql: """
            INSERT INTO follow_up (lead_id, at, author, method, contact_person, content, feedback, next_action, next_due, stage, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertTask = try db.makeStatement(sql: """
            INSERT INTO task (lead_id, assignee, title, kind, due_at, status, created_by, created_at, done_at, done_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertStage = try db.makeStatement(sql: "INSERT INTO stage_history (lead_id, stage, entered_at, planned_exit_at, exited_at, entered_by) VALUES (?, ?, ?, ?, ?, ?)")
        insertAudit = try db.makeStatement(sql: "INSERT INTO audit (at, actor, action, entity, entity_id, field, new) VALUES (?, 'seed', 'seed', 'lead', ?, 'number', ?)")
    }

    mutating func finish(_ db: Database) throws {
        self.db = nil
        insertLead = nil
        insertFollowUp = nil
        insertTask = nil
        insertStage = nil
        insertAudit = nil
    }

    // MARK: - One lead

    mutating func writeLead(index i: Int, number: String, createdAt: Double, seed: UInt64, _ r: inout SeedRandom, _ report: inout SeedGenerator.Report) throws {
        guard let db, let insertLead, let insertAudit else { return }
        let vocabulary = SeedVocabulary.self
        let region = r.pick(vocabulary.regions)
        let (city, areaCode) = r.pick(region.cities)
        let industry = r.pick(vocabulary.industries)
        let english = r.chance(0.2)
        let customer = english
            ? "\(r.pick(vocabulary.englishCompanies)) \(r.pick(vocabulary.englishKinds)) \(r.pick(vocabulary.englishSuffixes))"
            : (r.chance(0.15) ? "\(region.name)区\(industry)客户·" : city) + r.pick(vocabulary.companyCores) + r.pick(vocabulary.companyKinds) + r.pick(vocabulary.companySuffixes)
        let contact = english ? "\(r.pick(vocabulary.englishFirst)) \(r.pick(vocabulary.englishLast))" : r.pick(vocabulary.surnames) + r.pick(vocabulary.givenNames)
        let prefixes = ["135", "136", "137", "138", "139", "150", "151", "158", "186", "188"]
        let serial = (UInt64(i) &* 7 &+ seed &* 1_000_003) % 100_000_000
        let (phone, phoneKey): (String, String)
        if r.chance(0.1) {
            let local = String(format: "%08d", serial % 90_000_000 + 10_000_000)
            phone = "\(areaCode)-\(local)"
            phoneKey = "+86\(areaCode.dropFirst())\(local)"
        } else {
            let digits = prefixes[Int((UInt64(i) / 100_000_000 + seed) % UInt64(prefixes.count))] + String(format: "%08d", serial)
            phone = "\(digits.prefix(3)) \(digits.dropFirst(3).prefix(4)) \(digits.suffix(4))"
            phoneKey = "+86" + digits
        }
        let email: String? = r.chance(0.6) ? "contact\(i)@\(english ? customer.split(separator: " ")[0].lowercased() : "corp\(i % 997)").com" : nil

        // Status mix: a living pipeline.
        let roll = r.int(0...99)
        let status: LeadStatus = switch roll {
        case 0..<5: .new
        case 5..<13: .screening
        case 13..<17: .assigned
        case 17..<52: .active
        case 52..<67: .won
        case 67..<85: .lost
        default: .pooled
        }
        let age = now.storage - createdAt
        // Pooled leads sit in the process file's pool for their region or industry, else (as a
        // lead returned to its pool) in one named for the region.
        let pool = context.process.pools.first { $0.gathers(region: region.name, industry: industry) }?.name ?? region.name
        let graded = ![LeadStatus.new, .screening].contains(status) || r.chance(0.2)
        let grade: Grade? = graded ? r.pick([Grade.a, .b, .b, .c]) : nil
        let owner: String? = [.assigned, .active, .won, .lost].contains(status) ? r.pick(team.reps[region.name] ?? []) : nil
        let stages = context.pipeline.stages.map(\.key)
        var stage: String?
        if status == .active { stage = stages[min(r.pick([0, 0, 0, 1, 1, 1, 2, 2, 3]), stages.count - 1)] }
        if status == .won { stage = stages.last }
        if status == .lost { stage = r.chance(0.5) ? r.pick(stages) : nil }
        let closes = status == .won || status == .lost
        // Won deals close at a tenth to four fifths of their age, so contracts were signed
        // over the months and their plans have history (drawn from the lead's receivables stream).
        var money = SeedReceivables.random(lead: i, seed: seed)
        let closing = status == .won ? Double(money.int(10...80)) / 100 : 0.8
        var closedAt: Double? = closes ? min(now.storage - 60, createdAt + age * closing) : nil
        var timeline: [SeedStageVisit] = []
        if let stage, let index = stages.firstIndex(of: stage) {
            // Confirmed a few hours after the assignment (createdAt + 20 h), then stage after stage.
            let start = createdAt + 3_600 * 20 + 60 * Double(r.int(10...150))
            let currentEntered: Double? = closes ? nil : {
                // Most deals move on time; some sit in their stage long enough to be stalled.
                let days = r.chance(0.2) ? Double(r.int(8...40)) : Double(r.int(0...4)) + Double(index) * 0.1
                return max(start, now.storage - min(age * 0.9, days * 86_400))
            }()
            timeline = stageTimeline(reached: index, start: start, closedAt: closedAt, currentEntered: currentEntered, &r)
            if closes, let last = timeline.last?.exitedAt { closedAt = last }
        }
        let stageEntered = timeline.last?.enteredAt
        let budget = r.pick(vocabulary.budgets)
        let amount: Int64? = [.active, .won].contains(status) ? Int64(r.int(5...200)) * 10_000 * 100 : nil
        let lostReason: String? = status == .lost ? r.pick(LostReason.standard).key : nil
        let complete = status != .new
        var flags = ""
        if r.chance(0.01) { flags = ",possible-duplicate," }
        let lastChange = closedAt ?? stageEntered ?? min(now.storage - 60, createdAt + age * 0.3)
        let title = r.pick(vocabulary.titles)
        let need: String? = complete ? r.pick(vocabulary.needs) : nil
        let company = SeedCompany.facts(lead: i, seed: seed, complete: complete, english: english, latestFounded: latestFounded)
        // Scored by the process in force, as an edit would rescore it.
        let score: Int? = status == .new ? nil
            : context.process.scoring.score(LeadDraft(customer: customer, title: title, industry: industry, need: need, budget: budget,
                                                      employees: company.map { String($0.employees) },
                                                      revenue: company.map { Money(fen: $0.revenueFen).description },
                                                      companyType: company?.type.chineseName, founded: company.map { String($0.foundedYear) },
                                                      decisionChain: company?.decisionChain)).total

        try insertLead.execute(arguments: [
            number, status.rawValue, stage, grade?.rawValue, score.map { context.process.scoring.grade(forScore: $0).rawValue }, score, owner,
            status == .pooled ? pool : nil, customer, contact, title, phone, phoneKey, email, email,
            complete ? industry : nil, need, r.pick(vocabulary.sources),
            r.chance(0.5) ? r.pick(vocabulary.campaigns) : nil, region.name, city, budget, amount, flags, "",
            lostReason, team.marketing, createdAt, owner ?? "seed", lastChange, lastChange, stageEntered,
            owner == nil ? nil : createdAt + 3_600 * 20, nil, closedAt,
            company?.employees, company?.revenueFen, company?.type.rawValue, company?.foundedYear, company?.decisionChain,
        ])
        let id = db.lastInsertedRowID
        try insertAudit.execute(arguments: [createdAt, id, number])
        report.leads += 1
        if let range = BudgetRange(parsing: budget) {
            try db.cachedStatement(sql: "UPDATE lead SET budget_min_yuan = ?, budget_max_yuan = ? WHERE id = ?")
                .execute(arguments: [range.minYuan, range.maxYuan, id])
        }
        // A won lead has its customer, contact and opportunity, as winning it by hand makes them.
        var won: Lead?
        if status == .won, let amount, let closedAt, let lead = try LeadLookup.fetch(db, id: id) {
            let conversion = try LeadConversion.convert(lead, amount: Money(fen: amount), at: Date(storage: closedAt))
            try Conversions.record(conversion, lead: lead, Mutation(db: db, actor: actor, now: Date(storage: closedAt)))
            won = lead
        }

        if let owner {
            try writeHistory(id: id, status: status, owner: owner, stage: stage, timeline: timeline, createdAt: createdAt,
                             contact: contact, &r, &report)
            if owner == SeedGenerator.demoRep, status == .active, let stage { demoLeads.append((id, stage)) }
        } else if status == .pooled, r.chance(0.5) {
            try writeFollowUps(id: id, count: r.int(1...3), author: r.pick(team.reps[region.name] ?? [team.marketing]),
                               from: createdAt, to: createdAt + age * 0.5, stage: nil, contact: contact, &r, &report)
        }

        // After the win, and in the contract stage: contracts, plans, payments, invoices (issue 14).
        let receivables = SeedReceivables(context: context, now: now, finance: team.finance)
        let started = ContinuousClock.now
        defer {
            let spent = ContinuousClock.now - started
            report.receivableSeconds += Double(spent.components.seconds) + Double(spent.components.attoseconds) / 1e18
        }
        if let won, let amount, let closedAt {
            let counts = try receivables.signed(won, amount: Money(fen: amount), closedAt: closedAt, actor: actor, &money, db)
            report.contracts += counts.contracts
            report.instalments += counts.instalments
            report.payments += counts.payments
            report.invoices += counts.invoices
        } else if let stage, stage == stages.last, let entered = stageEntered, status == .active || status == .lost,
                  let lead = try LeadLookup.fetch(db, id: id) {
            report.contracts += status == .active
                ? try receivables.draft(lead, enteredAt: entered, actor: actor, db)
                : try receivables.cancelled(lead, enteredAt: entered, closedAt: closedAt ?? now.storage, actor: actor, db)
        }
    }

    /// The stage visits of a deal that reached stage `reached`: laid out backwards from where it
    /// is now — the current stage entered at `currentEntered` (open), or the last one left at
    /// `closedAt` — each earlier stage taking its planned time times a factor (most within plan,
    /// one in five 1.5–4× over), never before `start`.
    private func stageTimeline(reached: Int, start: Double, closedAt: Double?, currentEntered: Double?,
                               _ r: inout SeedRandom) -> [SeedStageVisit] {
        let stages = context.pipeline.stages
        var visits: [SeedStageVisit] = []
        var cursor = currentEntered ?? closedAt ?? now.storage
        for index in stride(from: reached, through: 0, by: -1) {
            let key = stages[index].key
            let entered: Double
            let exited: Double?
            if index == reached, let currentEntered {
                entered = currentEntered
                exited = nil
            } else {
                let plan = (context.pipeline.plannedExit(of: key, enteredAt: Date(storage: cursor), calendar: context.calendar)?.storage ?? cursor + 86_400 * 3)
                    - cursor
                let factor = r.chance(0.2) ? Double(r.int(15...40)) / 10 : Double(r.int(3...10)) / 10
                exited = cursor
                // Leave room for the stages before this one, an hour each at least.
                entered = max(start + 3_600 * Double(index), cursor - plan * factor)
            }
            let planned = context.pipeline.plannedExit(of: key, enteredAt: Date(storage: entered), calendar: context.calendar)?.storage
            visits.append(SeedStageVisit(stage: key, enteredAt: min(entered, exited ?? entered), plannedExitAt: planned, exitedAt: exited))
            cursor = min(entered, exited ?? entered)
        }
        return visits.reversed()
    }

    private mutating func writeHistory(id: Int64, status: LeadStatus, owner: String, stage: String?, timeline: [SeedStageVisit],
                                       createdAt: Double, contact: String, _ r: inout SeedRandom, _ report: inout SeedGenerator.Report) throws {
        guard let insertTask, let insertStage else { return }
        let age = now.storage - createdAt
        let count: Int = switch status {
        case .active: r.int(5...20)
        case .won: r.int(8...18)
        case .lost: r.int(3...10)
        default: r.int(0...1)
        }
        let end = status == .active ? now.storage - 600 : createdAt + age * 0.8
        try writeFollowUps(id: id, count: count, author: owner, from: createdAt + 7_200, to: end, stage: stage, contact: contact, &r, &report)
        // Stage tracking for every stage reached.
        for visit in timeline {
            try insertStage.execute(arguments: [id, visit.stage, visit.enteredAt, visit.plannedExitAt, visit.exitedAt, owner])
        }
        // Tasks: the open next action (overdue, today or upcoming) and some done ones.
        if status == .active || status == .assigned {
            let roll = r.int(0...99)
            let due: Double = switch roll {
            case 0..<20: now.storage - Double(r.int(1...10)) * 86_400
            case 20..<35: now.startOfDay(in: context.calendar.timeZone).storage + Double(r.int(10...17)) * 3_600
            default: now.storage + Double(r.int(1...14)) * 86_400
            }
            try insertTask.execute(arguments: [id, owner, r.pick(SeedVocabulary.nextActions), "next-action", due, "open", owner, now.storage - 86_400, nil, nil])
            report.tasks += 1
        }
        for _ in 0..<(status == .new ? 0 : r.int(1...3)) {
            let at = createdAt + Double(r.int(1...max(1, Int(age / 3_600)))) * 3_600
            try insertTask.execute(arguments: [id, owner, r.pick(SeedVocabulary.taskTitles), "manual", at, "done", owner, createdAt, at, owner])
            report.tasks += 1
        }
        if status == .won {
            try insertTask.execute(arguments: [id, team.finance, "开具发票并跟进首期回款", "invoice", now.storage + 3 * 86_400, "open", owner, end, nil, nil])
            report.tasks += 1
        }
    }

    private func writeFollowUps(id: Int64, count: Int, author: String, from: Double, to: Double, stage: String?, contact: String,
                                _ r: inout SeedRandom, _ report: inout SeedGenerator.Report) throws {
        guard let insertFollowUp, count > 0 else { return }
        let methods = FollowUpMethod.allCases.map(\.rawValue)
        let step = max(60, (to - from) / Double(count))
        for k in 0..<count {
            let at = from + step * Double(k)
            let hasNext = r.chance(0.7)
            try insertFollowUp.execute(arguments: [
                id, at, author, r.pick(methods), contact, r.pick(SeedVocabulary.followUpNotes),
                r.chance(0.5) ? r.pick(SeedVocabulary.feedback) : nil,
                hasNext ? r.pick(SeedVocabulary.nextActions) : nil, hasNext ? at + 2 * 86_400 : nil,
                k == count - 1 ? stage : nil, at,
            ])
        }
        report.followUps += count
        if let db {
            try db.cachedStatement(sql: "UPDATE lead SET last_follow_up_at = ? WHERE id = ?")
                .execute(arguments: [from + step * Double(count - 1), id])
        }
    }

    // MARK: - Inbox extras

    /// Pending stage-skip approvals, mentions and unconfirmed assignments for the demo users.
    mutating func writeInboxExtras(_ r: inout SeedRandom, _ report: inout SeedGenerator.Report) throws {
        guard let db else { return }
        let supervisor = team.supervisors[SeedVocabulary.regions[0].name] ?? "admin"
        let stages = context.pipeline.stages.map(\.key)
        for (id, stage) in demoLeads.prefix(40) where stage == stages.first && r.chance(0.3) {
            try db.execute(sql: "INSERT INTO approval (lead_id, kind, from_stage, to_stage, requested_by, approver, reason, created_at) VALUES (?, 'stage-skip', ?, ?, ?, ?, ?, ?)",
                           arguments: [id, stage, stages[min(2, stages.count - 1)], SeedGenerator.demoRep, supervisor, "客户已确认方案,直接进入谈判", now.storage - 3_600])
        }
        for (id, _) in demoLeads.suffix(3) {
            try db.execute(sql: "INSERT INTO notification (recipient, kind, lead_id, actor, body, created_at) VALUES (?, 'mention', ?, ?, ?, ?)",
                           arguments: [SeedGenerator.demoRep, id, supervisor, "@\(SeedGenerator.demoRep) 请今天内回访客户并更新报价", now.storage - 1_800])
        }
    }
}

/// One seeded stage visit.
struct SeedStageVisit {
    var stage: String
    var enteredAt: Double
    var plannedExitAt: Double?
    var exitedAt: Double?
}
