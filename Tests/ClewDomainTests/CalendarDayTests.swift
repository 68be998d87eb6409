import ClewDomain
import Foundation
import Testing

@Suite("CalendarDay")
struct CalendarDayTests {

    @Test("parses and prints YYYY-MM-DD", arguments: [
        ("2026-10-01", 2026, 10, 1), ("2028-02-29", 2028, 2, 29), ("2000-02-29", 2000, 2, 29),
        ("0001-01-01", 1, 1, 1), ("9999-12-31", 9999, 12, 31), (" 2026-11-23\n", 2026, 11, 23),
    ])
    func parses(text: String, year: Int, month: Int, day: Int) throws {
        let parsed = try #require(CalendarDay(text))
        #expect(parsed == CalendarDay(year: year, month: month, day: day))
        #expect(parsed.description == TextNormalization.trimmed(text))
    }

    @Test("rejects malformed or impossible dates", arguments: [
        "2026-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-1-01", "20261001",
        "", "abcd-ef-gh", "2026-10-01x", "+202-10-01", "2026/10/01", "0000-01-01",
    ])
    func rejects(text: String) {
        #expect(CalendarDay(text) == nil)
    }

    @Test("weekday uses Calendar numbering", arguments: [
        ("2026-10-10", 7), ("2026-10-11", 1), ("2026-10-01", 5), ("1970-01-01", 5), ("2000-01-01", 7),
    ])
    func weekday(text: String, expected: Int) throws {
        #expect(try #require(CalendarDay(text)).weekday == expected)
    }

    @Test("arithmetic and weekday agree with Foundation over three centuries")
    func agreesWithFoundation() throws {
        let utc = TimeZone(identifier: "UTC") ?? .gmt
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        let origin = CalendarDay(year: 1900, month: 1, day: 1)
        let originDate = origin.date(in: utc)
        for offset in stride(from: 0, to: 110_000, by: 37) {
            let day = origin.adding(days: offset)
            let date = try #require(calendar.date(byAdding: .day, value: offset, to: originDate))
            #expect(day == CalendarDay.containing(date, in: utc))
            #expect(day.weekday == calendar.component(.weekday, from: date))
            #expect(day.date(in: utc) == date)
        }
    }

    @Test("day containing an instant depends on the time zone")
    func containing() throws {
        let instant = Date(timeIntervalSince1970: 1_790_872_200) // 2026-10-01 16:30 UTC
        let shanghai = try #require(TimeZone(identifier: "Asia/Shanghai"))
        let utc = try #require(TimeZone(identifier: "UTC"))
        #expect(CalendarDay.containing(instant, in: shanghai).description == "2026-10-02")
        #expect(CalendarDay.containing(instant, in: utc).description == "2026-10-01")
        #expect(CalendarDay(year: 2026, month: 10, day: 1).date(in: shanghai)
            == Date(timeIntervalSince1970: 1_790_784_000)) // 2026-09-30 16:00 UTC
    }

    @Test("ordering, adding and Codable")
    func orderingAndCodable() throws {
        let days = ["2026-12-31", "2026-01-02", "2025-12-31"].compactMap(CalendarDay.init)
        #expect(days.sorted().map(\.description) == ["2025-12-31", "2026-01-02", "2026-12-31"])
        #expect(CalendarDay(year: 2026, month: 12, day: 31).adding(days: 1).description == "2027-01-01")
        #expect(CalendarDay(year: 2028, month: 3, day: 1).adding(days: -1).description == "2028-02-29")
        let data = try JSONEncoder().encode(days)
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-12-31","2026-01-02","2025-12-31"]"#)
        #expect(try JSONDecoder().decode([CalendarDay].self, from: data) == days)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CalendarDay].self, from: Data(#"["2026-02-30"]"#.utf8))
        }
    }
}
