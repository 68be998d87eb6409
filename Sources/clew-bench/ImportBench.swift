import ClewAutomation
import ClewBenchBaselines
import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// Import throughput (issue 12 §2): `rows` generated leads written as a CSV file and imported
/// with ``ImportService``, beside Clew's own SQL floor (``ImportBaseline/insertFloor(_:into:as:chunk:)``:
/// the same rows by plain SQL into Clew's schema, in chunks) and a plain table
/// (``ImportBaseline/insertPlain(_:into:chunk:)``), all in the same run, into an empty database
/// and into one already holding `baseLeads` leads. Target: the import at ≥ 1/2 of the floor.
struct ImportBench {
    let rows: Int
    /// Leads already in the "loaded" database (0: measure the empty database only).
    let baseLeads: Int

    /// One database state: the import and both yardsticks.
    struct Case: Encodable {
        /// `empty`, or `100000 leads`.
        var database: String
        var importSeconds: Double
        var importRowsPerSecond: Double
        var floorRowsPerSecond: Double
        var plainRowsPerSecond: Double
        /// import rate ÷ floor rate.
        var ratio: Double
        var pass: Bool
        var inserted: Int
        var chunks: Int
    }

    struct Result: Encodable {
        var rows: Int
        var fileMegabytes: Double
        var target: Double
        var cases: [Case]

        var text: String {
            cases.map { c in
                String(format: """
                    import %d rows (%.1f MB CSV) into %@: %.2f s, %.0f rows/s in %d chunks · Clew's SQL floor %.0f rows/s · \
                    plain table %.0f rows/s · import/floor %.2f (target ≥ %.2f) %@
                    """, rows, fileMegabytes, c.database, c.importSeconds, c.importRowsPerSecond, c.chunks, c.floorRowsPerSecond,
                       c.plainRowsPerSecond, c.ratio, target, c.pass ? "ok" : "SLOW")
            }.joined(separator: "\n")
        }
    }

    static let target = 0.5

    func run(progress: @escaping (String) -> Void) throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("clew-import-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        progress("import bench: writing \(rows) rows")
        let cells = (0..<rows).map(Self.row)
        var text = Self.header
        text.reserveCapacity(rows * 120)
        for row in cells { text += row.map { CSVWriter.quoted($0) }.joined(separator: ",") + "\r\n" }
        let file = directory.appendingPathComponent("leads.csv")
        try Data(text.utf8).write(to: file)
        let prepared = cells.map(ImportBaseline.Row.init(cells:))
        let login = "bench"

        // The database states: empty, and (when asked) a seeded one, copied for each run.
        var templates: [(name: String, path: String?)] = [("empty", nil)]
        if baseLeads > 0 {
            progress("import bench: seeding \(baseLeads) leads")
            let path = directory.appendingPathComponent("seeded.db").path
            let database = try Maintenance.initialize(path: path, admin: login, name: "Bench")
            let context = ClewContext(database: database, automation: AutomationEngine())
            let admin = try UserDirectory(context: context).actingUser(osLogin: login)
            _ = try SeedGenerator(context: context, actor: admin).run(.init(leads: baseLeads, seed: 7), progress: nil)
            _ = try ImportBaseline.insertPlain((0..<baseLeads).map { ImportBaseline.Row(cells: Self.row(rows + $0)) }, into: context)
            database.checkpoint()
            try database.close()
            templates.append(("\(baseLeads) leads", path))
        }
        var cases: [Case] = []
        for (index, template) in templates.enumerated() {
            func database(_ name: String) throws -> ClewContext {
                let path = directory.appendingPathComponent("\(index)-\(name).db").path
                guard let source = template.path else {
                    return ClewContext(database: try Maintenance.initialize(path: path, admin: login, name: "Bench"), automation: AutomationEngine())
                }
                try FileManager.default.copyItem(atPath: source, toPath: path)
                return ClewContext(database: try ClewDatabase(path: path), automation: AutomationEngine())
            }
            let importContext = try database("import")
            let actor = try UserDirectory(context: importContext).actingUser(osLogin: login)
            progress("import bench: importing \(rows) rows into \(template.name)")
            let (summary, importTime) = try Stopwatch.time {
                try ImportService(context: importContext, actor: actor).run(path: file.path) { p in
                    if p.rows % 10_000 == 0 { progress("import bench: \(p.rows)/\(rows) rows into \(template.name)") }
                }
            }
            try importContext.database.close()
            let floorContext = try database("floor")
            progress("import bench: Clew's SQL floor, \(rows) rows into \(template.name)")
            let (_, floorTime) = try Stopwatch.time { try ImportBaseline.insertFloor(prepared, into: floorContext, as: login) }
            try floorContext.database.close()
            let plainContext = try database("plain")
            progress("import bench: plain table, \(rows) rows into \(template.name)")
            let (_, plainTime) = try Stopwatch.time { try ImportBaseline.insertPlain(prepared, into: plainContext) }
            try plainContext.database.close()
            let rate = { (time: Duration) in (Double(rows) / max(time.seconds, 1e-9)).rounded() }
            let ratio = rate(importTime) / max(rate(floorTime), 1)
            cases.append(Case(database: template.name, importSeconds: importTime.seconds, importRowsPerSecond: rate(importTime),
                              floorRowsPerSecond: rate(floorTime), plainRowsPerSecond: rate(plainTime), ratio: ratio,
                              pass: ratio >= Self.target, inserted: summary.inserted, chunks: summary.chunks))
        }
        return Result(rows: rows, fileMegabytes: Double(text.utf8.count) / 1_048_576, target: Self.target, cases: cases)
    }

    static let header = "客户名称,联系人,手机,邮箱,所属行业,需求描述,线索来源,城市\r\n"

    /// Writes a CSV file of `rows` rows (``row(_:)`` 0…rows-1) to `url` a few thousand rows at a
    /// time (a million rows need not be in memory). Returns its size in bytes.
    @discardableResult
    static func writeCSV(rows: Int, to url: URL) throws -> Int {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var text = header
        var size = 0
        for i in 0..<rows {
            text += row(i).map { CSVWriter.quoted($0) }.joined(separator: ",") + "\r\n"
            if text.utf8.count > 1 << 20 || i == rows - 1 {
                let data = Data(text.utf8)
                try handle.write(contentsOf: data)
                size += data.count
                text = ""
            }
        }
        return size
    }

    /// A plausible, unique lead row: Chinese company and person, a mobile in one of several
    /// spellings, an email for most. Neither phone nor email is one the seed generates, so the
    /// rows are new leads in the seeded database too, as they are for the SQL floor (the seed's
    /// emails are `contact<i>@corp<i % 997>.com`: rows that matched them were merges, not inserts).
    static func row(_ i: Int) -> [String] {
        let cities = ["杭州", "上海", "北京", "深圳", "成都", "武汉", "西安", "南京"]
        let industries = ["制造业", "零售", "互联网", "医疗", "教育", "物流"]
        let digits = "13" + String(format: "%09d", 100_000_000 + i * 7 % 899_999_999)
        let phone: String = switch i % 3 {
        case 0: digits
        case 1: "\(digits.prefix(3)) \(digits.dropFirst(3).prefix(4)) \(digits.suffix(4))"
        default: "+86 \(digits.prefix(3))-\(digits.dropFirst(3).prefix(4))-\(digits.suffix(4))"
        }
        return ["\(cities[i % cities.count])第\(i)科技有限公司", "联系人\(i)", phone, i % 5 == 4 ? "" : "contact\(i)@bench-corp\(i % 997).com",
                industries[i % industries.count], i % 4 == 0 ? "需尽快上线CRM, 预算已批" : "了解产品", "展会", cities[(i / 7) % cities.count]]
    }
}

extension ImportBench {
    /// The report's JSON with the import figures added under `"import"`.
    static func json(_ reportJSON: String, adding result: Result, catchUp: AutomationBench.CatchUp) throws -> String {
        let encoder = JSONEncoder()
        guard var object = try JSONSerialization.jsonObject(with: Data(reportJSON.utf8)) as? [String: Any] else { return reportJSON }
        object["import"] = try JSONSerialization.jsonObject(with: try encoder.encode(result))
        object["firstTick"] = try JSONSerialization.jsonObject(with: try encoder.encode(catchUp))
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
