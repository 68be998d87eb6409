import ClewDomain
@testable import ClewMemoryStore
import ClewServices
@testable import ClewStore
import Foundation
import Testing

/// The in-memory store names a lead's audited fields and writes their values as the SQLite store
/// does (`Lead+StoredFields.swift` against `Lead.columns`): a column added to one and not the
/// other fails here, before two trails drift apart.
@Suite("Ports: lead field names")
struct LeadFieldNamingTests {
    /// A lead with every audited field given.
    static let full = Lead(
        id: 9, number: LeadNumber("XL-20261203-009")!, status: .active, stage: "discovery", grade: .a, suggestedGrade: .b, score: 72,
        owner: "alice", pool: "华东",
        details: LeadDraft(customer: "杭州恒通科技有限公司", contact: "王伟", title: "总经理", phone: "138 1234 5678", email: "wang@hengtong.cn",
                           industry: "软件", need: "CRM", source: "官网", campaign: "春季展", region: "华东", city: "杭州", budget: "20-50万",
                           employees: "350", revenue: "1.2亿", companyType: "民营", founded: "2008", decisionChain: "采购→总经理"),
        phoneKey: "+8613812345678", emailKey: "wang@hengtong.cn", amount: Money(fen: 12_345_600), flags: [.fakePhone, .stalled],
        tags: ["重点", "复购"], lostReason: .choseCompetitor, createdBy: "admin", createdAt: Date(timeIntervalSince1970: 1_790_000_000),
        updatedBy: "admin", updatedAt: Date(timeIntervalSince1970: 1_790_000_000), statusChangedAt: Date(timeIntervalSince1970: 1_790_000_000),
        contactLanguage: .en, customerID: 77)

    @Test func theInMemoryStoreNamesAndWritesEveryAuditedFieldAsSQLiteDoes() {
        let sqlite = Self.full.columns(mergedIntoID: nil).filter { $0.audited && $0.name != "merged_into" }
            .map { column -> (name: String, text: String?) in (column.name, Mutation.text(column.value)) }
        let memory = Self.full.auditedFields
        #expect(memory.map(\.name) == sqlite.map(\.name))
        #expect(memory.map(\.text) == sqlite.map(\.text))
        #expect(memory.allSatisfy { $0.text != nil }, "the set-up gives every field, so each comparison means something")
    }

    @Test func theDerivedFieldsAreAuditedFieldsOfBoth() {
        let names = Set(Self.full.auditedFields.map(\.name))
        #expect(LeadFieldNames.derived.isSubset(of: names))
    }
}
