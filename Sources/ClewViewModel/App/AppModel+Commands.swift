import ClewDomain
import ClewServices
import Foundation

// MARK: - The `:` command line

extension AppModel {
    func execute(_ command: Command) throws {
        switch command {
        case .quit: quit()
        case .help: openHelp()
        case let .show(name): show(Screen(rawValue: name) ?? .board)
        case let .search(text): accept(PromptModel(kind: .search, text: text))
        case let .open(number): open(number)
        case let .scope(name):
            guard let scope = BoardScope(rawValue: name.lowercased()) else { throw CommandError.usage(":scope mine|team|all") }
            try board.setScope(scope)
            show(.board)
        case .clearFilter:
            try board.setFilter(BoardFilter())
            status = StatusMessage(localizer("msg.filter-cleared"))
        case let .filter(pairs):
            var filter = board.filter
            for (key, value) in pairs {
                switch key {
                case "grade":
                    guard let grade = Grade(parsing: value) else { throw CommandError.usage("grade=A, B or C") }
                    filter.grade = grade
                case "owner": filter.owner = value == "me" ? services.actor.login : value
                case "source": filter.source = value
                case "region": filter.region = value
                case "flag": filter.flags = Set(value.split(separator: ",").compactMap { WorkFlag(spelling: String($0)) })
                case "company-type": filter.companyType = try CompanyFacts.companyType(value)
                case "employees-min":
                    guard let count = Int(value), (1...CompanyFacts.maximumEmployees).contains(count) else { throw CommandError.usage("employees-min=500") }
                    filter.employeesMin = count
                default: filter.tag = value
                }
            }
            try board.setFilter(filter)
            show(.board)
            status = StatusMessage(localizer("board.filter") + ": " + describe(filter))
        default:
            try executeOnLead(command)
        }
    }

    /// A board filter in the interface language: `grade=A owner=alice` / `等级=A 负责人=alice`.
    public func describe(_ filter: BoardFilter) -> String {
        let terms: [(String, String?)] = [("grade", filter.grade.map { "\($0)" }), ("owner", filter.owner), ("source", filter.source),
                                          ("region", filter.region), ("tag", filter.tag),
                                          ("company-type", filter.companyType?.name(english: localizer.language == .en)),
                                          ("employees-min", filter.employeesMin.map(String.init))]
        let flags = filter.flags.sorted().map { localizer.language == .zh ? $0.chineseName : $0.rawValue }
        // A tag dimension's value reads as its own term: 客户类型=高潜力.
        return (terms.compactMap { key, value in
            value.map { key == "tag" && TagDimension.split($0) != nil ? $0 : "\(localizer("filter.\(key)"))=\($0)" }
        } + flags).joined(separator: " ")
    }

    private func executeOnLead(_ command: Command) throws {
        if case .done = command { return completeTask() }
        if case let .snooze(text) = command {
            let until = try date(text)
            return withTask { task in act { try services.tasks.snooze(task.id, until: until); return localizer("msg.snoozed", task.id) } }
        }
        if case let .approve(comment) = command {
            return withApproval { item in act { try services.approvals.approve(item.id, comment: comment); return localizer("msg.approved", item.id) } }
        }
        if case let .reject(comment) = command {
            return withApproval { item in act { try services.approvals.reject(item.id, comment: comment); return localizer("msg.rejected", item.id) } }
        }
        guard let number = focusedLeadNumber else { throw UIError("error.no-lead") }
        let leads = services.leads
        let version = loadedLead(number)?.version
        switch command {
        case let .assign(login):
            if screen == .screening, let screening, screening.selected.count > 1 {
                let preview = try screening.preview(to: login)
                ask(previewQuestion(preview)) { [weak self] in
                    guard let self else { return nil }
                    let count = try screening.apply(preview)
                    refresh()
                    return StatusMessage(localizer("msg.assigned-many", count, login))
                }
            } else {
                act { try leads.assign(number, to: login, expectedVersion: version); return localizer("msg.assigned", number, login) }
            }
        case let .grade(grade, reason):
            act { try leads.grade(number, grade, reason: reason, expectedVersion: version); return localizer("msg.graded", number, grade) }
        case let .move(stage):
            act { describe(try leads.move(number, to: stage, reason: nil, expectedVersion: version), number: number).text }
        case let .win(text):
            guard let amount = Money(parsing: text) else { throw CommandError.usage(":win AMOUNT (380000, 38万)") }
            act { try leads.win(number, amount: amount, expectedVersion: version); return localizer("msg.won", number, amount) }
        case let .lose(text):
            guard let reason = LostReason(parsing: text) else { throw CommandError.usage(":lose REASON") }
            act { try leads.lose(number, reason: reason, expectedVersion: version); return localizer("msg.lost", number, reason.chineseName) }
        case let .note(text):
            act { let who = try leads.addNote(number, body: text); return localizer("msg.note-added") + (who.isEmpty ? "" : localizer("msg.notified", who.joined(separator: ", "))) }
        case .confirm:
            act { try leads.confirm(number); return localizer("msg.confirmed", number) }
        case let .object(reason):
            act { Self.describe(try leads.objectOrAsk(number, reason: reason), number: number, localizer).text }
        case .claim:
            act { try leads.claim(number); return localizer("msg.claimed", number) }
        case let .returnToPool(reason):
            act { try leads.returnToPool(number, reason: reason); return localizer("msg.returned", number, "") }
        default:
            break
        }
    }
}
