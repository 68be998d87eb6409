/// Encodes a plain struct with every stored property as a key, `null` for nil ones — the
/// synthesized `Encodable` leaves nil keys out, and the README promises nulls in `--json`.
///
/// Keys are the property names, as the synthesized conformance uses them (the wrapped types have
/// no custom `CodingKeys`).
///
/// ```swift
/// try Output.json(detail.followUps.map(NullKeepingJSON.init))   // "feedback": null, …
/// ```
struct NullKeepingJSON<Value: Encodable>: Encodable {
    let value: Value

    init(_ value: Value) { self.value = value }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for child in Mirror(reflecting: value).children {
            guard let label = child.label else { continue }
            let key = Key(stringValue: label)
            let field = Mirror(reflecting: child.value)
            if field.displayStyle == .optional && field.children.isEmpty {
                try container.encodeNil(forKey: key)
            } else if let encodable = child.value as? any Encodable {
                try container.encode(encodable, forKey: key)
            }
        }
    }
}
