import ClewDomain
import Foundation
import Hummingbird

/// A post's body read into (name, value) pairs: a JSON object of strings, numbers and booleans,
/// or `application/x-www-form-urlencoded` as a plain HTML form sends it.
enum PostedFields {
    /// Why a body could not be read.
    enum Failure: Error, Equatable {
        /// Neither JSON nor a form (415).
        case unsupportedType(String)
        /// Not valid JSON / form data, or not a flat object (400).
        case malformed(String)
    }

    /// The fields of `body` sent as `contentType`.
    static func read(_ body: ByteBuffer, contentType: String?) throws(Failure) -> [(name: String, value: String)] {
        let type = (contentType ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        let bytes = Data(body.readableBytesView)
        switch type {
        case "application/json", "text/json": return try json(bytes)
        case "application/x-www-form-urlencoded", "": return try form(bytes)
        default: throw .unsupportedType(type)
        }
    }

    private enum Scalar: Decodable {
        case text(String)
        case null

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null } else if let flag = try? container.decode(Bool.self) {
                self = .text(flag ? "1" : "0")
            } else if let number = try? container.decode(Int64.self) {
                self = .text(String(number))
            } else if let number = try? container.decode(Double.self) {
                self = .text(String(number))
            } else {
                self = .text(try container.decode(String.self))
            }
        }
    }

    private static func json(_ bytes: Data) throws(Failure) -> [(name: String, value: String)] {
        do {
            let object = try JSONDecoder().decode([String: Scalar].self, from: bytes)
            return object.sorted { $0.key < $1.key }.compactMap { name, value in
                if case let .text(text) = value { (name, text) } else { nil }
            }
        } catch {
            throw .malformed("the body is not a JSON object of strings, numbers and booleans")
        }
    }

    private static func form(_ bytes: Data) throws(Failure) -> [(name: String, value: String)] {
        guard let text = String(data: bytes, encoding: .utf8) else { throw .malformed("the form is not UTF-8") }
        if TextNormalization.trimmed(text).isEmpty { return [] }
        // Foundation's percent decoding, on each name and value (a form writes a space as "+").
        var fields: [(name: String, value: String)] = []
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), let value = parts.count > 1 ? decode(parts[1]) : "" else {
                throw .malformed("the body is not application/x-www-form-urlencoded (bad %-escape)")
            }
            fields.append((name, value))
        }
        return fields
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
