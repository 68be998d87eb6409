import ClewDomain
import Foundation
import Testing

@Suite("LeadNumber")
struct LeadNumberTests {

    static let day = CalendarDay(year: 2026, month: 11, day: 23)

    @Test("parses the printed form", arguments: [
        ("XL-20261123-001", 1, "XL-20261123-001"),
        ("xl-20261123-042", 42, "XL-20261123-042"),
        (" XL-20261123-999 ", 999, "XL-20261123-999"),
        ("XL-20261123-1000", 1000, "XL-20261123-1000"),
        ("Xl-20261123-123456", 123_456, "XL-20261123-123456"),
        ("ＸＬ－２０２６１１２３－００７", 7, "XL-20261123-007"),
    ])
    func parses(text: String, sequence: Int, printed: String) throws {
        let number = try #require(LeadNumber(text))
        #expect(number.day == Self.day)
        #expect(number.sequence == sequence)
        #expect(number.description == printed)
    }

    @Test("rejects anything else", arguments: [
        "", "XL-20261123-000", "XL-20261123-1", "XL-20261123-01", "XL-20261123-0001", "XL-20260230-001",
        "XX-20261123-001", "XL20261123001", "XL-2026112-001", "XL-20261123-", "XL-20261123-12a",
        "XL-20261123-001-1", "XL--20261123-001", "XL-2026-11-23-001", "XL-20261123-+12",
    ])
    func rejects(text: String) {
        #expect(LeadNumber(text) == nil)
    }

    @Test("formats with at least three digits", arguments: [
        (1, "XL-20261123-001"), (7, "XL-20261123-007"), (999, "XL-20261123-999"), (1000, "XL-20261123-1000"),
    ])
    func formats(sequence: Int, expected: String) throws {
        let number = LeadNumber(day: Self.day, sequence: sequence)
        #expect(number.description == expected)
        #expect(LeadNumber(expected) == number)
    }

    @Test("orders by day, then sequence — not by string")
    func ordering() throws {
        let texts = ["XL-20261124-001", "XL-20261123-1000", "XL-20261123-999", "XL-20261122-5000"]
        let numbers = texts.compactMap(LeadNumber.init)
        #expect(numbers.sorted().map(\.description)
            == ["XL-20261122-5000", "XL-20261123-999", "XL-20261123-1000", "XL-20261124-001"])
        let small = try #require(LeadNumber("XL-20261123-999"))
        let large = try #require(LeadNumber("XL-20261123-1000"))
        #expect(small < large)
        #expect(small.description > large.description)
    }

    @Test("encodes as the plain string")
    func codable() throws {
        let number = LeadNumber(day: Self.day, sequence: 7)
        let data = try JSONEncoder().encode([number])
        #expect(String(decoding: data, as: UTF8.self) == #"["XL-20261123-007"]"#)
        #expect(try JSONDecoder().decode([LeadNumber].self, from: data) == [number])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([LeadNumber].self, from: Data(#"["XL-1"]"#.utf8))
        }
    }
}
