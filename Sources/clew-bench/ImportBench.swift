import ClewDomain
import ClewStore
import Foundation

/// Import throughput (DESIGN §10): `rows` generated leads written as a CSV file, imported with
/// ``ImportService`` into an empty database, beside ``ImportBaseline`` inserting the same rows
/// raw into another empty database in the same run. Target: import ≥ 1/3 of the raw rate.
struct ImportBench {
    let rows: Int

    struct Result: Encodable {
        var rows: Int
        var fileMegabytes: Double
        var importSeconds: Double
        var importRowsPerSecond: Double
        var rawSeconds: Double
        var rawRowsPerSecond: Double
        /// import rate ÷ raw rate.
        var ratio: Double
        var target: Double
        var pass: Bool
        var inserted: Int
        var rejected: Int

        var text: String {
            String(format: """
                import %d rows (%.1f MB CSV): %.2f s, %.0f rows/s · raw INSERT of the same rows: %.2f s, %.0f rows/s · \
                ratio %.2f (target ≥ %.2f) %@
                """, rows, fileMegabytes, importSeconds, importRowsPerSecond, rawSeconds, rawRowsPerSecond, ratio, target,
                          pass ? "ok" : "SLOW")
        }
    }

    func run(progress: @escaping (String) -> Void) throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("clew-import-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        progress("import bench: writing \(rows) rows")
        let cells = (0..<rows).map(Self.row)
        var text = "客户名称,联系人,手机,邮箱,所属行业,需求描述,线索来源,城市\r\n"
        text.reserveCapacity(rows * 120)
        for row in cells { text += row.map { CSVWriter.quoted($0) }.joined(separator: ",") + "\r\n" }
        let file = directory.appendingPathComponent("leads.csv")
        try Data(text.utf8).write(to: file)

        func database(_ name: String) throws -> (ClewContext, String) {
            let login = "bench"
            let db = try Maintenance.initialize(path: directory.appendingPathComponent(name).path, admin: login, name: "Bench")
            return (ClewContext(database: db), login)
        }
        let (importContext, login) = try database("import.db")
        let actor = try UserDirectory(context: importContext).actingUser(osLogin: login)
        progress("import bench: importing \(rows) rows")
        let (summary, importTime) = try Stopwatch.time {
            try ImportService(context: importContext, actor: actor).run(path: file.path) { p in
                if p.rows % 10_000 == 0 { progress("import bench: \(p.rows)/\(rows) rows") }
            }
        }
        try importContext.database.close()
        let (rawContext, rawLogin) = try database("raw.db")
        progress("import bench: raw insert of \(rows) rows")
        let (_, rawTime) = try Stopwatch.time { try ImportBaseline.insertRaw(cells, into: rawContext, as: rawLogin) }
        try rawContext.database.close()
        let importRate = Double(rows) / max(importTime.seconds, 1e-9)
        let rawRate = Double(rows) / max(rawTime.seconds, 1e-9)
        let target = 1.0 / 3.0
        return Result(rows: rows, fileMegabytes: Double(text.utf8.count) / 1_048_576, importSeconds: importTime.seconds,
                      importRowsPerSecond: importRate.rounded(), rawSeconds: rawTime.seconds, rawRowsPerSecond: rawRate.rounded(),
                      ratio: importRate / rawRate, target: target, pass: importRate / rawRate >= target,
                      inserted: summary.inserted, rejected: summary.rejected)
    }

    /// A plausible, unique lead row: Chinese company and person, a mobile in one of several
    /// spellings, an email for most.
    static func row(_ i: Int) -> [String] {
        let cities = ["杭州", "上海", "北京", "深圳", "成都", "武汉", "西安", "南京"]
        let industries = ["制造业", "零售", "互联网", "医疗", "教育", "物流"]
        let digits = "13" + String(format: "%09d", 100_000_000 + i * 7 % 899_999_999)
        let phone: String = switch i % 3 {
        case 0: digits
        case 1: "\(digits.prefix(3)) \(digits.dropFirst(3).prefix(4)) \(digits.suffix(4))"
        default: "+86 \(digits.prefix(3))-\(digits.dropFirst(3).prefix(4))-\(digits.suffix(4))"
        }
        return ["\(cities[i % cities.count])第\(i)科技有限公司", "联系人\(i)", phone, i % 5 == 4 ? "" : "contact\(i)@corp\(i % 997).com",
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
