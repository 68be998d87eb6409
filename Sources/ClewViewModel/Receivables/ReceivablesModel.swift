import ClewDomain
import ClewServices
import Foundation

/// The finance screen (应收款, key `7`): what falls due this week, the contracts with the most
/// still to collect, and overdue money by age (0–30, 31–60, 61–90, 90+ days) per customer and
/// per rep, over what the reader may see (``ReceivableAccess``: finance, supervisors, admins
/// and support everything, a rep their own customers, marketing nothing). `Tab` moves between
/// the four panels; `p` records a payment and `i` an invoice on the focused contract.
///
/// One ``ReceivableService/report(asOf:contractLimit:)`` per load: a handful of indexed
/// aggregates, never every row.
public final class ReceivablesModel {
    /// The screen's panels, in `Tab` order.
    public enum Panel: Int, CaseIterable, Hashable, Sendable { case dueThisWeek, contracts, byCustomer, byRep }

    /// How much of the receivables the reader sees.
    public enum Reach: Hashable, Sendable {
        /// Every customer's (finance, supervisors, admins, support).
        case all
        /// The customers of the reader's own deals (a rep).
        case own
        /// None: the role may not read receivables (marketing).
        case none
    }

    let services: any SessionServices
    /// The figures as last loaded (nil before the first load, or when the role sees none).
    public private(set) var report: ReceivablesReport?
    public private(set) var panel: Panel = .dueThisWeek
    /// A cursor per panel.
    public private(set) var cursors: [Panel: SelectionList] = Dictionary(uniqueKeysWithValues: Panel.allCases.map { ($0, SelectionList()) })
    /// How many contracts the contracts panel lists.
    public static let contractLimit = 50
    /// How many loads ran (the view-model tests count them).
    public private(set) var loads = 0

    public init(services: any SessionServices) { self.services = services }

    /// What the reader's role sees.
    public var reach: Reach {
        let actor = services.actor
        if ReceivableAccess.seesAll(actor) { return .all }
        return actor.role == .rep ? .own : .none
    }

    /// Whether the reader may record payments and invoices (finance and admins).
    public var canRecord: Bool {
        let actor = services.actor
        return ReceivableAccess.allows(.recordPayment, owner: actor.login, status: .signed, by: actor)
    }

    /// Reads the figures again (nothing when the role sees none), keeping each panel's cursor.
    public func reload() throws {
        guard reach != .none else { report = nil; return }
        report = try services.receivables.report(asOf: nil, contractLimit: Self.contractLimit)
        loads += 1
        for panel in Panel.allCases { cursors[panel]?.count = count(of: panel) }
    }

    /// How many rows `panel` has.
    public func count(of panel: Panel) -> Int {
        guard let report else { return 0 }
        switch panel {
        case .dueThisWeek: return report.dueThisWeek.count
        case .contracts: return report.contracts.count
        case .byCustomer: return report.byCustomer.count
        case .byRep: return report.byRep.count
        }
    }

    /// The cursor of `panel`.
    public func cursor(_ panel: Panel) -> SelectionList { cursors[panel] ?? SelectionList() }

    /// Sets how many rows each panel shows.
    public func setVisibleRows(_ rows: Int) {
        for panel in Panel.allCases { cursors[panel]?.visibleRows = max(1, rows) }
    }

    /// `Tab` / `Shift-Tab`: the next or previous panel.
    public func switchPanel(forward: Bool) {
        let all = Panel.allCases
        panel = all[(panel.rawValue + (forward ? 1 : all.count - 1)) % all.count]
    }

    public func move(by delta: Int) { cursors[panel]?.move(by: delta) }
    public func page(by pages: Int) { cursors[panel]?.page(by: pages) }
    public func first() { cursors[panel]?.first() }
    public func last() { cursors[panel]?.last() }

    /// The focused instalment (due-this-week panel).
    public var focusedInstalment: InstalmentItem? {
        guard panel == .dueThisWeek, let list = report?.dueThisWeek, list.indices.contains(cursor(.dueThisWeek).index) else { return nil }
        return list[cursor(.dueThisWeek).index]
    }

    /// The focused contract (contracts panel).
    public var focusedSummary: ContractSummary? {
        guard panel == .contracts, let list = report?.contracts, list.indices.contains(cursor(.contracts).index) else { return nil }
        return list[cursor(.contracts).index]
    }

    /// The focused aged line (customer or rep panel).
    public var focusedLine: ReceivablesReport.AgedLine? {
        guard let report else { return nil }
        let list = panel == .byCustomer ? report.byCustomer : panel == .byRep ? report.byRep : []
        return list.indices.contains(cursor(panel).index) ? list[cursor(panel).index] : nil
    }

    /// The contract a payment or invoice applies to: the focused instalment's or contract's.
    public var focusedContractNumber: String? {
        focusedInstalment?.contractNumber ?? focusedSummary?.contract.number
    }

    /// The customer behind the focused row, when the row names one (for `Enter`).
    public var focusedCustomerName: String? {
        if let summary = focusedSummary { return summary.contract.customerName }
        if panel == .byCustomer { return focusedLine?.name }
        if let instalment = focusedInstalment { return instalment.customerName }
        return nil
    }

    /// What is left to pay on the focused row's contract or instalment (the payment form's default).
    public var focusedBalance: Money? { focusedInstalment?.balance ?? focusedSummary?.outstanding }
}
