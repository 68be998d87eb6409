import Foundation

/// Per rep (销售员业绩, seed 003's rep × lead status): what they received, whether they kept the
/// confirmation and first-follow-up SLAs, what became of those leads, and what they won.
public struct RepReport: Hashable, Sendable, Codable {
    /// One lead a rep received in the period, with the instants the SLAs are measured on.
    public struct Received: Hashable, Sendable {
        public var owner: String
        public var status: LeadStatus
        public var assignedAt: Date
        /// When the rep confirmed it (entered the first stage), if they did.
        public var confirmedAt: Date?
        /// The first follow-up logged after the assignment, if any.
        public var firstFollowUpAt: Date?

        public init(owner: String, status: LeadStatus, assignedAt: Date, confirmedAt: Date?, firstFollowUpAt: Date?) {
            self.owner = owner
            self.status = status
            self.assignedAt = assignedAt
            self.confirmedAt = confirmedAt
            self.firstFollowUpAt = firstFollowUpAt
        }
    }

    /// Leads a rep received in the period with the same status now, counted by the store with
    /// their stored SLA outcomes.
    public struct ReceivedCount: Hashable, Sendable {
        public var owner: String
        public var status: LeadStatus
        public var leads: Int
        public var confirmed: Int
        public var confirmedWithinSLA: Int
        public var followedUp: Int
        public var followedUpWithinSLA: Int

        public init(owner: String, status: LeadStatus, leads: Int, confirmed: Int, confirmedWithinSLA: Int, followedUp: Int,
                    followedUpWithinSLA: Int) {
            self.owner = owner
            self.status = status
            self.leads = leads
            self.confirmed = confirmed
            self.confirmedWithinSLA = confirmedWithinSLA
            self.followedUp = followedUp
            self.followedUpWithinSLA = followedUpWithinSLA
        }
    }

    /// A rep's closed deals and open work, counted by the store.
    public struct Closing: Hashable, Sendable {
        public var owner: String
        public var won: Int
        public var wonAmount: Money
        public var lost: Int
        /// Summed seconds from registration to the win, over the won deals.
        public var wonCycleSeconds: Double
        /// Assigned and active leads now.
        public var openWorkload: Int

        public init(owner: String, won: Int, wonAmount: Money, lost: Int, wonCycleSeconds: Double, openWorkload: Int) {
            self.owner = owner
            self.won = won
            self.wonAmount = wonAmount
            self.lost = lost
            self.wonCycleSeconds = wonCycleSeconds
            self.openWorkload = openWorkload
        }
    }

    /// One rep's line.
    public struct Line: Hashable, Sendable, Codable {
        public var login: String
        public var name: String
        public var received: Int
        public var confirmed: Int
        public var confirmedWithinSLA: Int
        public var followedUp: Int
        public var followedUpWithinSLA: Int
        /// The received leads by their status now (`assigned`, `active`, `won`, `lost`, `pooled`, …).
        public var byStatus: [String: Int]
        public var won: Int
        public var wonAmount: Money
        public var lost: Int
        /// `won / (won + lost)` of the deals closed in the period.
        public var winRate: Double?
        /// Mean days from registration to win.
        public var averageCycleDays: Double?
        public var openWorkload: Int
        /// The rep's won-amount target for the period (targets pro-rated by the days they share
        /// with it) and how much of it is reached.
        public var target: Money?
        public var attainment: Double?
        /// The won-deals target, pro-rated the same way, and how much of it is reached.
        public var wonCountTarget: Double?
        public var wonCountAttainment: Double?

        /// Counts received leads already counted by the store.
        mutating func count(_ counted: ReceivedCount) {
            received += counted.leads
            byStatus[counted.status.rawValue, default: 0] += counted.leads
            confirmed += counted.confirmed
            confirmedWithinSLA += counted.confirmedWithinSLA
            followedUp += counted.followedUp
            followedUpWithinSLA += counted.followedUpWithinSLA
        }

        /// Counts one received lead: `nil` for an SLA not reached yet, else whether it was kept.
        mutating func count(confirmedKept: Bool?, followedKept: Bool?, status: LeadStatus) {
            received += 1
            byStatus[status.rawValue, default: 0] += 1
            if let kept = confirmedKept {
                confirmed += 1
                if kept { confirmedWithinSLA += 1 }
            }
            if let kept = followedKept {
                followedUp += 1
                if kept { followedUpWithinSLA += 1 }
            }
        }
    }

    /// A supervisor's team: its reps' figures added up, against the team's own target.
    public struct TeamLine: Hashable, Sendable, Codable {
        public var supervisor: String
        public var name: String
        public var reps: Int
        public var received: Int
        public var won: Int
        public var wonAmount: Money
        public var target: Money?
        public var attainment: Double?
    }

    public var lines: [Line]
    public var teams: [TeamLine]

    /// Builds the lines: one per rep in `names` (every rep of the scope, even one with nothing
    /// yet), the `received` leads' SLAs measured with `sla` on `calendar` (`receivedCounts`:
    /// leads the store counted with their stored outcomes), best won amount first; then one line per
    /// supervisor in `supervisorOf` (rep → direct supervisor) over their reps, with the
    /// `targets` that overlap `period` pro-rated to it.
    public init(names: [String: String], supervisorNames: [String: String] = [:], received: [Received], receivedCounts: [ReceivedCount] = [],
                closings: [Closing],
                targets: [SalesTarget] = [],
                supervisorOf: [String: String] = [:], period: ReportPeriod? = nil, sla: SLAPolicy, calendar: WorkingCalendar) {
        func prorated(_ subject: TargetSubject) -> (amount: Money?, count: Double?) {
            guard let period else { return (nil, nil) }
            var amount: Double?
            var count: Double?
            for target in targets where target.subject == subject {
                let share = target.period.share(within: period)
                guard share > 0 else { continue }
                if let won = target.wonAmount { amount = (amount ?? 0) + Double(won.fen) * share }
                if let won = target.wonCount { count = (count ?? 0) + Double(won) * share }
            }
            return (amount.map(Money.init(totalFen:)), count)
        }
        var lines: [String: Line] = [:]
        func line(_ login: String) -> Line {
            if let line = lines[login] { return line }
            let target = prorated(.rep(login))
            return Line(login: login, name: names[login] ?? login, received: 0, confirmed: 0, confirmedWithinSLA: 0,
                        followedUp: 0, followedUpWithinSLA: 0, byStatus: [:], won: 0, wonAmount: .zero, lost: 0,
                        winRate: nil, averageCycleDays: nil, openWorkload: 0, target: target.amount, attainment: nil,
                        wonCountTarget: target.count, wonCountAttainment: nil)
        }
        for login in names.keys { lines[login] = line(login) }
        for lead in received {
            if lines[lead.owner] == nil { lines[lead.owner] = line(lead.owner) }
            let confirmedKept = lead.confirmedAt.map { sla.confirmWithin.isKept(from: lead.assignedAt, to: $0, on: calendar) }
            let followedKept = lead.firstFollowUpAt.map { sla.firstFollowUpWithin.isKept(from: lead.assignedAt, to: $0, on: calendar) }
            // Counted in place: copying the line out and back would copy its status counts once per lead.
            lines[lead.owner]?.count(confirmedKept: confirmedKept, followedKept: followedKept, status: lead.status)
        }
        for counted in receivedCounts {
            if lines[counted.owner] == nil { lines[counted.owner] = line(counted.owner) }
            lines[counted.owner]?.count(counted)
        }
        for closing in closings {
            var entry = line(closing.owner)
            entry.won = closing.won
            entry.wonAmount = closing.wonAmount
            entry.lost = closing.lost
            entry.openWorkload = closing.openWorkload
            entry.winRate = closing.won + closing.lost > 0 ? Double(closing.won) / Double(closing.won + closing.lost) : nil
            entry.averageCycleDays = closing.won > 0 ? closing.wonCycleSeconds / Double(closing.won) / 86_400 : nil
            lines[closing.owner] = entry
        }
        self.lines = lines.values.map { line in
            var line = line
            if let target = line.target, target.fen > 0 { line.attainment = Double(line.wonAmount.fen) / Double(target.fen) }
            if let target = line.wonCountTarget, target > 0 { line.wonCountAttainment = Double(line.won) / target }
            return line
        }.sorted { ($0.wonAmount, $1.login) > ($1.wonAmount, $0.login) }
        var teams: [String: TeamLine] = [:]
        for line in self.lines {
            guard let supervisor = supervisorOf[line.login] else { continue }
            var team = teams[supervisor] ?? TeamLine(supervisor: supervisor, name: supervisorNames[supervisor] ?? supervisor, reps: 0, received: 0, won: 0,
                                                     wonAmount: .zero, target: prorated(.team(supervisor)).amount, attainment: nil)
            team.reps += 1
            team.received += line.received
            team.won += line.won
            team.wonAmount = team.wonAmount.adding(line.wonAmount)
            teams[supervisor] = team
        }
        self.teams = teams.values.map { team in
            var team = team
            if let target = team.target, target.fen > 0 { team.attainment = Double(team.wonAmount.fen) / Double(target.fen) }
            return team
        }.sorted { ($0.wonAmount, $1.supervisor) > ($1.wonAmount, $0.supervisor) }
    }
}
