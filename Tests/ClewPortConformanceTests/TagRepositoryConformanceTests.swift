import ClewDomain
import ClewServices
import Foundation
import Testing

/// What every store's manual tag records must do, run on each engine through the real
/// ``TagService``: a record per tag with who put it on and when, taken off by marking it, put
/// back on as one audited change of the same record — and the same trail on both stores.
@Suite("Ports: manual tags")
struct TagRepositoryConformanceTests {
    /// The audit rows about tag records, as (action, actor, field, old, new), with the version each produced.
    static func trail(_ s: StoreUnderTest) throws -> [[String?]] {
        try s.store.read { tx in
            try tx.history(of: "lead_tag").map { [$0.action, $0.actor, $0.field, $0.old, $0.new] }
        }
    }

    @Test(arguments: StoreUnderTest.Engine.allCases)
    func aTagIsARecordTakenOffByMarkingItAndPutBackOnAsOneChange(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        let number = s.claimedNumber.description
        let alice = TagService(store: s.store, actor: s.actor("alice"))
        let tags = try alice.add(["价格异议", " vip ", "vip"], to: number)
        #expect(tags == [LeadTag(name: "vip", addedBy: "alice", addedAt: StoreUnderTest.now),
                         LeadTag(name: "价格异议", addedBy: "alice", addedAt: StoreUnderTest.now)])
        #expect(try s.store.read { try $0.leads.lead(number: s.claimedNumber)?.tags } == ["价格异议", "vip"])
        #expect(try alice.remove(["vip"], from: number) == [LeadTag(name: "价格异议", addedBy: "alice", addedAt: StoreUnderTest.now)])
        #expect(throws: TagError.notOnLead(tag: "vip", number: number)) { try alice.remove(["vip"], from: number) }
        #expect(try TagService(store: s.store, actor: s.actor("bob")).add(["vip"], to: number).first
            == LeadTag(name: "vip", addedBy: "bob", addedAt: StoreUnderTest.now))
        #expect(try Self.trail(s) == [
            ["tag", "alice", "tag", nil, "价格异议"], ["tag", "alice", "tag", nil, "vip"],
            ["untag", "alice", "removed_by", nil, "alice"],
            ["tag", "bob", "added_by", "alice", "bob"], ["tag", "bob", "removed_by", "alice", nil],
        ])
        // The lead's tag set is audited with the lead, each change once.
        let leadRows = try s.store.read { tx in try tx.history(of: "lead").filter { $0.field == "tags" }.map(\.action) }
        #expect(leadRows == ["tag", "untag", "tag"])
        #expect(throws: PermissionError.self) { try TagService(store: s.store, actor: s.actor("carol")).add(["x"], to: number) }
    }

    /// Not per engine: the same tagging on both stores leaves the same trails, lead and record.
    @Test func theSameTaggingLeavesTheSameTrailOnBothStores() throws {
        let outcomes = try StoreUnderTest.Engine.allCases.map { engine -> [[String?]] in
            let s = try StoreUnderTest(engine)
            let before = try s.store.read { try $0.history(of: "lead").count }
            let bob = TagService(store: s.store, actor: s.actor("bob"))
            try bob.add(["老客户", "vip"], to: s.assignedNumber.description)
            try bob.remove(["老客户"], from: s.assignedNumber.description)
            try TagService(store: s.store, actor: s.actor("alice")).add(["竞品对比"], to: s.claimedNumber.description)
            try bob.add(["老客户"], to: s.assignedNumber.description)
            let lead = try s.store.read { tx in try tx.history(of: "lead").dropFirst(before).map { [String($0.entityID), $0.action, $0.actor, $0.field, $0.old, $0.new] } }
            return lead + (try Self.trail(s))
        }
        #expect(outcomes[0] == outcomes[1])
        #expect(outcomes[0].count >= 9, "the set-up did its work")
    }
}
