import ClewDomain
import ClewServices

/// A seeded lead's company facts (issue 17): headcount, annual revenue, ownership, founding year
/// and decision chain, drawn from a stream of the lead's own (``random(lead:seed:)``) so adding
/// them left every other seeded value as it was.
///
/// About one lead in eight (and every lead still `new`) has none, as leads registered in a hurry do.
struct SeedCompany {
    var employees: Int
    var revenueFen: Int64
    var type: CompanyType
    var foundedYear: Int
    var decisionChain: String

    /// The lead's company-facts stream.
    static func random(lead index: Int, seed: UInt64) -> SeedRandom {
        SeedRandom(seed: seed &* 0x9FB2_1C65_1E98_DF25 &+ UInt64(index) &* 0xC2B2_AE3D &+ 17)
    }

    /// Headcounts as companies report them; a few jittered per lead.
    private static let sizes = [12, 25, 40, 60, 85, 120, 180, 260, 350, 500, 680, 900, 1_200, 2_000, 3_500, 6_000, 12_000, 30_000]
    /// Ownership weights: mostly private companies, as in the team's regions.
    private static let types: [CompanyType] = [.privateOwned, .privateOwned, .privateOwned, .privateOwned, .privateOwned, .privateOwned,
                                               .stateOwned, .stateOwned, .foreign, .jointVenture, .institution, .other]
    private static let chains = [
        "采购经理→技术总监→总经理", "IT经理→CIO→CEO", "部门经理→财务总监→董事长", "项目负责人→分管副总→总经理",
        "采购部→法务部→总经理办公会", "运营经理→总经理", "技术负责人→CTO→CEO",
    ]
    /// Public institutions (hospitals, schools, institutes) decide through their own offices.
    private static let institutionChains = ["信息中心主任→分管院长→院长办公会", "科室主任→设备处→院务会", "信息办→分管校长→校长办公会"]
    private static let englishChains = ["IT Manager→CIO→Regional VP", "Procurement→Legal→Country Manager", "Ops Lead→Finance Director→CEO"]

    /// The facts for lead `index` (nil for a lead without them); `english` names a foreign
    /// company (mostly 外企), `latestFounded` is the current year.
    static func facts(lead index: Int, seed: UInt64, complete: Bool, english: Bool, latestFounded: Int) -> SeedCompany? {
        var r = random(lead: index, seed: seed)
        guard complete, !r.chance(0.12) else { return nil }
        let base = r.pick(sizes)
        let employees = max(1, base + r.int(0...max(1, base / 5)) - base / 10)
        // Revenue per head of 15–90万 a year, in whole 万.
        let revenueYuan = Int64(employees) * Int64(r.int(15...90)) * 10_000
        let type: CompanyType = english ? (r.chance(0.8) ? .foreign : .jointVenture) : r.pick(types)
        let oldest = type == .stateOwned || type == .institution ? 1950 : 1985
        let founded = r.int(oldest...max(oldest, min(latestFounded - 1, 2024)))
        let chain = english ? r.pick(englishChains) : type == .institution ? r.pick(institutionChains) : r.pick(chains)
        return SeedCompany(employees: employees, revenueFen: min(revenueYuan, CompanyFacts.revenueLimit.fen / 100) * 100, type: type,
                           foundedYear: founded, decisionChain: chain)
    }
}
