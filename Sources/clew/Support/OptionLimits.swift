import ArgumentParser

/// Bounds for the numbers the command line takes, checked before anything runs, so no count,
/// page size or id reaches a loop, an allocation or SQL unchecked.
enum OptionLimits {
    /// The largest page any list prints.
    static let pageSize = 1...1_000
    /// The most outbox messages one delivery run sends.
    static let deliveryBatch = 1...10_000

    /// Throws a usage error naming `option` unless `value` lies in `range`.
    static func check(_ value: Int, in range: ClosedRange<Int>, _ option: String) throws {
        guard range.contains(value) else {
            throw ValidationError("\(option) must be between \(range.lowerBound) and \(range.upperBound) (取值范围 \(range.lowerBound)–\(range.upperBound))")
        }
    }

    /// Throws a usage error naming `option` unless the id is positive.
    static func check(id: Int64, _ option: String) throws {
        guard id > 0 else { throw ValidationError("\(option) must be a positive id, as 'list' shows it (编号须为正数)") }
    }
}
